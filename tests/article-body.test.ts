import { describe, expect, it } from 'vitest';
import {
  countWords,
  excerpt,
  plainText,
  readingTimeMinutes,
  splitParagraphs,
  toHtml,
  toMarkdown,
} from '../src/articles/body.ts';

describe('article body renderings', () => {
  it('escapes HTML and wraps each paragraph in <p>', () => {
    expect(toHtml(['Tom & Jerry <script>alert(1)</script>', 'He said "no" and \'yes\''])).toBe(
      '<p>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>He said &quot;no&quot; and &#39;yes&#39;</p>',
    );
  });

  it('keeps Markdown literal', () => {
    expect(toMarkdown(['# Not a heading', 'a *b* [c](d)'])).toBe('\\# Not a heading\n\na \\*b\\* \\[c\\](d)');
  });

  it('cuts excerpts at a word boundary with an ellipsis', () => {
    const paragraphs = ['The council voted seven to two on Thursday.'];
    expect(excerpt(paragraphs, 100)).toBe('The council voted seven to two on Thursday.');
    expect(excerpt(paragraphs, 20)).toBe('The council voted…');
    expect(excerpt(paragraphs, 20).length <= 20).toBeTruthy();
    expect(excerpt(['Supercalifragilistic'], 6)).toBe('Super…');
  });

  it('splits paragraphs on blank lines and counts words', () => {
    expect(splitParagraphs('One  two.\n\n\n Three.\n')).toStrictEqual(['One two.', 'Three.']);
    expect(countWords('Seven — to two, on 14 March.')).toBe(6);
    expect(readingTimeMinutes(0)).toBe(1);
    expect(readingTimeMinutes(231)).toBe(2);
  });

  // A tidy body is split without tidying it again: the answers must be those of the full tidy-up,
  // for tidy bodies and for every kind of white space that makes one untidy.
  it('splits a tidy body as it splits any other', () => {
    const tidied = (body: string) =>
      body
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
        .filter((paragraph) => paragraph.length > 0);
    let seed = 20261206;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = ['word', 'é', '.', ' ', ' ', ' ', '\n\n', '\n\n', '\n', '\t', '\r', '\u00a0', '\u2028', '\u3000'];
    const bodies = [
      '',
      ' ',
      '\n\n',
      'One.',
      'One two.\n\nThree.',
      'One two. \n\nThree.',
      'One\n\n\nTwo',
      ' One',
      'One ',
    ];
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(next() * 12);
      bodies.push(Array.from({ length }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
    }
    for (const body of bodies) {
      expect(splitParagraphs(body), JSON.stringify(body)).toStrictEqual(tidied(body));
      expect(plainText(body), JSON.stringify(body)).toBe(tidied(body).join('\n\n'));
    }
  });
});
