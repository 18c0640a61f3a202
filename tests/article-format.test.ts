import { describe, expect, it } from 'vitest';
import { ArticleFormatError, parseArticle, slugify, toInstant } from '../src/content/article-format.ts';
import { thrownBy } from './support/expect.ts';

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
    expect(article.published).toStrictEqual({ year: 2025, month: 4, day: 1, hour: 9, minute: 45 });
    expect(article.sectionPath).toStrictEqual(['World', 'Americas']);
    expect(article.headline).toBe('Port Strike Ends After Nine Days');
    expect(article.paragraphs).toStrictEqual([
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
    expect(article.published).toStrictEqual({ year: 2025, month: 4, day: 1, hour: 9, minute: 45 });
    expect(article.sectionPath).toStrictEqual(['World', 'Americas']);
    expect(article.paragraphs.length).toBe(2);
  });

  it('keeps a missing section as an empty path', () => {
    expect(parseArticle(sample.replace(' / World / Americas', '')).sectionPath).toStrictEqual([]);
  });

  it('names the line and what was expected for broken files', () => {
    const cases: [string, number, RegExp][] = [
      ['Port Strike Ends\n\nBody.', 1, /expected a header/],
      [sample.replace('01.04.2025', '31.02.2025'), 1, /not a real date/],
      ['Published Date: 01.04.2025 09:45 / World\n\n', 2, /expected a headline/],
      ['Published Date: 01.04.2025 09:45 / World\n\nHeadline only\n\nHeadline only\n', 6, /expected body paragraphs/],
    ];
    for (const [text, line, message] of cases) {
      const error = thrownBy(() => parseArticle(text));
      expect(error).toBeInstanceOf(ArticleFormatError);
      expect((error as ArticleFormatError).line).toBe(line);
      expect(error.message).toMatch(message);
    }
  });

  it('turns local newsroom time into an exact instant in the given zone', () => {
    const published = { year: 2026, month: 3, day: 14, hour: 9, minute: 45 };
    expect(toInstant(published).toISOString()).toBe('2026-03-14T09:45:00.000Z');
    expect(toInstant(published, 'Europe/Berlin').toISOString()).toBe('2026-03-14T08:45:00.000Z');
    expect(toInstant({ ...published, month: 7 }, 'America/New_York').toISOString()).toBe('2026-07-14T13:45:00.000Z');
  });

  it('makes URL slugs from headlines', () => {
    expect(slugify('Mayor’s “Green Deal” Passes — 7 to 2')).toBe('mayors-green-deal-passes-7-to-2');
    expect(slugify('Café Zürich')).toBe('cafe-zurich');
  });
});
