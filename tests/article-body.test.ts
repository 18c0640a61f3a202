import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countWords,
  excerpt,
  readingTimeMinutes,
  splitParagraphs,
  toHtml,
  toMarkdown,
} from '../src/services/article-body.ts';

describe('article body renderings', () => {
  it('escapes HTML and wraps each paragraph in <p>', () => {
    assert.equal(
      toHtml(['Tom & Jerry <script>alert(1)</script>', 'He said "no" and \'yes\'']),
      '<p>Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>He said &quot;no&quot; and &#39;yes&#39;</p>',
    );
  });

  it('keeps Markdown literal', () => {
    assert.equal(toMarkdown(['# Not a heading', 'a *b* [c](d)']), '\\# Not a heading\n\na \\*b\\* \\[c\\](d)');
  });

  it('cuts excerpts at a word boundary with an ellipsis', () => {
    const paragraphs = ['The council voted seven to two on Thursday.'];
    assert.equal(excerpt(paragraphs, 100), 'The council voted seven to two on Thursday.');
    assert.equal(excerpt(paragraphs, 20), 'The council voted…');
    assert.ok(excerpt(paragraphs, 20).length <= 20);
    assert.equal(excerpt(['Supercalifragilistic'], 6), 'Super…');
  });

  it('splits paragraphs on blank lines and counts words', () => {
    assert.deepEqual(splitParagraphs('One  two.\n\n\n Three.\n'), ['One two.', 'Three.']);
    assert.equal(countWords('Seven — to two, on 14 March.'), 6);
    assert.equal(readingTimeMinutes(0), 1);
    assert.equal(readingTimeMinutes(231), 2);
  });
});
