// ts_headline marks matches with these two private-use characters, which the stored text is
// stripped of (see search.ts), so the marked text can be split into plain text and match offsets
// and escaped before any HTML is made from it. ts_headline also drops whatever looks like an HTML
// tag, so "<" goes in as a third one and comes back here.
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';
export const LESS_THAN = '\uE002';

export type Highlight = {
  /** The excerpt as plain text, whitespace collapsed. */
  text: string;
  /** Matched words, as [start, end) offsets into `text` in UTF-16 code units. */
  matches: { start: number; end: number }[];
};

export function parseHighlight(marked: string): Highlight {
  const collapsed = marked.replace(/\s+/g, ' ').trim();
  const matches: Highlight['matches'] = [];
  let text = '';
  let start: number | undefined;
  for (const char of collapsed) {
    if (char === MATCH_START) start = text.length;
    else if (char === MATCH_END) {
      if (start !== undefined && text.length > start) matches.push({ start, end: text.length });
      start = undefined;
    } else text += char === LESS_THAN ? '<' : char;
  }
  return { text, matches };
}

/** The excerpt as HTML: every character of the text escaped, each match inside `<mark>`. */
export function highlightToHtml({ text, matches }: Highlight): string {
  let html = '';
  let at = 0;
  for (const { start, end } of matches) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string,
  );
}
