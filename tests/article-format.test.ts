import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArticleFormatError, parseArticle, slugify, toInstant } from '../src/content/article-format.ts';

const sample = [
  'Published Date: 01.04.2025 09:45 / World / Americas',
  '',
  'Port Strike Ends After Nine Days',
  '',
  'Port Strike Ends After Nine Days',
  '',
  'Dock workers returned on Tuesday.',
  '',
  '',
  'Shipping lines said the backlog would clear within a week.',
].join('\n');

describe('article format reader', () => {
  it('reads day-first dates, section paths, the headline and paragraphs, dropping a repeated headline', () => {
    const article = parseArticle(sample);
    assert.deepEqual(article.published, { year: 2025, month: 4, day: 1, hour: 9, minute: 45 });
    assert.deepEqual(article.sectionPath, ['World', 'Americas']);
    assert.equal(article.headline, 'Port Strike Ends After Nine Days');
    assert.deepEqual(article.paragraphs, [
      'Dock workers returned on Tuesday.',
      'Shipping lines said the backlog would clear within a week.',
    ]);
  });

  it('tolerates a byte-order mark, CRLF line endings, trailing and extra spaces', () => {
    const messy =
      `\uFEFF${sample.replace('01.04.2025 09:45 / World / Americas', ' 1.4.2025  9:45 /  World /  Americas  ')}`
        .split('\n')
        .map((line) => `${line}   `)
        .join('\r\n');
    const article = parseArticle(messy);
    assert.deepEqual(article.published, { year: 2025, month: 4, day: 1, hour: 9, minute: 45 });
    assert.deepEqual(article.sectionPath, ['World', 'Americas']);
    assert.equal(article.paragraphs.length, 2);
  });

  it('keeps a missing section as an empty path', () => {
    assert.deepEqual(parseArticle(sample.replace(' / World / Americas', '')).sectionPath, []);
  });

  it('names the line and what was expected for broken files', () => {
    const cases: [string, number, RegExp][] = [
      ['Port Strike Ends\n\nBody.', 1, /expected a header/],
      [sample.replace('01.04.2025', '31.02.2025'), 1, /not a real date/],
      ['Published Date: 01.04.2025 09:45 / World\n\n', 2, /expected a headline/],
      ['Published Date: 01.04.2025 09:45 / World\n\nHeadline only\n\nHeadline only\n', 6, /expected body paragraphs/],
    ];
    for (const [text, line, message] of cases) {
      assert.throws(
        () => parseArticle(text),
        (error: unknown) => error instanceof ArticleFormatError && error.line === line && message.test(error.message),
      );
    }
  });

  it('turns local newsroom time into an exact instant in the given zone', () => {
    const published = { year: 2026, month: 3, day: 14, hour: 9, minute: 45 };
    assert.equal(toInstant(published).toISOString(), '2026-03-14T09:45:00.000Z');
    assert.equal(toInstant(published, 'Europe/Berlin').toISOString(), '2026-03-14T08:45:00.000Z');
    assert.equal(toInstant({ ...published, month: 7 }, 'America/New_York').toISOString(), '2026-07-14T13:45:00.000Z');
  });

  it('makes URL slugs from headlines', () => {
    assert.equal(slugify('Mayor’s “Green Deal” Passes — 7 to 2'), 'mayors-green-deal-passes-7-to-2');
    assert.equal(slugify('Café Zürich'), 'cafe-zurich');
  });
});
