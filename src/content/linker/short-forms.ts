// A new organisation named in full is often named again by its first word ("Nordvik’s chief
// executive" after "Nordvik Marine Systems", "FIOM leader" after "FIOM-CGIL"): that short form is
// the same organisation, not another one.
import type { ArticleText } from './article.ts';
import { isEnglishWord } from './compromise-tags.ts';
import { isFirstName } from './first-names.ts';
import { ownKeysOf } from './known.ts';
import { compileName, nameKey } from './names.ts';
import type { NewMention } from './new-names.ts';
import type { NameEntry } from './search.ts';
import { isTitleWord } from './titles.ts';
import { isCapitalized, tokenize } from './tokens.ts';
import { CALENDAR_WORDS } from './vocabulary.ts';

/** Mentions of an organisation whose name begins another one's ("Nordvik", "Nordvik Marine Systems") become that one's. */
export function mergeShortForms(mentions: readonly NewMention[]): NewMention[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention.name]));
  const longer = new Map<string, { owner: string; name: string }>();
  for (const [owner, name] of names) {
    const key = `${nameKey(name)} `;
    const fuller = [...names].filter(([other, otherName]) => other !== owner && nameKey(otherName).startsWith(key));
    const [only] = fuller;
    if (only && fuller.length === 1) longer.set(owner, { owner: only[0], name: only[1] });
  }
  return mentions.map((mention) => {
    const fuller = longer.get(mention.owner);
    return fuller ? { ...mention, ...fuller } : mention;
  });
}

/**
 * Entries for the first word of each new organisation's name, where that word names nothing else:
 * not an English word, a place, a first name, a title or the first word of two of them.
 */
export function shortFormEntries(article: ArticleText, mentions: readonly NewMention[]): NameEntry[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention]));
  const byFirstWord = new Map<string, NewMention[]>();
  for (const mention of names.values()) {
    const [first, second] = tokenize(mention.name, -1);
    if (!first || !second || !isDistinctive(article, mention, first.text)) continue;
    byFirstWord.set(first.key, [...(byFirstWord.get(first.key) ?? []), mention]);
  }
  return [...byFirstWord.values()].flatMap((named) => {
    const [mention] = named;
    if (!mention || named.length > 1) return [];
    const [first] = tokenize(mention.name, -1);
    return first
      ? [{ owner: mention.owner, pattern: compileName(first.text), ownKeys: ownKeysOf([mention.name]), form: 'alias' }]
      : [];
  });
}

function isDistinctive(article: ArticleText, mention: NewMention, word: string): boolean {
  const token = article.tokens[mention.paragraph]?.[mention.first];
  if (!token || !isCapitalized(token) || word.length < 3 || token.text !== word) return false;
  if (isEnglishWord(token.key) || isFirstName(token) || isTitleWord(token) || CALENDAR_WORDS.has(token.key))
    return false;
  const tags = article.analyses[mention.paragraph]?.tags[token.index];
  return !['Place', 'Demonym', 'Person', 'Adjective'].some((tag) => tags?.has(tag));
}
