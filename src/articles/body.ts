/** Words per minute assumed for `readingTimeMinutes`: a common figure for adult screen reading. */
export const READING_WORDS_PER_MINUTE = 230;

/**
 * A body that is already tidy: paragraphs of words separated by single spaces, joined by one blank
 * line, with no other white space. What the editor stores is usually this, and then splitting and
 * tidying it would give back its own paragraphs, so it is only split.
 */
const TIDY_BODY = /^\S+(?: \S+)*(?:\n\n\S+(?: \S+)*)*$/;

export function splitParagraphs(body: string): string[] {
  if (TIDY_BODY.test(body)) return body.split('\n\n');
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** The body as plain text: its paragraphs, tidied, separated by a blank line (a tidy body is itself). */
export function plainText(body: string): string {
  return TIDY_BODY.test(body) ? body : joinParagraphs(splitParagraphs(body));
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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

/** An image shown inside the body, after paragraph `afterParagraph` (0: before the first). */
export type BodyFigure = {
  afterParagraph: number;
  src: string;
  srcSet: string;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  credit: string | null;
};

/** Figures by the number of paragraphs before them; one placed past the end goes at the end. */
function interleave<T>(paragraphs: readonly T[], figures: readonly BodyFigure[], figure: (f: BodyFigure) => T): T[] {
  const out: T[] = [];
  const at = (count: number) => {
    for (const f of figures) if (Math.min(f.afterParagraph, paragraphs.length) === count) out.push(figure(f));
  };
  at(0);
  paragraphs.forEach((paragraph, index) => {
    out.push(paragraph);
    at(index + 1);
  });
  return out;
}

export function toHtml(paragraphs: readonly string[], figures: readonly BodyFigure[] = []): string {
  return interleave(
    paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    figures,
    (f) => {
      const caption = [f.caption, f.credit].filter(Boolean).map((part) => escapeHtml(part as string));
      return (
        `<figure><img src="${escapeHtml(f.src)}" srcset="${escapeHtml(f.srcSet)}" sizes="100vw" ` +
        `width="${f.width}" height="${f.height}" alt="${escapeHtml(f.alt ?? '')}" loading="lazy">` +
        (caption.length ? `<figcaption>${caption.join(' — ')}</figcaption>` : '') +
        '</figure>'
      );
    },
  ).join('\n');
}

/** Markdown in which the text stays literal: characters Markdown would read as syntax are escaped. */
export function toMarkdown(paragraphs: readonly string[], figures: readonly BodyFigure[] = []): string {
  const literal = (text: string) =>
    text
      .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
      .replace(/^(#{1,6}\s|[-+]\s|\d+[.)]\s|=+$)/, (prefix) => `\\${prefix}`);
  return interleave(paragraphs.map(literal), figures, (f) => {
    const caption = [f.caption, f.credit]
      .filter(Boolean)
      .join(' — ')
      .replace(/["\\]/g, (c) => `\\${c}`);
    return `![${literal(f.alt ?? '')}](<${f.src}>${caption ? ` "${caption}"` : ''})`;
  }).join('\n\n');
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
