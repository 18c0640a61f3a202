// A new organisation named in full is often named again by the first words of its name
// ("Nordvik’s chief executive" after "Nordvik Marine Systems", "Toyota Kirloskar" after "Toyota
// Kirloskar Motor") or, for a listed one, by its last ("Congress" after "Indian National Congress"):
// that short form is the same organisation, not another.
import nlp from 'compromise';
import type { ArticleText } from './article.ts';
import { isEnglishWord, isLexiconFirstName } from './compromise-tags.ts';
import { isGivenNameKey } from './first-names.ts';
import type { NamedEntity } from './follow-ups.ts';
import { ownKeysOf } from './known.ts';
import { compileName, nameKey } from './names.ts';
import { inRanges, type NewMention } from './new-names.ts';
import type { NameEntry } from './search.ts';
import { normalizeKey } from './tokens.ts';
import { BUSINESS_LINES, CALENDAR_WORDS, COMPANY_FORMS, COMPANY_PREFIXES, ORGANIZATION_HEADS } from './vocabulary.ts';
import { isWellKnownName } from './well-known.ts';

const isCompanyForm = (key: string) =>
  COMPANY_FORMS.has(key) || ['holdings', 'holding', 'group', 'corporation', 'company'].includes(key);

/**
 * Mentions of an organisation whose name begins another one's ("Nordvik", "Nordvik Marine
 * Systems") become that one's. A listed organisation keeps its own ("Harvard", "Harvard Medical
 * School"), unless its one-word name ends the other one's or the other adds only a company form or
 * a line of business.
 */
export function mergeShortForms(mentions: readonly NewMention[], listed: ReadonlySet<string>): NewMention[] {
  const names = new Map(mentions.map((mention) => [mention.owner, mention.name]));
  const longer = new Map<string, { owner: string; name: string }>();
  for (const [owner, name] of names) {
    const key = nameKey(name);
    const isListed = listed.has(owner);
    // "Democratic Party" after "Democratic Party of Korea": a listed name the longer one gives a place.
    const placed = (otherKey: string) => ['of', 'in'].some((link) => otherKey.startsWith(`${key} ${link} `));
    const fuller = [...names].filter(([other, otherName]) => {
      const otherKey = nameKey(otherName);
      if (other === owner) return false;
      // "Sime Darby" after "Sime Darby Plantation": a listed name with a line of business after it.
      if (isListed && /\s/u.test(name)) return placed(otherKey) || formedFrom(key, otherKey);
      // "Sumber Nikel" and "Sumber Nikel Halmahera" after "PT Sumber Nikel Halmahera".
      const unprefixed = nameKey(prefixFree(otherName) ?? '');
      if (!isListed) return [otherKey, unprefixed].some((fuller) => fuller === key || fuller.startsWith(`${key} `));
      // "Kioxia Holdings", "Samsung Electronics": the listed "Kioxia" or "Samsung" with its company form
      // or line of business; "Harvard Medical School" and "Fiat Chrysler" are other organizations.
      return formedFrom(key, otherKey) || otherKey.endsWith(` ${key}`);
    });
    const [only] = fuller;
    if (only && fuller.length === 1) longer.set(owner, { owner: only[0], name: only[1] });
  }
  return mentions.map((mention) => {
    const fuller = longer.get(mention.owner);
    return fuller ? { ...mention, ...fuller } : mention;
  });
}

/** "Kioxia Holdings", "Samsung Electronics": a name with its company form or line of business after it. */
function formedFrom(key: string, otherKey: string): boolean {
  const rest = otherKey.slice(key.length + 1).split(' ');
  const lineOfBusiness = (word: string) =>
    (isEnglishWord(word) || BUSINESS_LINES.has(word)) && !ORGANIZATION_HEADS.has(word);
  return otherKey.startsWith(`${key} `) && rest.every((word) => isCompanyForm(word) || lineOfBusiness(word));
}

/** "Sinar Nikel Nusantara" for "PT Sinar Nikel Nusantara": the name without the company form opening it. */
function prefixFree(name: string): string | null {
  const [form, ...rest] = name.split(/\s+/u);
  const prefixed = form !== undefined && COMPANY_PREFIXES.has(normalizeKey(form)) && form === form.toUpperCase();
  return prefixed && rest.length >= 2 ? rest.join(' ') : null;
}

/** New organisations with the names they are named by again: their names without an opening company form. */
export function withPrefixFreeNames(organizations: readonly NamedEntity[]): NamedEntity[] {
  return organizations.map(({ owner, names }) => {
    const short = names.flatMap((name) => prefixFree(name) ?? []);
    return { owner, names: [...names, ...short] };
  });
}

/**
 * "Brightwater" after "Brightwater Utilities": the first word of a new organisation's name, named
 * alone later, when it can be nothing else here — not an English word, a given name, a place, a
 * listed organisation ("Fiat" after "Fiat Chrysler"), or a word of another entity's name in the article.
 */
export function firstWordEntries(
  article: ArticleText,
  organizations: readonly NamedEntity[],
  others: readonly NamedEntity[],
): NameEntry[] {
  const places = placeKeys(article);
  const firstWords = organizations.flatMap(({ owner, names }) => {
    const [name] = names;
    const words = (name ?? '').split(/\s+/u);
    const [word, last] = [words[0], words.at(-1)];
    // "Kumamoto Sangyo Bank", "Parramatta General Hospital": a place names an institution there.
    if (!word || !last || words.length < 2 || ORGANIZATION_HEADS.has(normalizeKey(last))) return [];
    return places.has(nameKey(word)) ? [] : [{ owner, names, word, key: nameKey(word) }];
  });
  const ownersByWord = new Map<string, Set<string>>();
  for (const { owner, names } of [...organizations, ...others]) {
    for (const word of names.flatMap((name) => name.split(/\s+/u))) {
      ownersByWord.set(nameKey(word), (ownersByWord.get(nameKey(word)) ?? new Set()).add(owner));
    }
  }
  return firstWords
    .filter(({ word, key }) => ownersByWord.get(key)?.size === 1 && !isWellKnownName(word) && isDistinctive(word))
    .map(({ owner, names, word }) => ({
      owner,
      pattern: compileName(word),
      ownKeys: ownKeysOf(names),
      form: 'surname' as const,
    }));
}

function isDistinctive(word: string): boolean {
  if (!/^\p{Lu}[\p{L}\d-]{2,}$/u.test(word)) return false;
  const key = normalizeKey(word);
  if (isEnglishWord(key) || isLexiconFirstName(key) || isGivenNameKey(key) || CALENDAR_WORDS.has(key)) return false;
  const [sentence] = nlp(word).json() as { terms: { tags: string[] }[] }[];
  const tags = sentence?.terms[0]?.tags ?? [];
  return !['Place', 'Demonym', 'Person', 'Adjective', 'Verb'].some((tag) => tags.includes(tag));
}

/** Words compromise reads as places anywhere in the article. */
function placeKeys(article: ArticleText): Set<string> {
  const keys = new Set<string>();
  article.tokens.forEach((tokens, paragraph) => {
    const analysis = article.analyses[paragraph];
    for (const token of tokens) {
      if (analysis?.tags[token.index]?.has('Place') || inRanges(analysis?.places ?? [], token.index))
        keys.add(nameKey(token.text));
    }
  });
  return keys;
}
