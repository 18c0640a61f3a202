// Links the people and organisations named in an article to the known directory, and proposes
// the names it does not know as new, unreviewed entities.

import { acronymsOf, definedOrganizations, findDefinitions, initialismsOf } from './acronyms.ts';
import { readArticle } from './article.ts';
import { isServiceInUse } from './boundaries.ts';
import { type Claim, compareText, resolveClaims, TakenSpans } from './claims.ts';
import { isAgency } from './dateline-agency.ts';
import { followUpEntries, type NamedEntity } from './follow-ups.ts';
import { compileDirectory, organizationOwner, personOwner } from './known.ts';
import { nameKey } from './names.ts';
import type { NewMention } from './new-names.ts';
import { discoverOrganizations, partnersOfOrganizations } from './new-organizations.ts';
import { discoverPeople } from './new-people.ts';
import { listedNameAmongTowns, namesAPlaceHere } from './place-names.ts';
import { NameIndex } from './search.ts';
import { firstWordEntries, mergeShortForms, withPrefixFreeNames } from './short-forms.ts';
import { mergeSurnameForms } from './surname-forms.ts';
import type { KnownDirectory, LinkedEntity, LinkResult, MentionSpan, NewEntity } from './types.ts';
import { NATIONALITIES, TERM_ACRONYMS } from './vocabulary.ts';
import { wellKnownOrganizations } from './well-known.ts';

export type { KnownEntity, LinkedEntity, LinkResult, MentionSpan, NewEntity } from './types.ts';

export function linkEntities(
  input: { headline: string; paragraphs: readonly string[] },
  known: KnownDirectory,
): LinkResult {
  const article = readArticle(input);
  const directory = compileDirectory(known);
  const taken = new TakenSpans();
  // A dateline's place ("NEW YORK (Reuters) —") is no entity and does not run into the name after it.
  if (article.dateline && article.dateline.placeEnd > 0) taken.add(0, 0, article.dateline.placeEnd);
  // Its "(Reuters)" credits the story's source: no mention of it (see dateline-agency.ts).
  const agency = article.dateline?.agency;
  if (agency) taken.add(0, agency.start, agency.end);
  // "(INE)" right after a name is part of that mention, not another one.
  // A dateline's "(AP)" names the agency, it defines nothing.
  const definitions = findDefinitions(article).filter(
    ({ paragraph, acronym }) => !isAgency(article, paragraph, acronym),
  );
  for (const { paragraph, acronym } of definitions) taken.add(paragraph, acronym.start, acronym.end);

  // 1. Known names and aliases, longest first.
  const knownClaims = resolveClaims(directory.names.claimsIn(article), taken);

  // 2. New organisations: well-known ones, names defined by an acronym, then
  //    what compromise finds; then new people.
  const context = { fragments: directory.fragments, taken };
  const definedAcronyms = new Set(definitions.map(({ acronym }) => acronym.key));
  const listed = resolveClaims(
    wellKnownOrganizations(article, definedAcronyms).filter(
      (claim) => !listedNameAmongTowns(input.paragraphs[claim.paragraph] ?? '', claim),
    ),
    taken,
  );
  const namedOrganizations = mergeShortForms(
    [
      ...listed,
      // The longer of a name defined by its acronym and one found otherwise wins: "(INPE)" is spelt
      // from "Institute for Space Research", which "National Institute for Space Research" contains.
      ...resolveClaims(
        [
          ...definedOrganizations(article, definitions, taken),
          // A defined acronym found alone ("The ELN, Colombia's largest guerrilla group,") is the
          // defined organization's, named below.
          ...discoverOrganizations(article, context).filter(
            (claim) =>
              (claim.first !== claim.last || !definedAcronyms.has(nameKey(claim.name))) &&
              !namesAPlaceHere(input.paragraphs[claim.paragraph] ?? '', claim) &&
              !TERM_ACRONYMS.has(nameKey(claim.name)) &&
              // "a Montenegrin gang": a nationality is no organisation.
              !NATIONALITIES.has(nameKey(claim.name)) &&
              !isServiceInUse(article.tokens[claim.paragraph] ?? [], claim),
          ),
        ],
        taken,
      ),
    ],
    new Set(listed.map((claim) => claim.owner)),
  );
  // "Gavi, the Vaccine Alliance,": a name set off after an organisation's describes that one.
  const namedOnce = withoutAppositives(namedOrganizations, input.paragraphs);
  // "the Justice and Development Party (AK Parti)": the name in brackets is the same organisation's.
  const bracketed = bracketedNames(namedOnce, input.paragraphs, new Set(listed.map((claim) => claim.owner)));
  // "the PPP floor leader" after "the People Power Party": an acronym of a name the article gave.
  const initialisms = initialismsOf(namedOnce, knownOrganizationNames(knownClaims, known));
  const reowned = namedOnce.map((claim) => {
    const owner = bracketed.get(claim.owner)?.owner ?? initialisms.get(claim.owner)?.owner;
    return owner ? { ...claim, owner } : claim;
  });
  const found = reowned.filter((claim) => claim.owner.startsWith('new-organization:'));
  const partners = resolveClaims(partnersOfOrganizations(article, [...knownClaims, ...found]), taken);
  const newOrganizations = [...found, ...partners];
  const knownByInitials = reowned.filter((claim) => !claim.owner.startsWith('new-organization:'));
  // "Olimpia Ravenna coach Luca Benigni": a name found as an organisation elsewhere here is not a person.
  const organizationKeys = new Set(newOrganizations.map((claim) => nameKey(claim.name)));
  const newPeople = mergeSurnameForms(
    resolveClaims(
      discoverPeople(article, context).filter(
        (claim) =>
          !organizationKeys.has(nameKey(claim.name)) &&
          !namesAPlaceHere(input.paragraphs[claim.paragraph] ?? '', claim),
      ),
      taken,
    ),
  );

  // 3. Surnames of people named in full (in the body or the headline), repeats of new names, and
  //    acronyms defined after an organisation's name.
  const linkedOwners = new Set(knownClaims.map((claim) => claim.owner));
  const inHeadline = directory.names.ownersIn(article.headlineTokens);
  const namedInFull = directory.people.filter(
    (person) => linkedOwners.has(person.owner) || inHeadline.has(person.owner),
  );
  const newPeopleNames = namesByOwner(newPeople);
  const organizationNames = namesByOwner(newOrganizations);
  const acronyms = acronymsOf(definitions, [...knownClaims, ...newOrganizations]);
  const entries = followUpEntries(
    [...namedInFull, ...newPeopleNames],
    [
      ...newPeopleNames,
      ...withPrefixFreeNames(organizationNames),
      ...[...acronyms].map(([owner, names]) => ({ owner, names })),
    ],
  );
  // "Brightwater" after "Brightwater Utilities", where no other entity here has that word.
  const linkedOrganizations = known.organizations
    .filter((organization) => linkedOwners.has(organizationOwner(organization.id)))
    .map((organization) => ({
      owner: organizationOwner(organization.id),
      names: [organization.name, ...organization.aliases],
    }));
  const shortForms = firstWordEntries(article, organizationNames, [
    ...namedInFull,
    ...newPeopleNames,
    ...linkedOrganizations,
  ]);
  const followUps = resolveClaims(new NameIndex([...entries, ...shortForms]).claimsIn(article), taken);

  const claims = withoutBracketedRepeats(
    [...knownClaims, ...knownByInitials, ...newOrganizations, ...newPeople, ...followUps],
    input.paragraphs,
  );
  const spansOf = groupSpans(claims, input.paragraphs);
  return {
    people: linked(
      known.people.map((person) => person.id),
      personOwner,
      spansOf,
    ),
    organizations: linked(
      known.organizations.map((organization) => organization.id),
      organizationOwner,
      spansOf,
    ),
    newPeople: described(newPeople, spansOf, () => []),
    newOrganizations: described(newOrganizations, spansOf, (owner) => [
      ...(acronyms.get(owner) ?? []),
      ...[...bracketed.values(), ...initialisms.values()]
        .filter((alias) => alias.owner === owner)
        .map((alias) => alias.name),
    ]),
  };
}

/**
 * New organisations named in brackets right after another one ("the Justice and Development Party
 * (AK Parti)"), by their owner: the organisation before the bracket, and the bracketed name as its alias.
 */
function bracketedNames(
  claims: readonly NewMention[],
  paragraphs: readonly string[],
  listed: ReadonlySet<string>,
): Map<string, { owner: string; name: string }> {
  const ending = new Map(claims.map((claim) => [`${claim.paragraph}:${claim.end}`, claim]));
  const aliases = new Map<string, { owner: string; name: string }>();
  for (const claim of claims) {
    const text = paragraphs[claim.paragraph] ?? '';
    if (text.slice(claim.start - 2, claim.start) !== ' (' || text[claim.end] !== ')') continue;
    const named = ending.get(`${claim.paragraph}:${claim.start - 2}`);
    // A listed one in brackets is its own ("Acme Holdings (Reuters)" credits a source), unless it is
    // made from the name's words ("Fundação Oswaldo Cruz (Fiocruz)", "Petróleo Brasileiro (Petrobras)").
    if (listed.has(claim.owner) && !(named && madeFromWords(claim.name, named.name))) continue;
    if (named && named.owner !== claim.owner && !aliases.has(named.owner))
      aliases.set(claim.owner, { owner: named.owner, name: claim.name });
  }
  return aliases;
}

/** Known organisations named in the article, with their directory names, by owner. */
function knownOrganizationNames(claims: readonly Claim[], known: KnownDirectory): Map<string, readonly string[]> {
  const owners = new Set(claims.map((claim) => claim.owner));
  return new Map(
    known.organizations
      .filter((organization) => owners.has(organizationOwner(organization.id)))
      .map((organization) => [organizationOwner(organization.id), [organization.name, ...organization.aliases]]),
  );
}

/**
 * Organisations named again right after another one, set off by ", the … ,": the second is how the
 * text describes the first ("Gavi, the Vaccine Alliance, said"), no organisation of its own.
 */
function withoutAppositives<T extends Claim>(claims: readonly T[], paragraphs: readonly string[]): T[] {
  const ends = new Set(claims.map((claim) => `${claim.paragraph}:${claim.end}`));
  return claims.filter((claim) => {
    const text = paragraphs[claim.paragraph] ?? '';
    // A list goes on after the comma ("Oxfam, the Red Cross, and UNICEF"; "…, the WHO and …").
    const setOff =
      text.slice(claim.start - 6, claim.start) === ', the ' &&
      /^, (?!and |or |the )\p{Ll}/u.test(text.slice(claim.end, claim.end + 8));
    return !(setOff && ends.has(`${claim.paragraph}:${claim.start - 6}`));
  });
}

/**
 * A short name that takes the first four letters of a word of the full name ("Fiocruz" from "… Cruz"),
 * or is built of the openings of its words ("Febraban" from "Brazilian Federation of Banks", in
 * the language it was made in: "Fe-", "bra-", "ban-"; "Felda" from "Federal Land Development Authority").
 */
function madeFromWords(short: string, full: string): boolean {
  const key = nameKey(short).replace(/\s+/gu, '');
  const words = nameKey(full).split(/\s+/u);
  return words.some((word) => word.length >= 4 && key.includes(word.slice(0, 4))) || builtOfOpenings(key, words);
}

function builtOfOpenings(rest: string, words: readonly string[], pieces = 0): boolean {
  if (rest === '') return pieces >= 2;
  return words.some((word, index) => {
    for (let length = Math.min(word.length, rest.length); length >= 1; length--)
      if (
        rest.startsWith(word.slice(0, length)) &&
        builtOfOpenings(rest.slice(length), words.toSpliced(index, 1), pieces + 1)
      )
        return true;
    return false;
  });
}

/** "the Oswaldo Cruz Foundation (Fiocruz)": another name in brackets right after the name is part of that mention. */
function withoutBracketedRepeats<T extends Claim>(claims: readonly T[], paragraphs: readonly string[]): T[] {
  const ends = new Set(claims.map((claim) => `${claim.owner}:${claim.paragraph}:${claim.end}`));
  return claims.filter((claim) => {
    const text = paragraphs[claim.paragraph] ?? '';
    const bracketed = text.slice(claim.start - 2, claim.start) === ' (' && text[claim.end] === ')';
    return !(bracketed && ends.has(`${claim.owner}:${claim.paragraph}:${claim.start - 2}`));
  });
}

function namesByOwner(mentions: readonly NewMention[]): NamedEntity[] {
  return [...new Map(firstMentions(mentions).map((mention) => [mention.owner, [mention.name]])).entries()].map(
    ([owner, names]) => ({ owner, names }),
  );
}

/** The first mention of each new entity in text order, which supplies its name and description. */
function firstMentions(mentions: readonly NewMention[]): NewMention[] {
  const ordered = [...mentions].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  return [...new Map(ordered.reverse().map((mention) => [mention.owner, mention])).values()].reverse();
}

function groupSpans(claims: readonly Claim[], paragraphs: readonly string[]): Map<string, MentionSpan[]> {
  const spans = new Map<string, MentionSpan[]>();
  const ordered = [...claims].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
  for (const { owner, paragraph, start, end } of ordered) {
    const text = paragraphs[paragraph]?.slice(start, end) ?? '';
    spans.set(owner, [...(spans.get(owner) ?? []), { paragraph, start, end, text }]);
  }
  return spans;
}

function linked(ids: readonly number[], ownerOf: (id: number) => string, spansOf: Map<string, MentionSpan[]>) {
  const entities: LinkedEntity[] = [...new Set(ids)].flatMap((id) => {
    const spans = spansOf.get(ownerOf(id));
    return spans ? [{ id, spans }] : [];
  });
  return entities.sort((a, b) => b.spans.length - a.spans.length || a.id - b.id);
}

function described(
  mentions: readonly NewMention[],
  spansOf: Map<string, MentionSpan[]>,
  aliasesOf: (owner: string) => readonly string[],
): NewEntity[] {
  const entities = firstMentions(mentions).map((mention) => ({
    name: mention.name,
    description: mention.description,
    aliases: [...new Set(aliasesOf(mention.owner))].filter((alias) => alias !== mention.name),
    spans: spansOf.get(mention.owner) ?? [],
  }));
  return entities.sort((a, b) => b.spans.length - a.spans.length || compareText(a.name, b.name));
}
