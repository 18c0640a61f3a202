// Organisations the news names without a telling word ("Podemos", "Maersk", "al-Shabaab"), from a
// list shipped with the linker (well-known-organizations.json). They are proposed as new entities,
// like names compromise finds, and named by the fullest of their names the article uses.
import type { ArticleText } from './article.ts';
import { endsNameAfterAnd, isNationalStateBody, isServiceInUse } from './boundaries.ts';
import type { Claim } from './claims.ts';
import { ownKeysOf } from './known.ts';
import { compileName, type NamePattern, nameKey } from './names.ts';
import { isLegalForm, type NewMention, newOrganizationOwner } from './new-names.ts';
import { type EntryClaim, type NameEntry, NameIndex } from './search.ts';
import { isTitleWord } from './titles.ts';
import { isAdjacent, isCapitalized, isPluralPossessive, type Token } from './tokens.ts';
import {
  CALENDAR_WORDS,
  ENGLISH_LINKS,
  FOREIGN_AND_WORDS,
  NAME_LINKS,
  ORGANIZATION_HEADS,
  PLACE_NOUNS,
  ROLE_WORDS,
  SECURITIES,
} from './vocabulary.ts';

/** Articles after a link in another language ("Ministère de la Santé"). */
const FOREIGN_ARTICLES = new Set(['la', 'le', 'les', 'los', 'las', 'el']);

import list from './well-known-organizations.json' with { type: 'json' };

let compiled: { index: NameIndex; firstWordDropped: ReadonlySet<NameEntry> } | undefined;

/** `definedAcronyms`: keys of acronyms the article defines itself, which mean what it says there. */
export function wellKnownOrganizations(article: ArticleText, definedAcronyms: ReadonlySet<string>): NewMention[] {
  compiled ??= compileList(Object.values(list.organizations).flat());
  const claims = compiled.index
    .claimsIn(article)
    .filter(
      (claim) =>
        !continuesWithObject(article, claim) &&
        !isOtherThingNamed(article, claim) &&
        !isObjectOfName(article, claim) &&
        !isPartOfSlashName(article, claim) &&
        !isServiceInUse(article.tokens[claim.paragraph] ?? [], claim),
    )
    .filter(({ entry }) => entry.pattern.length > 1 || !definedAcronyms.has(entry.pattern[0]?.key ?? ''))
    .map((claim) => (compiled?.firstWordDropped.has(claim.entry) ? withoutFirstWord(article, claim) : claim))
    .map((claim) => withLegalForm(article, claim));
  // Every mention carries the entity's longest name found in the article ("Federal Reserve", not
  // "Fed"), as the article writes it ("U.S. Army" for the listed "US Army").
  const fullest = new Map<string, string>();
  for (const claim of claims) {
    const name = writtenName(article, claim);
    if (name.length > (fullest.get(claim.owner) ?? '').length) fullest.set(claim.owner, name);
  }
  return claims.map(({ entry: _, ...claim }) => ({
    ...claim,
    name: fullest.get(claim.owner) ?? '',
    description: null,
  }));
}

let listedNames: ReadonlySet<string> | undefined;

/** Whether `name` is one of the listed names ("Fiat"), which stands for its own organisation. */
export function isWellKnownName(name: string): boolean {
  listedNames ??= new Set(
    Object.values(list.organizations)
      .flat()
      .flatMap((line) => line.split('|').map((listed) => nameKey(listed.trim()))),
  );
  return listedNames.has(nameKey(name));
}

/** The name as the article writes it; "’Ndrangheta" keeps the apostrophe the tokens leave out. */
function writtenName(article: ArticleText, claim: EntryClaim): string {
  const paragraph = article.paragraphs[claim.paragraph] ?? '';
  const listed = claim.entry.written ?? '';
  const apostrophe = /^['’]/u.test(listed) && /['’]/u.test(paragraph[claim.start - 1] ?? '') ? 1 : 0;
  return paragraph.slice(claim.start - apostrophe, claim.end);
}

/** "Grupo Lala SAB", "Kesko Oyj": a company's legal form after its listed name is part of the name. */
function withLegalForm(article: ArticleText, claim: EntryClaim): EntryClaim {
  const form = article.tokens[claim.paragraph]?.[claim.last + 1];
  const last = article.tokens[claim.paragraph]?.[claim.last];
  if (!form || !last || last.possessive || form.gapBefore !== ' ' || !isCapitalized(form) || !isLegalForm(form))
    return claim;
  return { ...claim, last: form.index, end: form.possessive?.end ?? form.end };
}

/**
 * "the Treasury" is listed with its article so a lone "Treasury" is not taken, and "The Lancet" so a
 * lone "Lancet" is not; the mention is the name alone, as labels write it ("Lancet"). The same for a
 * ministry listed with its nationality ("Russian Defence Ministry" → "Defence Ministry").
 */
function withoutFirstWord(article: ArticleText, claim: EntryClaim): EntryClaim {
  const name = article.tokens[claim.paragraph]?.[claim.first + 1];
  return name ? { ...claim, first: claim.first + 1, start: name.start } : claim;
}

/**
 * Lines are "Name | Other name | …". A name two entries share ("ICC") belongs to neither. A name
 * listed with a lower-case "the" ("the Treasury") is taken only after "the", which is not part of it.
 */
function compileList(lines: readonly string[]): { index: NameIndex; firstWordDropped: ReadonlySet<NameEntry> } {
  const entities = lines.map((line) => line.split('|').map((name) => name.trim()));
  const ownersByName = new Map<string, Set<string>>();
  for (const names of entities) {
    const owner = newOrganizationOwner(names[0] ?? '');
    for (const name of names) {
      ownersByName.set(nameKey(name), (ownersByName.get(nameKey(name)) ?? new Set()).add(owner));
    }
  }
  const firstWordDropped = new Set<NameEntry>();
  const entries = entities.flatMap((names) => {
    const owner = newOrganizationOwner(names[0] ?? '');
    const ownKeys = ownKeysOf(names);
    return names
      .filter((name) => ownersByName.get(nameKey(name))?.size === 1)
      .flatMap((name) =>
        // Checked like aliases: a listed name must not end a longer one ("Keisuke Honda", "Harbourview Green Party").
        patternsOf(name).map((pattern): NameEntry => {
          const entry: NameEntry = { owner, pattern, ownKeys, form: 'alias', written: name.replace(/^the /iu, '') };
          // "the Treasury", "The Lancet": the article is matched but is no part of the name, nor is
          // the nationality that says whose a ministry is ("Russian Defence Ministry").
          if (/^the /iu.test(name) && pattern[0]?.key === 'the') firstWordDropped.add(entry);
          if (isNationalStateBody(pattern.map((part) => part.key))) firstWordDropped.add(entry);
          return entry;
        }),
      );
  });
  return { index: new NameIndex(entries), firstWordDropped };
}

/** "The Lancet" only with its article (a lone "Lancet" could be anything); "The New York Times" either way. */
function patternsOf(name: string): NamePattern[] {
  const pattern = compileName(name).map((part, index) =>
    index === 0 && part.key === 'the' ? { ...part, shape: 'any' as const } : part,
  );
  if (name.startsWith('The ') && pattern.length > 2) return [pattern, pattern.slice(1)];
  return pattern.length === 0 ? [] : [pattern];
}

/** What people make with a platform ("a WhatsApp group", "a TikTok video"), which does not name the company. */
const PLATFORM_THINGS = new Set([
  'group',
  'chat',
  'message',
  'post',
  'video',
  'account',
  'channel',
  'call',
  'livestream',
  'page',
  'profile',
]);

/** Officers a union or a party has in each of its districts or regions. */
const MEMBERS_OFFICERS = new Set(['leader', 'secretary', 'chairman', 'chairwoman', 'chair', 'organiser', 'organizer']);

/** "Greens/European Free Alliance", "V/Line": a listed name joined to another by a slash is part of that name. */
function isPartOfSlashName(article: ArticleText, claim: Claim): boolean {
  const tokens = article.tokens[claim.paragraph] ?? [];
  const [first, next] = [tokens[claim.first], tokens[claim.last + 1]];
  const joinedAfter = next?.gapBefore === '/' && isCapitalized(next);
  const joinedBefore = first?.gapBefore === '/' && isCapitalized(tokens[claim.first - 1]);
  return joinedAfter || joinedBefore;
}

/**
 * A listed name that names something else here: a product ("Fiat 500", "Airbus A320"), a place
 * ("the Beşiktaş district"), securities ("Treasury yields") or a portfolio ("Labour Minister").
 */
function isOtherThingNamed(article: ArticleText, claim: EntryClaim): boolean {
  const tokens = article.tokens[claim.paragraph] ?? [];
  const [last, next] = [tokens[claim.last], tokens[claim.last + 1]];
  if (!last || last.possessive || !next || !/^ $/u.test(next.gapBefore)) return false;
  // "Fiat 500", "Airbus A320"; not a score ("beating Leinster Rugby 38-17").
  const score = /^\d+$/u.test(next.text) && /^[-–]$/u.test(tokens[claim.last + 2]?.gapBefore ?? '');
  if (/^(?:\p{Lu}{1,2}\d+\p{L}?|\d{2,})$/u.test(next.text) && !score) return true;
  if (claim.first === claim.last && ROLE_WORDS.has(last.key) && isTitleWord(next)) return true;
  // "Ministry of Justice Minister Jane Doe": a portfolio in a title before a name.
  const titled = isCapitalized(next) && isTitleWord(next) && isCapitalized(tokens[claim.last + 2]);
  const portfolio = /^(?:minist|department)/u.test(tokens[claim.first]?.key ?? '');
  if (titled && portfolio) return true;
  // "a WhatsApp group", "an Instagram post": something made with the platform.
  const indefinite = ['a', 'an'].includes(tokens[claim.first - 1]?.key ?? '');
  if (indefinite && PLATFORM_THINGS.has(next.key)) return true;
  // "IG Metall district leader": a union's or a party's officer of a region, not a place ("the Beşiktaş district mayor").
  const place = PLACE_NOUNS.has(next.key) && !MEMBERS_OFFICERS.has(tokens[claim.last + 2]?.key ?? '');
  return !isCapitalized(next) && (place || SECURITIES.has(next.key));
}

/**
 * "Football Association" in "Fédération Tchadienne de Football Association", "Treasury" in "Office
 * of the Treasury"? No: only after a link in another language, or "of"/"for" after an organisation
 * word, is the listed name the object of a longer one, which the discovery finds whole.
 */
function isObjectOfName(article: ArticleText, claim: Claim): boolean {
  const tokens = article.tokens[claim.paragraph] ?? [];
  if (isListedObject(tokens, claim)) return true;
  // "Congress" in "Lanka Port Workers' Congress": a plural possessive of a name before it.
  const members = tokens[claim.first - 1];
  if (isCapitalized(members) && isPluralPossessive(members, tokens[claim.first])) return true;
  // "Libération" in "Forces Unies pour la Libération": a link and an article in another language.
  const skipped =
    FOREIGN_ARTICLES.has(tokens[claim.first - 1]?.key ?? '') && tokens[claim.first - 1]?.text !== 'The' ? 1 : 0;
  const [link, owner] = [tokens[claim.first - 1 - skipped], tokens[claim.first - 2 - skipped]];
  if (skipped && !(link && NAME_LINKS.has(link.key) && !ENGLISH_LINKS.has(link.key))) return false;
  if (!link || !owner || !isAdjacent(link.gapBefore) || !isAdjacent(tokens[claim.first]?.gapBefore ?? '.'))
    return false;
  if (!isCapitalized(owner) || owner.possessive || isTitleWord(owner)) return false;
  if (['of', 'for'].includes(link.key)) return ORGANIZATION_HEADS.has(owner.key);
  if (link.key === 'and') return endsNameAfterAnd(tokens, article.analyses[claim.paragraph], claim);
  // "Patria" in "Partido Orden y Patria": "and" of another language joins a longer name.
  const foreignAnd = FOREIGN_AND_WORDS.has(link.text) && !skipped;
  return (
    foreignAnd ||
    ['de', 'del', 'des', 'du', 'di', 'da', 'do', ...(skipped ? ['pour', 'por', 'para', 'per'] : [])].includes(link.key)
  );
}

/** "Labour" in "Ministry of Health, Labour and Welfare": one of the objects an organisation word lists. */
function isListedObject(tokens: readonly Token[], claim: Claim): boolean {
  const [first, next, afterNext] = [tokens[claim.first], tokens[claim.last + 1], tokens[claim.last + 2]];
  if (first?.gapBefore !== ', ' || claim.first !== claim.last || !next || !isCapitalized(afterNext)) return false;
  if (!(next.gapBefore === ', ' && isCapitalized(next)) && !(next.key === 'and' && next.gapBefore === ' '))
    return false;
  for (let index = claim.first - 2; index >= Math.max(0, claim.first - 6); index--) {
    const [head, link] = [tokens[index], tokens[index + 1]];
    if (head && ORGANIZATION_HEADS.has(head.key) && ['of', 'for'].includes(link?.key ?? '')) return true;
  }
  return false;
}

/** "Alfred Wegener Institute" in "Alfred Wegener Institute for Polar and Marine Research" is not the whole name. */
function continuesWithObject(article: ArticleText, claim: Claim): boolean {
  const tokens = article.tokens[claim.paragraph] ?? [];
  const [head, preposition, object] = [tokens[claim.last], tokens[claim.last + 1], tokens[claim.last + 2]];
  if (!head || !preposition || !object || head.possessive) return false;
  if (!isAdjacent(preposition.gapBefore) || !isAdjacent(object.gapBefore)) return false;
  // "Policía Nacional del Perú": after a name built on an organisation word, a link from another
  // language goes on with the name's object.
  const named = isCapitalized(object) || (FOREIGN_ARTICLES.has(object.key) && isCapitalized(tokens[claim.last + 3]));
  const headed = tokens.slice(claim.first, claim.last + 1).some((token) => ORGANIZATION_HEADS.has(token.key));
  if (NAME_LINKS.has(preposition.key) && !ENGLISH_LINKS.has(preposition.key) && preposition.text === preposition.key)
    return named && headed;
  // "European Council on Refugees and Exiles", but "the European Council on Monday".
  // "Congress of the Republic": the object may follow "the".
  const objectWord = object.key === 'the' && object.text === 'the' ? tokens[claim.last + 3] : object;
  const objectNamed = isCapitalized(objectWord) && !CALENDAR_WORDS.has(objectWord?.key ?? '');
  return ORGANIZATION_HEADS.has(head.key) && ['of', 'for', 'on'].includes(preposition.key) && objectNamed;
}
