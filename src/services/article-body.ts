/** Words per minute assumed for `readingTimeMinutes`: a common figure for adult screen reading. */
export const READING_WORDS_PER_MINUTE = 230;

export function splitParagraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export function readingTimeMinutes(wordCount: number): number {
  return Math.max(1, Math.ceil(wordCount / READING_WORDS_PER_MINUTE));
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function toHtml(paragraphs: readonly string[]): string {
  return paragraphs
    .map((paragraph) => `<p>${paragraph.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c)}</p>`)
    .join('\n');
}

/** Markdown in which the text stays literal: characters Markdown would read as syntax are escaped. */
export function toMarkdown(paragraphs: readonly string[]): string {
  return paragraphs
    .map((paragraph) =>
      paragraph
        .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
        .replace(/^(#{1,6}\s|[-+]\s|\d+[.)]\s|=+$)/, (prefix) => `\\${prefix}`),
    )
    .join('\n\n');
}

/** The text cut to at most `maxLength` characters at a word boundary, with an ellipsis when cut. */
export function excerpt(paragraphs: readonly string[], maxLength: number): string {
  const text = paragraphs.join(' ');
  if (text.length <= maxLength) return text;
  const room = text.slice(0, Math.max(0, maxLength - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > 0 ? room.slice(0, lastSpace) : room).replace(/[\s,;:.\-–—]+$/, '');
  return `${cut}…`;
}
