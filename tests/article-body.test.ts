import { describe, expect, it } from 'vitest';
import { countWords, excerpt, readingTimeMinutes, splitParagraphs, toHtml, toMarkdown } from '../src/articles/body.ts';

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
});
