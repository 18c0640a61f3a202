// What finding people and organisations the newsroom does not know yet have in common.
import type { ArticleText } from './article.ts';
import type { Claim, TakenSpans } from './claims.ts';
import type { ParagraphAnalysis, TokenRange } from './compromise-tags.ts';
import { nameKey } from './names.ts';
import { isAdjacent, isAllCaps, type Token } from './tokens.ts';
import { COMPANY_FORMS } from './vocabulary.ts';

export type NewMention = Claim & { name: string; description: string | null };

/**
 * A company's legal form ("Ashdown Lyle LLP", "Kesko Oyj"). Two-letter forms only in capitals
 * ("Fjordlaks AS", "Siemens AG"; not "Ibrahim Ag Alhassane", "Beatriz Sá Carvalho"), but "Co".
 */
export function isLegalForm(token: Token): boolean {
  const key = token.possessive?.key ?? token.key;
  return (
    (COMPANY_FORMS.has(key) && (key.length > 2 || key === 'co' || isAllCaps(token.text))) ||
    ['AS', 'SE'].includes(token.text)
  );
}

export type Paragraph = { text: string; tokens: readonly Token[]; analysis: ParagraphAnalysis };
export type DiscoveryContext = { fragments: ReadonlySet<string>; taken: TakenSpans };

export const newPersonOwner = (name: string) => `new-person:${nameKey(name)}`;
export const newOrganizationOwner = (name: string) => `new-organization:${nameKey(name)}`;

export function paragraphsOf(article: ArticleText): Paragraph[] {
  return article.paragraphs.flatMap((text, index) => {
    const tokens = article.tokens[index];
    const analysis = article.analyses[index];
    return tokens && analysis ? [{ text, tokens, analysis }] : [];
  });
}

export function mentionOf(
  paragraph: Paragraph,
  range: TokenRange,
  context: DiscoveryContext,
  ownerOf: (name: string) => string,
  describe: () => string | null,
): NewMention[] {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const [first, last] = [tokens[0], tokens.at(-1)];
  if (!first || !last) return [];
  if (context.fragments.has(tokens.map((token) => token.key).join(' '))) return [];
  const end = last.possessive?.end ?? last.end;
  const name = paragraph.text.slice(first.start, end);
  const claim = { paragraph: first.paragraph, first: range.first, last: range.last, start: first.start, end };
  return [{ ...claim, owner: ownerOf(name), name, description: describe() }];
}

export function isFree(token: Token, context: DiscoveryContext): boolean {
  return !context.taken.overlaps(token.paragraph, token.start, token.end);
}

/** Drops words at either end that already belong to another entity. */
export function withoutTakenEnds(
  paragraph: Paragraph,
  range: TokenRange,
  context: DiscoveryContext,
): TokenRange | null {
  let { first, last } = range;
  const freeAt = (index: number) => {
    const token = paragraph.tokens[index];
    return token !== undefined && isFree(token, context);
  };
  while (first <= last && !freeAt(first)) first++;
  while (last >= first && !freeAt(last)) last--;
  for (let index = first; index <= last; index++) if (!freeAt(index)) return null;
  return first <= last ? { first, last } : null;
}

/** compromise may run one match across a comma ("The New York Times, Harvard University"). */
export function splitAtPunctuation(tokens: readonly Token[], range: TokenRange): TokenRange[] {
  const pieces: TokenRange[] = [];
  let first = range.first;
  for (let index = range.first + 1; index <= range.last; index++) {
    const token = tokens[index];
    if (token && !continuesPhrase(token)) {
      pieces.push({ first, last: index - 1 });
      first = index;
    }
  }
  return [...pieces, { first, last: range.last }];
}

/** Whether a token continues the phrase before it: joined by spaces, a hyphen or an ampersand. */
export function continuesPhrase(token: Token): boolean {
  return isAdjacent(token.gapBefore) || /^\s*&\s*$/u.test(token.gapBefore);
}

export function inRanges(ranges: readonly TokenRange[], index: number): boolean {
  return ranges.some((range) => range.first <= index && index <= range.last);
}
