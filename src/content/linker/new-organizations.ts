// New organisations: what compromise tags as one, extended to the whole name and filtered hard.
import type { ArticleText } from './article.ts';
import type { TokenRange } from './compromise-tags.ts';
import {
  continuesPhrase,
  type DiscoveryContext,
  inRanges,
  mentionOf,
  type NewMention,
  newOrganizationOwner,
  type Paragraph,
  paragraphsOf,
  splitAtPunctuation,
  withoutTakenEnds,
} from './new-names.ts';
import { isTitleWord } from './titles.ts';
import { isCapitalized, type Token } from './tokens.ts';
import { CALENDAR_WORDS, CONNECTORS } from './vocabulary.ts';

export function discoverOrganizations(article: ArticleText, context: DiscoveryContext): NewMention[] {
  return paragraphsOf(article).flatMap((paragraph) =>
    paragraph.analysis.organizations
      .flatMap((found) => splitAtPunctuation(paragraph.tokens, found))
      .flatMap((range) => {
        const trimmed = trimOrganization(paragraph, extendOrganization(paragraph.tokens, range), context);
        if (!trimmed || !looksLikeOrganization(paragraph, trimmed)) return [];
        return mentionOf(paragraph, trimmed, context, newOrganizationOwner, () => null);
      }),
  );
}

// compromise often stops short ("Harbourview Department" for "... Department of Transportation").
function extendOrganization(tokens: readonly Token[], range: TokenRange): TokenRange {
  let { first, last } = range;
  const joinable = (token: Token | undefined): token is Token =>
    token !== undefined && continuesPhrase(token) && !token.sentenceStart;
  const nameWord = (token: Token | undefined) =>
    token !== undefined && isCapitalized(token) && !isTitleWord(token) && !CALENDAR_WORDS.has(token.key);
  while (joinable(tokens[first]) && nameWord(tokens[first - 1]) && !tokens[first - 1]?.possessive) first--;
  for (;;) {
    if (tokens[last]?.possessive) break;
    const next = tokens[last + 1];
    const afterNext = tokens[last + 2];
    if (joinable(next) && nameWord(next)) last++;
    else if (joinable(next) && ['of', 'for'].includes(next.key) && joinable(afterNext) && nameWord(afterNext))
      last += 2;
    else break;
  }
  return { first, last };
}

function trimOrganization(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange | null {
  const free = withoutTakenEnds(paragraph, range, context);
  if (!free) return null;
  let { first, last } = free;
  const token = (index: number) => paragraph.tokens[index];
  while (first <= last && (CONNECTORS.has(token(first)?.key ?? '') || isSentenceStartWord(paragraph, first))) first++;
  while (last >= first && CONNECTORS.has(token(last)?.key ?? '')) last--;
  return first <= last ? { first, last } : null;
}

function looksLikeOrganization(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const words = tokens.filter((token) => !CONNECTORS.has(token.key));
  if (words.length < 2 || tokens.length > 8) return false;
  if (!words.every((token) => isCapitalized(token) && !CALENDAR_WORDS.has(token.key))) return false;
  if (isTitleWord(tokens[0])) return false;
  // A run of place names ("Costa Serena", "Puerto Almendro") is not an organisation.
  return !words.every((token) => inRanges(paragraph.analysis.places, token.index));
}

function isSentenceStartWord(paragraph: Paragraph, index: number): boolean {
  const token = paragraph.tokens[index];
  if (!token?.sentenceStart) return false;
  const tags = paragraph.analysis.tags[index];
  return !['ProperNoun', 'Organization', 'Person', 'Place'].some((tag) => tags?.has(tag));
}
