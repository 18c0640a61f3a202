// New organisations: what compromise tags as one, names built on an organisation word ("Universidad
// de Chile"), and names a sentence says are organisations ("the charity Safe Harbour Youth",
// "Parcelwise, a start-up"), each extended to the whole name and filtered hard.
import nlp from 'compromise';
import type { ArticleText } from './article.ts';
import { isNationalStateBody } from './boundaries.ts';
import type { Claim } from './claims.ts';
import { isEnglishWord, type TokenRange } from './compromise-tags.ts';
import { isFirstName, isGivenName } from './first-names.ts';
import {
  continuesPhrase,
  type DiscoveryContext,
  inRanges,
  isFree,
  isLegalForm,
  mentionOf,
  type NewMention,
  newOrganizationOwner,
  type Paragraph,
  paragraphsOf,
  splitAtPunctuation,
  withoutTakenEnds,
} from './new-names.ts';
import { isWorldPlace } from './place-names.ts';
import { isRoleWord, isTitleWord, titleStartBefore } from './titles.ts';
import { isAdjacent, isAllCaps, isCapitalized, isPluralPossessive, type Token } from './tokens.ts';
import {
  BUILDING_ENDINGS,
  BUSINESS_LINES,
  CALENDAR_WORDS,
  CLUB_ENDINGS,
  COMPANY_FORMS,
  COMPANY_PREFIXES,
  COMPANY_THINGS,
  COMPETITION_WORDS,
  CONNECTORS,
  ENGLISH_LINKS,
  EVENT_AND_LAW_WORDS,
  EXPERT_NOUNS,
  FOREIGN_AND_WORDS,
  GROUP_NOUNS_AFTER,
  KIND_NOUNS_AFTER,
  MATCH_VERBS_AFTER,
  MATCH_WORDS_BEFORE,
  NAME_LINKS,
  NATIONALITIES,
  ORGANIZATION_HEADS,
  ORGANIZATION_NOUNS,
  ORGANIZATION_WORDS,
  PLURAL_NOUNS,
  SPEECH_VERBS,
  SPORTS,
  THING_WORDS,
  TITLE_WORDS,
} from './vocabulary.ts';
import { isWellKnownName } from './well-known.ts';

export function discoverOrganizations(article: ArticleText, context: DiscoveryContext): NewMention[] {
  return paragraphsOf(article).flatMap((paragraph) => {
    const found = [
      ...paragraph.analysis.organizations,
      ...headedNames(paragraph),
      ...clubNames(paragraph),
      ...companyNames(paragraph),
    ]
      .flatMap((range) => splitAtPunctuation(paragraph.tokens, range))
      .flatMap((range) => {
        const trimmed = trimOrganization(paragraph, extendOrganization(paragraph, range), context);
        return trimmed && looksLikeOrganization(paragraph, trimmed) ? [trimmed] : [];
      });
    const cued = cuedNames(paragraph)
      .map((range) => withoutKindOpening(paragraph, range))
      .flatMap((range) => {
        const free = withoutTakenEnds(paragraph, range, context);
        return free && free.first === range.first && free.last === range.last && isCuedName(paragraph, range)
          ? [range]
          : [];
      });
    const bodies = [
      ...[...sportBodies(paragraph), ...countryBranches(paragraph)].filter((range) => isCuedName(paragraph, range)),
      ...scoredTeams(paragraph).filter((range) => isTeamName(paragraph, range)),
      ...partiesByMembers(paragraph),
      ...nationalAgencies(paragraph).filter((range) => isCuedName(paragraph, range)),
      ...housesOfParliament(paragraph),
      ...circuitCourts(paragraph),
    ].flatMap((range) => {
      const free = withoutTakenEnds(paragraph, range, context);
      return free && free.first === range.first && free.last === range.last ? [range] : [];
    });
    return [...found.map((range) => withQualifier(paragraph, range, context)), ...cued, ...bodies].flatMap((range) =>
      mentionOf(paragraph, range, context, newOrganizationOwner, () => null).map((mention) => {
        // "Janata Dal (United)"; "Duna-Invest Kft.": an abbreviated legal form keeps its dot.
        const ending = qualified(paragraph, range) ? ')' : abbreviatedForm(paragraph, range) ? '.' : '';
        return ending
          ? {
              ...mention,
              end: mention.end + 1,
              name: `${mention.name}${ending}`,
              owner: newOrganizationOwner(`${mention.name}${ending}`),
            }
          : mention;
      }),
    );
  });
}

/** "Drugmaker Medivance Pharma, which …": a kind of company opening the sentence is no part of the name. */
function withoutKindOpening(paragraph: Paragraph, range: TokenRange): TokenRange {
  const opening = paragraph.tokens[range.first];
  const kind = opening?.sentenceStart === true && !isHead(opening) && isOrganizationNoun(paragraph.tokens, range.first);
  return kind && range.last > range.first ? { first: range.first + 1, last: range.last } : range;
}

/** What a country's agency is named for, before the country ("Elections Canada", "Enterprise Ireland"). */
const AGENCY_FIELDS = new Set([
  'statistics',
  'elections',
  'enterprise',
  'tourism',
  'sport',
  'transport',
  'parks',
  'heritage',
  'invest',
  'innovation',
  'forestry',
  'health',
]);

/** "Elections Canada reported turnout", "a grant from Enterprise Ireland": a national agency. */
function nationalAgencies(paragraph: Paragraph): TokenRange[] {
  const { tokens, analysis } = paragraph;
  return tokens.flatMap((field) => {
    const country = tokens[field.index + 1];
    if (!country || !isCapitalized(field) || !AGENCY_FIELDS.has(field.key) || field.possessive) return [];
    if (!isCapitalized(country) || country.gapBefore !== ' ' || !analysis.tags[country.index]?.has('Country'))
      return [];
    // "Northern Health Canada": a longer name, found otherwise.
    if (isCapitalized(tokens[field.index - 1]) && isAdjacent(field.gapBefore) && !field.sentenceStart) return [];
    const after = tokens[country.index + 1];
    return after && isCapitalized(after) && isAdjacent(after.gapBefore)
      ? []
      : [{ first: field.index, last: country.index }];
  });
}

/** Parties named by their members, as the news writes them after "the" ("the Conservatives", "the Socialists"). */
const PARTY_MEMBERS = new Set([
  'conservatives',
  'socialists',
  'nationals',
  'liberals',
  'tories',
  'communists',
  'nationalists',
]);

/** "The Conservatives were reduced to eight seats": the party, not its voters ("Democrats" is as often either). */
function partiesByMembers(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const [article, next] = [tokens[token.index - 1], tokens[token.index + 1]];
    if (!isCapitalized(token) || !PARTY_MEMBERS.has(token.possessive?.key ?? token.key)) return [];
    if (article?.key !== 'the' || !/^ $/u.test(token.gapBefore)) return [];
    return next && isCapitalized(next) && continuesPhrase(next) ? [] : [{ first: token.index, last: token.index }];
  });
}

/** Who sits in a chamber of parliament named "House of …". */
const MEMBERS_OF_HOUSES = new Set([
  'councillors',
  'councilors',
  'representatives',
  'commons',
  'lords',
  'delegates',
  'deputies',
  'peers',
  'assembly',
]);

/** "the House of Councillors", "the House of Delegates": a chamber of parliament named for its members. */
function housesOfParliament(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const [of, members] = [tokens[token.index + 1], tokens[token.index + 2]];
    if (token.key !== 'house' || !isCapitalized(token) || of?.key !== 'of' || !members) return [];
    if (!isCapitalized(members) || !MEMBERS_OF_HOUSES.has(members.possessive?.key ?? members.key)) return [];
    return /^ $/u.test(of.gapBefore) && /^ $/u.test(members.gapBefore)
      ? [{ first: token.index, last: members.index }]
      : [];
  });
}

/** Ordinals that number the U.S. federal appeals circuits, and the two named ones. */
const CIRCUIT_NAMES = new Set([
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'federal',
  'dc',
]);

/**
 * "the Seventh Circuit", "the 9th Circuit", "the U.S. Court of Appeals for the Federal Circuit": a U.S.
 * appeals court named by its circuit.
 */
function circuitCourts(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const number = tokens[token.index - 1];
    if (token.key !== 'circuit' || !isCapitalized(token) || !number || !/^ $/u.test(token.gapBefore)) return [];
    if (!isCapitalized(number) && !isOrdinal(number)) return [];
    if (!CIRCUIT_NAMES.has(number.key) && !isOrdinal(number)) return [];
    // A court written in full before it: "(U.S.) Court of Appeals for the".
    const court = ['court', 'of', 'appeals', 'for', 'the'];
    const from = number.index - court.length;
    const written = court.every((key, offset) => tokens[from + offset]?.key === key) && isCapitalized(tokens[from]);
    if (!written) return tokens[token.index + 1]?.key === 'court' ? [] : [{ first: number.index, last: token.index }];
    const country = tokens[from - 1];
    const first = country?.key === 'us' ? from - 1 : from;
    return [{ first, last: token.index }];
  });
}

/** Words in brackets after a party's name that tell its faction ("Janata Dal (United)"), not where it is. */
const PARTY_QUALIFIERS = new Set(['united', 'secular', 'marxist', 'maoist', 'official', 'provisional', 'reformed']);

/** "Janata Dal (United)", "Janata Dal (Secular)": a word in brackets that is part of a party's name. */
function withQualifier(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange {
  const next = paragraph.tokens[range.last + 1];
  if (!next || !PARTY_QUALIFIERS.has(next.key) || !isCapitalized(next) || !isFree(next, context)) return range;
  if (next.gapBefore !== ' (' || paragraph.text[next.end] !== ')') return range;
  return { first: range.first, last: next.index };
}

/**
 * Legal forms always written as abbreviations ("Inc.", "Kft."); "Co" and "Ltd" are often written
 * without a dot, so theirs is part of the name only where the sentence goes on ("Ostrander Paving Co. paid").
 */
const DOTTED_FORMS = new Set(['inc', 'corp', 'kft', 'zrt', 'nyrt']);

function abbreviatedForm(paragraph: Paragraph, range: TokenRange): boolean {
  const last = paragraph.tokens[range.last];
  if (last === undefined || last.possessive || paragraph.text[last.end] !== '.') return false;
  const sentenceGoesOn = /^\.(?:,|\s+\p{Ll})/u.test(paragraph.text.slice(last.end, last.end + 4));
  return DOTTED_FORMS.has(last.key) || (COMPANY_FORMS.has(last.key) && sentenceGoesOn);
}

function qualified(paragraph: Paragraph, range: TokenRange): boolean {
  const last = paragraph.tokens[range.last];
  return last !== undefined && last.gapBefore === ' (' && paragraph.text[last.end] === ')';
}

/** Capitalised organisation words that open or carry a name ("Instituto Butantan", "University of Ghana"). */
function headedNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  // A compound joined to another word by a hyphen is a surname ("Dolores Fairbank-Oyelaran").
  const inSurname = (token: Token) => isCompoundOrganizationWord(token) && tokens[token.index + 1]?.gapBefore === '-';
  return tokens.flatMap((token) =>
    isCapitalized(token) && isHead(token) && !inSurname(token) ? [{ first: token.index, last: token.index }] : [],
  );
}

/** Club forms written in capitals after the name in northern and eastern Europe ("Malmbacka IF", "Partizan FK"). */
const CLUB_INITIALS = new Set(['if', 'ik', 'bk', 'fk', 'sk', 'ff', 'ifk', 'hk', 'nk', 'hc', 'ac']);

/** Club forms written in capitals before the name in southern and eastern Europe ("KK Dunav", "CD Ibaizabal", "SC Braga"). */
const CLUB_PREFIXES = new Set([
  'kk',
  'fk',
  'nk',
  'cd',
  'ud',
  'sd',
  'rcd',
  'ca',
  'sc',
  'ac',
  'as',
  'ssc',
  'rc',
  'se',
  'ec',
  'sv',
  'vfb',
  'vfl',
  'tsg',
]);

/** A sport after a name that is not an English word makes a club ("Norrvik Hockey", "Leinster Rugby", but "Ice Hockey"). */
const CLUB_SPORTS = new Set(['hockey', 'volley', 'basket', 'handball', 'rugby', 'cycling']);

/** "Carlisle United", "Boca Juniors", "Malmbacka IF", "Norrvik Hockey": a word that ends a club's name after a place. */
function clubNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const [previous, next] = [tokens[token.index - 1], tokens[token.index + 1]];
    const key = token.possessive?.key ?? token.key;
    // "Team Lumivia": a cycling or racing team named by its sponsor.
    if (token.key === 'team' && isCapitalized(token) && next && /^ $/u.test(next.gapBefore) && isCapitalized(next))
      if (!isAllCaps(next.text) && !isEnglishWord(next.key) && !paragraph.analysis.tags[next.index]?.has('Place'))
        return [{ first: token.index, last: next.index }];
    // "KK Dunav Beograd", "PT Sumber Nikel": the form opens the name.
    if (
      (CLUB_PREFIXES.has(key) || COMPANY_PREFIXES.has(key)) &&
      token.text === token.text.toUpperCase() &&
      !token.possessive &&
      isCapitalized(next)
    )
      if (next && /^ $/u.test(next.gapBefore) && !isAllCaps(next.text)) {
        // "SV Rheinfels 07": the year the club was founded ends its name (not a score).
        const year = tokens[next.index + 1];
        const founded =
          year?.gapBefore === ' ' &&
          /^(?:0\d|1[89]\d{2})$/u.test(year.text) &&
          !isAmount(tokens, year.index) &&
          tokens[year.index + 1]?.gapBefore !== '-';
        return [{ first: token.index, last: founded ? year.index : next.index }];
      }
    const initials = CLUB_INITIALS.has(key) && isAllCaps(token.text);
    // "Cordillera Pro Cycling": "Pro" after the sponsor's name.
    const sponsor =
      previous?.key === 'pro' && isCapitalized(tokens[token.index - 2]) ? tokens[token.index - 2] : previous;
    const sport =
      CLUB_SPORTS.has(key) &&
      sponsor !== undefined &&
      !isEnglishWord(sponsor.key) &&
      !paragraph.analysis.tags[sponsor.index]?.has('Demonym') &&
      !isAdjectiveOnItsOwn(sponsor.text);
    if (!isCapitalized(token) || !(CLUB_ENDINGS.has(key) || initials || sport)) return [];
    if (!isCapitalized(previous) || previous?.possessive || !/^ $/u.test(token.gapBefore)) return [];
    if (!token.possessive && next && isCapitalized(next) && continuesPhrase(next)) return [];
    return [{ first: token.index, last: token.index }];
  });
}

/** Countries and regions as written in their own languages, which compromise does not know as places. */
const OWN_COUNTRY_NAMES = new Set([
  'brasil',
  'espana',
  'deutschland',
  'italia',
  'polska',
  'turkiye',
  'nederland',
  'sverige',
  'norge',
  'danmark',
  'suomi',
  'schweiz',
  'suisse',
  'osterreich',
  'peru',
  'nippon',
  'uk',
  'usa',
  'europe',
  'africa',
  'asia',
]);

/**
 * "Greenpeace Brasil said", "Amazon Japan", "Vodacom Tanzania": a listed organisation's branch in a
 * country, where the country ends the name ("the IMF Pakistan programme" names a programme).
 */
function countryBranches(paragraph: Paragraph): TokenRange[] {
  const { tokens, analysis } = paragraph;
  return tokens.flatMap((country) => {
    const key = country.possessive?.key ?? country.key;
    const isCountry = analysis.tags[country.index]?.has('Country') || OWN_COUNTRY_NAMES.has(key);
    // "Oxfam Kenya", "WWF-Kenya".
    if (!isCapitalized(country) || !isCountry || country.sentenceStart || !/^[ -]$/u.test(country.gapBefore)) return [];
    const after = tokens[country.index + 1];
    if (after && isAdjacent(after.gapBefore) && (isCapitalized(after) || isNounOnly(analysis.tags[after.index])))
      return [];
    for (let first = Math.max(0, country.index - 4); first < country.index; first++) {
      const words = tokens.slice(first, country.index);
      const opensRun = first === 0 || !isCapitalized(tokens[first - 1]) || tokens[first]?.sentenceStart;
      const joined = words.every((word, offset) => offset === 0 || isAdjacent(word.gapBefore));
      if (!opensRun || !joined || words.some((word) => word.possessive)) continue;
      const name = paragraph.text.slice(words[0]?.start ?? 0, words.at(-1)?.end ?? 0);
      if (isWellKnownName(name)) return [{ first, last: country.index }];
    }
    return [];
  });
}

function isNounOnly(tags: ReadonlySet<string> | undefined): boolean {
  return tags?.has('Noun') === true && !tags.has('PastTense') && !tags.has('PresentTense');
}

/**
 * "Savanna Mobile said", "Sakura Express": a name ending in a line of business, which compromise may
 * read as a person's. "Ashdown Lyle LLP", "Fjordlaks AS": or in a company's legal form.
 */
function companyNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const previous = tokens[token.index - 1];
    const key = token.possessive?.key ?? token.key;
    if (!(BUSINESS_LINES.has(key) || isLegalForm(token)) || !isCapitalized(token) || token.sentenceStart) return [];
    if (!isCapitalized(previous) || previous?.possessive || !/^ $/u.test(token.gapBefore)) return [];
    return [{ first: token.index, last: token.index }];
  });
}

/** "Athletics Kenya", "Cricket Australia": a sport and the country whose body it is. */
function sportBodies(paragraph: Paragraph): TokenRange[] {
  const { tokens, analysis } = paragraph;
  return tokens.flatMap((token) => {
    const place = tokens[token.index + 1];
    if (!isCapitalized(token) || !SPORTS.has(token.key) || !place || !/^ $/u.test(place.gapBefore)) return [];
    const isPlace = analysis.tags[place.index]?.has('Place') || inRanges(analysis.places, place.index);
    return isPlace && isCapitalized(place) && !isCapitalized(tokens[place.index + 1])
      ? [{ first: token.index, last: place.index }]
      : [];
  });
}

/** "Association", "Associations": a word organisations' names are built on. */
function isHead(token: Token | undefined): boolean {
  if (!token) return false;
  return (
    ORGANIZATION_HEADS.has(token.key) ||
    (token.key.endsWith('s') && ORGANIZATION_HEADS.has(token.key.slice(0, -1))) ||
    isCompoundOrganizationWord(token)
  );
}

/**
 * Compounds of German, Dutch and the Nordic languages that name an office, a court, a bank or a body
 * ("Landeskriminalamt", "Landgericht", "Handelsbank", "Arbeitgeberverband", "Skatteverket").
 */
function isCompoundOrganizationWord(token: Token): boolean {
  // A hyphenated surname is a person's ("Dolores Fairbank-Oyelaran").
  return (
    isCapitalized(token) &&
    token.gapBefore !== '-' &&
    // "Klimasenter", "Forskningssenter": a research centre in Norwegian, not "Presenter".
    (/^\p{L}{3,}(?:amt|gericht|behorde|bank|banken|kasse|verband|werke|gesellschaft|anstalt|ministerium|forbund|forbundet|forening|foreningen|direktoratet|tilsynet|styrelsen|verket|politiet|klinikum|club|klubb|bundnis|beweging|kurier|zeitung)$/u.test(
      token.key,
    ) ||
      /^\p{L}{5,}senter(?:et)?$/u.test(token.key))
  );
}

/**
 * A possessive that belongs to the name after it, which ends in an organisation word: a plural
 * ("Irish Air Line Pilots’ Association", "People’s Party"), a title ("Attorney General’s Office") or a
 * saint ("St Mary’s Hospital").
 * An owner ("India’s Election Commission", "Acme’s Board") is not part of the name.
 */
function isPossessiveInName(tokens: readonly Token[], index: number): boolean {
  const [token, next] = [tokens[index], tokens[index + 1]];
  if (!token || !next || !isCapitalized(token) || !isCapitalized(next)) return false;
  // "the Philippines' Department of Health": a country's plural possessive says whose the body is.
  const plural = isPluralPossessive(token, next) && !isWorldPlace(token.text);
  const owner = token.possessive?.key ?? '';
  // "St Mary’s Hospital", "St John’s College": a saint's name.
  const saint = ['st', 'saint'].includes(tokens[index - 1]?.key ?? '') && token.possessive !== null;
  // "Quảng Ngãi Fishermen’s Association": a plural in -men is the members'.
  const holder =
    PLURAL_NOUNS.has(owner) || /^\p{L}{2,}men$/u.test(owner) || TITLE_WORDS.has(owner) || OFFICE_HOLDERS.has(owner);
  const singular = /^ $/u.test(next.gapBefore) && (holder || saint);
  if (!plural && !singular) return false;
  // The name goes on to its organisation word ("Seafarers’ Welfare Association").
  for (let after = index + 1; after <= index + 4; after++) {
    const word = tokens[after];
    if (!word || !isCapitalized(word) || (after > index + 1 && !/^ $/u.test(word.gapBefore))) return false;
    if (isHead(word)) return true;
    if (word.possessive) return false;
  }
  return false;
}

/** Words that end only a company's name, never a place's ("Lakeshore Mutual", "Sakura Terrace Capital"). */
const COMPANY_ENDINGS = new Set(
  ORGANIZATION_WORDS.filter(
    (word) => !['court', 'parliament', 'senate', 'assembly', 'league', 'forces'].includes(word),
  ),
);

/** Officials whose office is named after them ("Marlow County Sheriff’s Office", "the Ombudsman’s Office"). */
const OFFICE_HOLDERS = new Set([
  'sheriff',
  'ombudsman',
  'prosecutor',
  'coroner',
  'auditor',
  'comptroller',
  'controller',
]);

/**
 * Peoples, regions' demonyms and faiths compromise does not read as adjectives: "the Sunni group"
 * and "the Catalan party Junts" name no organisation.
 */
const PEOPLES_AND_FAITHS = new Set([
  'sunni',
  'shia',
  'shiite',
  'alawite',
  'druze',
  'yazidi',
  'hindu',
  'sikh',
  'muslim',
  'christian',
  'jewish',
  'catholic',
  'protestant',
  'evangelical',
  'orthodox',
  'buddhist',
  'tamil',
  'pashtun',
  'hazara',
  'baloch',
  'uyghur',
  'rohingya',
  'kurdish',
  'maasai',
  'fulani',
  'hausa',
  'yoruba',
  'igbo',
  'amhara',
  'oromo',
  'tigrayan',
  'tutsi',
  'hutu',
  'roma',
  'maori',
  'aboriginal',
  'indigenous',
  'catalan',
  'basque',
  'galician',
  'andalusian',
  'flemish',
  'walloon',
  'bavarian',
  'saxon',
  'sicilian',
  'sardinian',
  'corsican',
  'breton',
  'punjabi',
  'bengali',
  'sindhi',
  'tibetan',
  'zulu',
  'xhosa',
  'scottish',
  'welsh',
  'cornish',
  'quebecois',
  'cantonese',
]);

/** "and" in the languages news quotes most ("Instituto Brasileiro de Opinião Pública e Estatística"). */
const AND_WORDS = new Set(['and', ...FOREIGN_AND_WORDS]);

/** Particles written between hyphens inside Arabic and Urdu names ("al-Shabaab", "Lashkar-e-Taiba", "Hizb-ut-Tahrir"). */
const HYPHEN_PARTICLES = new Set(['al', 'el', 'e', 'i', 'ul', 'ud', 'ut', 'un', 'ur', 'bin', 'ibn']);

/** What a company does in a clause after its name ("Zentrix, which makes chips"). */
const COMPANY_VERBS = new Set([
  'makes',
  'owns',
  'operates',
  'employs',
  'sells',
  'manufactures',
  'produces',
  'builds',
  'supplies',
  'represents',
  'controls',
  'runs',
  'ran',
  'built',
  'designed',
  'fitted',
  'installed',
  'operated',
  'owned',
  'employed',
  'manufactured',
  'distributes',
  'publishes',
  'exports',
  'imports',
  // Not "provides" or "offers", which programmes do too ("Medicare, which provides cover").
  'tracks',
  'develops',
  'processes',
  'designs',
  'lends',
  'invests',
  'manages',
  'advises',
  'ships',
]);

/** "run by", "operated by": what an organisation does to a service, a plant or a mine. */
const RUNNING_VERBS = new Set(['run', 'operated', 'managed']);

/** "a spokeswoman for Helvetia Re": who speaks for an organisation. */
const SPOKESPEOPLE = new Set(['spokesman', 'spokeswoman', 'spokesperson']);

/** "a Fanuc engineer", "a former Goldman Sachs banker": who works for an organisation. */
const STAFF_NOUNS = new Set([
  'engineer',
  'engineers',
  'employee',
  'employees',
  'executive',
  'executives',
  'banker',
  'bankers',
  'analyst',
  'analysts',
  'economist',
  'economists',
  'researcher',
  'researchers',
  'scientist',
  'scientists',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'staffer',
  'staffers',
  'trader',
  'traders',
]);

/** Places named for who works there ("a White House official", "a Kremlin spokesman"): no organisation is named. */
const SEATS_OF_POWER = new Set([
  'white house',
  'kremlin',
  'downing street',
  'whitehall',
  'elysee',
  'elysee palace',
  'capitol hill',
  'wall street',
  'silicon valley',
  'pentagon',
  'vatican',
  'blue house',
  'zhongnanhai',
  'quai d orsay',
  'city hall',
  'state house',
]);

/** Professions whose holder is named with where they work ("analyst Meenakshi Iyer of Kotak Institutional Equities"). */
const PROFESSIONS = new Set([
  'analyst',
  'economist',
  'strategist',
  'researcher',
  'scientist',
  'professor',
  'lecturer',
  'engineer',
  'epidemiologist',
  'virologist',
  'geneticist',
  'physicist',
  'chemist',
  'biologist',
  'historian',
  'sociologist',
  'fellow',
  'consultant',
]);

/** Bodies whose names may end in the country they work in ("United Nations Interim Force in Lebanon"). */
const BODIES_IN_COUNTRIES = new Set(['union', 'force', 'forces', 'association', 'mission', 'council', 'federation']);

/** Lower-case words that may open a name's object after a link ("Hospital de la Paz", "Bank of the South"). */
// Tagalog's plural marker "mga" stands where an article would ("Samahan ng mga Mangingisda").
const ARTICLES = new Set(['the', 'la', 'le', 'les', 'los', 'las', 'el', 'mga']);

// compromise often stops short ("Harbourview Department" for "... Department of Transportation").
function extendOrganization(paragraph: Paragraph, range: TokenRange): TokenRange {
  const { tokens } = paragraph;
  let { first, last } = range;
  // "Federal Oral Court No. 2": a number sign written as "No." goes on to its number.
  if (isNumberSign(tokens, last + 2)) last += 2;
  // "Bank of England" is one name; "Copperline Ales of Port Ellery" is a name and where it is. A
  // link from another language joins any name ("Hospital Universitario Virgen del Rocío").
  // "Directorate General of Migration Management": "General" after an organisation word keeps its object.
  const endsInHead = () =>
    isHead(tokens[last]) ||
    (tokens[last]?.key === 'general' && isHead(tokens[last - 1]) && !tokens[last - 1]?.possessive);
  const linkJoins = (link: Token) =>
    ORGANIZATION_HEADS.has(tokens[last]?.key ?? '') ||
    endsInHead() ||
    !ENGLISH_LINKS.has(link.key) ||
    // "Strategic Advisory Group of Experts on Immunization": the object has its own subject.
    (inObject && ['of', 'on'].includes(link.key));
  const joinable = (token: Token | undefined): token is Token =>
    token !== undefined && continuesPhrase(token) && !token.sentenceStart;
  const nameWord = (token: Token | undefined) =>
    token !== undefined && isCapitalized(token) && !isTitleWord(token) && !CALENDAR_WORDS.has(token.key);
  for (;;) {
    const previous = tokens[first - 1];
    if (joinable(tokens[first]) && nameWord(previous) && !previous?.possessive && !describesBelief(previous)) first--;
    // "9th U.S. Circuit Court of Appeals": an ordinal opens the name.
    else if (joinable(tokens[first]) && isOrdinal(previous) && !tokens[first]?.sentenceStart) first--;
    else if (isPossessiveInName(tokens, first - 1) && !tokens[first]?.sentenceStart) first--;
    // "City of London Police": a name with "of" inside may come before the organisation word.
    // "Conservatives on North Yorkshire Council": "on" opens no name's object before its organisation word.
    else if (
      previous &&
      ENGLISH_LINKS.has(previous.key) &&
      previous.key !== 'on' &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.possessive &&
      // "Coach Maria Santos of Deportes Tolima": a person of an organisation is not in its name.
      !paragraph.analysis.tags[first - 2]?.has('Person') &&
      !isTitledName(tokens, first - 2) &&
      isHead(tokens[last])
    )
      first -= 2;
    // "Norte de Santander Truckers’ Federation": a place's name with a link from another language.
    else if (
      previous &&
      NAME_LINKS.has(previous.key) &&
      !ENGLISH_LINKS.has(previous.key) &&
      !ARTICLES.has(previous.key) &&
      previous.text === previous.key &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.possessive &&
      isHead(tokens[last])
    )
      first -= 2;
    // "Greens/European Free Alliance", "Karnataka IT/ITES Employees Union": a slash joins the parts of a
    // body's name (not "Airbus/Boeing").
    else if (
      tokens[first]?.gapBefore === '/' &&
      nameWord(previous) &&
      !previous?.possessive &&
      isCapitalized(tokens[first]) &&
      isHead(tokens[last])
    )
      first--;
    // "Brisbane 2032 Organising Committee": a place and the year of its games.
    else if (
      /^\d{4}$/u.test(previous?.text ?? '') &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.sentenceStart &&
      isHead(tokens[last])
    )
      first -= 2;
    // "Indonesia's General Elections Commission": "General" opens the name of a body, not a title there.
    else if (opensWithGeneral(previous, tokens[first])) first--;
    // "Philippine Atmospheric, Geophysical and Astronomical Services Administration", "Mugisha,
    // Atuhaire & Partners": words listed before the last two of a name its organisation word ends.
    else if (listedBefore()) first--;
    // "Korea Disease Control and Prevention Agency", but not "Ford and Rockefeller Foundation".
    // "Adalet ve Kalkınma Partisi": "and" in another language.
    else if (
      (previous?.key === 'and' || (FOREIGN_AND_WORDS.has(previous?.key ?? '') && previous?.text === previous?.key)) &&
      isHead(tokens[last]) &&
      first < last &&
      joinable(tokens[first]) &&
      joinable(previous) &&
      opensNameBeforeAnd(first - 2)
    )
      first -= 2;
    // "Ashby-on-Wend District Council", "Stratford-upon-Avon": a town's name with a particle between
    // hyphens; "Sawt al-Qanun Foundation": an Arabic article before a hyphen.
    else if (
      tokens[first]?.gapBefore === '-' &&
      ((previous?.gapBefore === '-' && HYPHENED_PLACE_PARTICLES.has(previous.text)) ||
        (previous?.gapBefore === ' ' && HYPHEN_PARTICLES.has(previous.text))) &&
      isCapitalized(tokens[first - 2])
    )
      first -= 2;
    // "Energy and Allied Workers Union": "and Allied" goes on with the name before it.
    else if (
      tokens[first]?.key === 'allied' &&
      previous?.key === 'and' &&
      previous.gapBefore === ' ' &&
      nameWord(tokens[first - 2]) &&
      !tokens[first - 2]?.possessive
    )
      first -= 2;
    else break;
  }
  /** "The Islamist Justice and Development Party": a creed before a name joined by "and" describes it. */
  function describesBelief(word: Token | undefined): boolean {
    if (!word || tokens[first + 1]?.key !== 'and') return false;
    return /ist$/u.test(word.key) || PEOPLES_AND_FAITHS.has(word.key);
  }

  /**
   * "Justice" in "Justice and Development Party", "Data" in "Saudi Data and AI Authority": a word that
   * names nothing alone. A person, a place, an organisation ("Ford") or an organisation word names one
   * of two, and so does a plural when a proper name opens the second ("Nordzee Terminals and Scheldt
   * Container Group", but "Garment Manufacturers and Exporters Association").
   */
  function opensNameBeforeAnd(index: number): boolean {
    const word = tokens[index];
    if (!word || !isCapitalized(word) || word.possessive || CALENDAR_WORDS.has(word.key) || isHead(word)) return false;
    // "Pharmaceuticals and Medical Devices Agency": a company word alone names no company.
    const named = nameWord(tokens[index - 1]) && joinable(word);
    if (named && (COMPANY_ENDINGS.has(word.key) || (/[^s]s$/u.test(word.key) && isProperWord(tokens[first]))))
      return false;
    const tags = paragraph.analysis.tags[index];
    if (['Person', 'Place'].some((tag) => tags?.has(tag))) return false;
    // compromise reads "Saudi Data" as a name of its own; a one-word one ("Ford") is one.
    return (
      !tags?.has('Organization') ||
      paragraph.analysis.organizations.some((range) => range.last === index && range.first < index)
    );
  }

  function opensWithGeneral(previous: Token | undefined, opening: Token | undefined): boolean {
    if (previous?.key !== 'general' || !isCapitalized(previous) || previous.possessive) return false;
    if (!joinable(opening) || isGivenName(opening) || isTitleWord(tokens[first - 2])) return false;
    return isHead(tokens[last]);
  }

  function listedBefore(): boolean {
    const [previous, opening, link] = [tokens[first - 1], tokens[first], tokens[first + 1]];
    if (!previous || !opening || !link || opening.gapBefore !== ', ' || first >= last) return false;
    if (!nameWord(previous) || previous.possessive || previous.sentenceStart) return false;
    if (paragraph.analysis.tags[previous.index]?.has('Place') || !nameWord(opening)) return false;
    const joins = (link.key === 'and' && link.gapBefore === ' ') || /^ & $/u.test(link.gapBefore);
    const ending = tokens[last]?.key ?? '';
    return joins && (isHead(tokens[last]) || COMPANY_ENDINGS.has(ending));
  }
  // "General Court", "Attorney General’s Office": titles, then only the organisation word.
  if (isHead(tokens[last]) && (first === last || isPossessiveInName(tokens, first))) {
    while (joinable(tokens[first]) && isTitleWord(tokens[first - 1]) && !tokens[first - 1]?.possessive) first--;
  }
  let inObject = false;
  // "Court of Justice", but "Ministry of Justice Minister Jane Doe": a title word may be the object
  // of an organisation word when no name follows it.
  const objectWord = (index: number) =>
    nameWord(tokens[index]) ||
    (isElidedName(tokens[index]) && !ENGLISH_LINKS.has(tokens[index - 1]?.key ?? '')) ||
    (isTitleWord(tokens[index]) && endsInHead() && !(isCapitalized(tokens[index + 1]) && joinable(tokens[index + 1])));
  for (;;) {
    const next = tokens[last + 1];
    const afterNext = tokens[last + 2];
    if (isPossessiveInName(tokens, last) && !next?.sentenceStart) last++;
    else if (tokens[last]?.possessive) break;
    // "Palestinian Authority Prime Minister Jane Doe": the title after the name is not part of it.
    else if (
      joinable(next) &&
      nameWord(next) &&
      !isHead(next) &&
      isTitleWord(afterNext) &&
      isCapitalized(afterNext) &&
      joinable(afterNext) &&
      isCapitalized(tokens[last + 3]) &&
      isHead(tokens[last])
    )
      break;
    else if (joinable(next) && (nameWord(next) || (next.key === 'general' && isHead(tokens[last])))) last++;
    // "Ballyvale Co-operative", "Co-op".
    else if (tokens[last]?.key === 'co' && next?.gapBefore === '-' && ['operative', 'op'].includes(next.key)) last++;
    // "Sindicato N°2": a number written with "N°" is part of the name.
    else if (isNumberSign(tokens, last + 1)) last++;
    // "Transit Workers United Local 88": a union's local and its number.
    else if (tokens[last]?.text === 'Local' && joinable(next) && /^\d+$/u.test(next.text)) last++;
    else if (
      joinable(next) &&
      NAME_LINKS.has(next.key) &&
      joinable(afterNext) &&
      objectWord(last + 2) &&
      linkJoins(next)
    ) {
      last += 2;
      inObject = true;
    } else if (
      joinable(next) &&
      NAME_LINKS.has(next.key) &&
      ARTICLES.has(afterNext?.key ?? '') &&
      linkJoins(next) &&
      joinable(afterNext) &&
      joinable(tokens[last + 3]) &&
      nameWord(tokens[last + 3])
    ) {
      last += 3;
      inObject = true;
    } else if (
      // "Federal Regional Court of the 4th Region"
      joinable(next) &&
      ENGLISH_LINKS.has(next.key) &&
      afterNext?.key === 'the' &&
      endsInHead() &&
      isOrdinal(tokens[last + 3]) &&
      joinable(tokens[last + 3]) &&
      joinable(tokens[last + 4]) &&
      nameWord(tokens[last + 4])
    ) {
      last += 4;
      inObject = true;
    } else if (
      joinable(next) &&
      isTitleWord(next) &&
      NAME_LINKS.has(afterNext?.key ?? '') &&
      !ENGLISH_LINKS.has(afterNext?.key ?? '')
    ) {
      // "Universidad Nacional Mayor de San Marcos": a title word in another language's name.
      last++;
    } else if (inObject && joinable(next) && AND_WORDS.has(next.key) && joinable(afterNext) && nameWord(afterNext)) {
      last += 2;
    } else if (
      // "Fuerza Especial de Lucha Contra el Crimen": an article of another language inside its object.
      inObject &&
      joinable(next) &&
      next.text === next.key &&
      ARTICLES.has(next.key) &&
      next.key !== 'the' &&
      joinable(afterNext) &&
      nameWord(afterNext)
    ) {
      last += 2;
    } else if (foreignAnd(next) && isHead(tokens[first]) && joinable(afterNext) && nameWord(afterNext)) {
      // "Fundación Ambiente y Recursos Naturales": "and" in another language, in a name its organisation word opens.
      last += 2;
    } else if (inObject && joinable(next) && AND_WORDS.has(next.key) && foreignObjectEnd(last + 2) !== null) {
      // "Ministère de la Santé Publique et de la Population": a second object, with its own link.
      last = foreignObjectEnd(last + 2) ?? last;
    } else if (inObject && listedObjectEnd(last) !== null) {
      last = listedObjectEnd(last) ?? last;
    } else if (
      // "Egyptian Initiative for Food Justice": "Justice" names the object's cause, no judge, when no name follows.
      inObject &&
      joinable(next) &&
      next.text === 'Justice' &&
      !(isCapitalized(afterNext) && joinable(afterNext))
    ) {
      last++;
    } else if (inObject && officeOf() && joinable(next) && isCapitalized(next) && isTitleWord(next)) {
      // "Office of the High Commissioner for Peace": the office of a title's holder, named with the title.
      last++;
      const [link, object] = [tokens[last + 1], tokens[last + 2]];
      if (joinable(link) && ENGLISH_LINKS.has(link.key) && joinable(object) && nameWord(object)) last += 2;
    } else if (joinable(next) && isElidedName(next) && /^d/iu.test(next.text) && nameWord(tokens[last])) {
      // "Fédération Chérifienne d’Athlétisme": French "of" elided onto the object.
      last++;
      inObject = true;
    } else {
      const countryEnd = countryInName(last);
      if (countryEnd !== null) {
        last = countryEnd;
        break;
      }
      // "Tribunal correctionnel de Lyon", "Inspection du travail": French names written in sentence case.
      const frenchEnd = frenchLowerCaseEnd(last);
      if (frenchEnd === null) break;
      last = frenchEnd;
      inObject = true;
    }
  }
  return { first, last };

  /**
   * After a French organisation word, lower-case words of no English ("correctionnel", "suprême") or
   * a link and one ("du travail") go on with the name; the end of the last such word, or null.
   */
  function frenchLowerCaseEnd(end: number): number | null {
    // Right after the organisation word, or after such a word ("Cour criminelle départementale").
    const current = tokens[end];
    const frenchWord = (token: Token | undefined) => token !== undefined && /^\p{Ll}{4,}$/u.test(token.text);
    if (!current || !tokens.slice(first, end + 1).some((token) => FRENCH_HEADS.has(token.key))) return null;
    const afterHead = (FRENCH_HEADS.has(current.key) && isCapitalized(current)) || frenchWord(current);
    const french = (token: Token | undefined): boolean =>
      token !== undefined &&
      joinable(token) &&
      frenchWord(token) &&
      // "suprême" is no English word, though "supreme" is.
      (!isEnglishWord(token.key) || /[^\p{ASCII}]/u.test(token.text)) &&
      !NAME_LINKS.has(token.key) &&
      !['Verb', 'Adverb'].some((tag) => paragraph.analysis.tags[token.index]?.has(tag));
    const [next, afterNext] = [tokens[end + 1], tokens[end + 2]];
    if (afterHead && french(next)) return end + 1;
    if (joinable(next) && ['du', 'de', 'des'].includes(next?.text ?? '') && french(afterNext)) return end + 2;
    return null;
  }

  function officeOf(): boolean {
    return tokens
      .slice(first, last)
      .some((token) => token.key === 'office' && isCapitalized(token) && tokens[token.index + 1]?.key === 'of');
  }

  /**
   * "Korean Residents Union in Japan", "Association of Banks in Lebanon": a union, a force or an
   * association named for the country it works in. A company only works there ("a plant in Poland").
   */
  function countryInName(end: number): number | null {
    const [link, place] = [tokens[end + 1], tokens[end + 2]];
    if (!joinable(link) || link.key !== 'in' || !joinable(place) || !nameWord(place) || tokens[end]?.possessive)
      return null;
    const bodyAt = (index: number) => BODIES_IN_COUNTRIES.has(tokens[index]?.key ?? '');
    const headOfObject = tokens
      .slice(first, end)
      .some((token) => bodyAt(token.index) && ENGLISH_LINKS.has(tokens[token.index + 1]?.key ?? ''));
    if (!bodyAt(end) && !(inObject && headOfObject)) return null;
    const placeEnd =
      isCapitalized(tokens[place.index + 1]) && joinable(tokens[place.index + 1]) ? place.index + 1 : place.index;
    const after = tokens[placeEnd + 1];
    if (after && isCapitalized(after) && joinable(after)) return null;
    for (let index = place.index; index <= placeEnd; index++) {
      if (!paragraph.analysis.tags[index]?.has('Country')) return null;
      if (tokens[index]?.possessive) return null;
    }
    return placeEnd;
  }

  function foreignAnd(token: Token | undefined): boolean {
    return joinable(token) && FOREIGN_AND_WORDS.has(token.key) && token.text === token.key;
  }

  /** The end of "de la Population" starting at `link`: a link from another language, maybe its article, a name word. */
  function foreignObjectEnd(link: number): number | null {
    const token = tokens[link];
    if (!joinable(token) || !NAME_LINKS.has(token.key) || ENGLISH_LINKS.has(token.key)) return null;
    const object = ARTICLES.has(tokens[link + 1]?.key ?? '') ? link + 2 : link + 1;
    // "… et de l’Eau Potable": the object may open with an elided article.
    const objectWord = nameWord(tokens[object]) || isElidedName(tokens[object]);
    return joinable(tokens[object]) && joinable(tokens[link + 1]) && objectWord ? object : null;
  }

  /** "Ministry of Economy, Trade and Industry": one-word objects listed with commas, the last after "and". */
  // "Ministry of Finance, Germany and France": places, people and organisations are no listed object.
  // compromise reads the words of a longer last object as an organisation ("Local Government").
  function listedNoun(token: Token | undefined, inLastObject = false): boolean {
    const tags = token === undefined ? undefined : paragraph.analysis.tags[token.index];
    return (
      token !== undefined &&
      nameWord(token) &&
      !token.possessive &&
      !isFirstName(token) &&
      !['Person', 'Place'].some((tag) => tags?.has(tag)) &&
      (inLastObject || !tags?.has('Organization'))
    );
  }

  function listedObjectEnd(from: number): number | null {
    let index = from + 1;
    while (index < from + 8) {
      const [word, link, after] = [tokens[index], tokens[index + 1], tokens[index + 2]];
      if (word?.gapBefore !== ', ' || !listedNoun(word)) return null;
      // "…, Communities and Local Government": the last object may have two or three words, which
      // compromise may read as an organisation's on their own.
      const longer = tokens[index + 3]?.gapBefore === ' ' && listedNoun(tokens[index + 3], true);
      const lastObject = after?.gapBefore === ' ' && (listedNoun(after) || (longer && listedNoun(after, true)));
      if (link && AND_WORDS.has(link.key) && link.gapBefore === ' ' && lastObject) {
        let end = index + 2;
        while (end < index + 4 && tokens[end + 1]?.gapBefore === ' ' && listedNoun(tokens[end + 1], true)) end++;
        return end;
      }
      if (link?.gapBefore !== ', ') return null;
      index++;
    }
    return null;
  }
}

/** "l’Ituri", "d’Ivoire": a name after an elided French or Italian article. */
function isElidedName(token: Token | undefined): boolean {
  return token !== undefined && /^[ld]['’ʼ]\p{Lu}/u.test(token.text);
}

/** A word of a proper name, no common English noun ("Scheldt", not "Exchange", "Prevention" or "Exporters"). */
function isProperWord(token: Token | undefined): boolean {
  if (!token || isAllCaps(token.text) || isEnglishWord(token.key) || /s$/u.test(token.key)) return false;
  return !/(?:tion|sion|ment|ity|ance|ence|ing|ism|ure|ics|al|ry|cy|er|or)$/u.test(token.key);
}

/** "researcher Baraka Mwangi Otieno" (ending at `last`): a run of capitalised words after a title or role is a person. */
function isTitledName(tokens: readonly Token[], last: number): boolean {
  let first = last;
  while (first > last - 4 && isCapitalized(tokens[first - 1]) && /^[ -]$/u.test(tokens[first]?.gapBefore ?? '')) {
    if (tokens[first]?.sentenceStart || tokens[first - 1]?.possessive) break;
    first--;
  }
  return titleStartBefore(tokens, first) !== null;
}

/** Organisation words that are also players' positions ("Guard", "Center"). */
const POSITION_HEADS = new Set(['guard', 'center', 'centre']);

/** Prefixes of ships' names ("USS John F. Kennedy", "HMS Queen Elizabeth"). */
const SHIP_PREFIXES = new Set(['uss', 'hms', 'hmas', 'hmcs', 'hmnzs', 'ins', 'rfs', 'mv', 'rv', 'brp']);

function isOrdinal(token: Token | undefined): boolean {
  return /^\d+(?:st|nd|rd|th)$/u.test(token?.text ?? '');
}

function trimOrganization(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange | null {
  const free = withoutTakenEnds(paragraph, range, context);
  if (!free) return null;
  // "Prime Minister Sanae Takaichi's Liberal Democratic Party": the owner of an organisation found
  // already is not another one.
  if (free.last < range.last && paragraph.tokens[free.last]?.possessive) return null;
  let { first, last } = free;
  const token = (index: number) => paragraph.tokens[index];
  // A name ends with its sentence ("… Vaca S.R.L. Choque’s supporters": compromise may run on).
  for (let index = first + 1; index <= last; index++) {
    if (token(index)?.sentenceStart && !isNumberSign(paragraph.tokens, index)) {
      last = index - 1;
      break;
    }
  }
  // "Meditrack Chief Technology Officer Ayesha Rahimi": a chief's title ends the company's name.
  if (token(last + 1)?.text === 'Officer') {
    for (let index = first + 1; index <= last; index++) {
      if (token(index)?.text === 'Chief') {
        last = index - 1;
        break;
      }
    }
  }
  // "India’s Election Commission", "Northcliff’s Tidewater Brewing Co": the owner is not part of the name.
  for (let index = last - 1; index >= first; index--) {
    if (token(index)?.possessive && !isPossessiveInName(paragraph.tokens, index)) {
      first = index + 1;
      break;
    }
  }
  // "Đà Nẵng …", "De Nederlandsche Bank": a capitalised word spelt like a link opens the name.
  const isLink = (index: number) => {
    const word = token(index);
    const link = CONNECTORS.has(word?.key ?? '') || NAME_LINKS.has(word?.key ?? '');
    return link && (word?.key === 'the' || !isCapitalized(word) || word?.sentenceStart === true);
  };
  // "A …", and "the NGO Voces Libres": an article or a kind written in capitals opens no name.
  const isArticle = (index: number) => ['a', 'an', 'ngo', 'ngos'].includes(token(index)?.key ?? '');
  while (first <= last && (isLink(first) || isArticle(first) || isSentenceStartWord(paragraph, first))) first++;
  while (last >= first && isLink(last)) last--;
  if (isCountryQualifier(paragraph.tokens, first, last) || isCreedOrNationBefore(paragraph.tokens, first, last))
    first++;
  // "Chief Minister N. Chandrababu Naidu": a name after a titled initial is a person's.
  const initial = token(first - 1);
  const afterInitial = /^\p{Lu}$/u.test(initial?.text ?? '') && /^\. $/u.test(token(first)?.gapBefore ?? '');
  if (afterInitial && titleStartBefore(paragraph.tokens, first - 1, true) !== null) return null;
  return first <= last ? { first, last } : null;
}

/**
 * "Peronist Unión por la Patria", "German Bundeskriminalamt": a creed before a name that does not
 * begin with an organisation word ("Socialist Party" and "Communist Party of China" keep theirs), or
 * a nationality before a compound that is a body's whole name, says whose it is.
 */
function isCreedOrNationBefore(tokens: readonly Token[], first: number, last: number): boolean {
  const [word, next] = [tokens[first], tokens[first + 1]];
  if (!word || !next || word.possessive || !isCapitalized(word) || next.gapBefore !== ' ') return false;
  const foreignLink = tokens
    .slice(first + 2, last)
    .some((token) => NAME_LINKS.has(token.key) && !ENGLISH_LINKS.has(token.key));
  const creed =
    /\p{Ll}ist$/u.test(word.text) && last - first >= 2 && (!isHead(next) || foreignLink) && isCapitalized(next);
  const nation = NATIONALITIES.has(word.key) && last === first + 1 && isCompoundOrganizationWord(next);
  return creed || nation || isNationalStateBody(tokens.slice(first, last + 1).map((token) => token.key));
}

/**
 * "U.S. Food and Drug Administration", "UK Border Force": a country's short name before a body's
 * name says whose body it is; the name is what follows, as "Food and Drug Administration" alone
 * names it too. A one-word rest keeps it ("U.S. Army").
 */
function isCountryQualifier(tokens: readonly Token[], first: number, last: number): boolean {
  const country = tokens[first];
  if (!country || !['us', 'uk'].includes(country.key) || !isAllCaps(country.text) || last - first < 2) return false;
  if (country.possessive || !/^ $/u.test(tokens[first + 1]?.gapBefore ?? '')) return false;
  return isHead(tokens[last]) || isHead(tokens[first + 1]);
}

function looksLikeOrganization(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  // "4th" in "Court of the 4th Region", "-operative" in "Co-operative" are parts of capitalised names.
  // "in" before the country a body is named for ("Association of Banks in Lebanon"), a games' year
  // ("Brisbane 2032 Organising Committee"), a club's founding year ("SV Rheinfels 07").
  const wordPart = (token: Token) =>
    isOrdinal(token) ||
    (token.gapBefore === '-' && ['operative', 'op'].includes(token.key)) ||
    (['in', ...(/^\d{4}$/u.test(token.text) ? [token.key] : [])].includes(token.key) &&
      token !== tokens.at(-1) &&
      token !== tokens[0]) ||
    (/^\d+$/u.test(token.text) && token === tokens.at(-1) && CLUB_PREFIXES.has(tokens[0]?.key ?? '')) ||
    isNumberSign(paragraph.tokens, token.index) ||
    // "… United Local 88", "Sawt al-Qanun".
    (/^\d+$/u.test(token.text) && paragraph.tokens[token.index - 1]?.text === 'Local') ||
    (HYPHEN_PARTICLES.has(token.text) && paragraph.tokens[token.index + 1]?.gapBefore === '-');
  const frenchHead = tokens.findIndex((token) => FRENCH_HEADS.has(token.key));
  const words = tokens.filter(
    (token, index) =>
      !CONNECTORS.has(token.key) &&
      !NAME_LINKS.has(token.key) &&
      !AND_WORDS.has(token.key) &&
      !wordPart(token) &&
      // "Lucha Contra el Crimen": an article of another language inside the name.
      !(ARTICLES.has(token.key) && token.text === token.key && token !== tokens[0]) &&
      // "Tribunal correctionnel", "Inspection du travail": French names in sentence case.
      !(/^\p{Ll}/u.test(token.text) && frenchHead >= 0 && index > frenchHead),
  );
  // "Inspection du travail": a French organisation word and its lower-case object.
  const frenchTail =
    FRENCH_HEADS.has(tokens[0]?.key ?? '') && tokens.slice(1).some((token) => /^\p{Ll}{4,}$/u.test(token.text));
  // "Bundeskriminalamt": a compound that is a body's whole name.
  const compound = tokens.length === 1 && tokens[0] !== undefined && isCompoundOrganizationWord(tokens[0]);
  if ((words.length < 2 && !frenchTail && !compound) || tokens.length > 12) return false;
  const nameLike = (token: Token) => (isCapitalized(token) || isElidedName(token)) && !CALENDAR_WORDS.has(token.key);
  if (!words.every(nameLike) || !isCapitalized(words[0])) return false;
  // "Belt and Road Initiative", "Black Sea Grain Initiative" are programmes; a group's name goes on
  // after it ("Egyptian Initiative for Personal Rights").
  if (tokens.at(-1)?.key === 'initiative') return false;
  const body = isNamedBody(tokens, words);
  if (!body && namesEventOrLaw(tokens)) return false;
  // "Tomás Herrera of the Max Planck Institute": a person, named with where they work.
  const after = paragraph.tokens[range.last + 1];
  // "Esplanada dos Ministérios", "Avenida Paulista": a square or street named in another language.
  if (STREET_OPENERS.has(tokens[0]?.key ?? '')) return false;
  // "Saudi Energy Minister Abdulaziz bin Salman": a country and a portfolio, the title's first words.
  if (after?.text === 'Minister' && after.gapBefore === ' ' && !isHead(tokens.at(-1))) return false;
  const affiliation = after !== undefined && ['of', 'at', 'from'].includes(after.key) && after.gapBefore === ' ';
  // "Professor Ayaka Tsuchiya of Osaka University": a title before the name says a person too.
  const titledName = (first: Token | undefined, words: number) =>
    first !== undefined && words >= 2 && titleStartBefore(paragraph.tokens, first.index) !== null;
  const personNamed = (first: Token | undefined, words: number) =>
    first !== undefined && (isGivenName(first) || titledName(first, words));
  if (affiliation && personNamed(tokens[0], tokens.length) && !tokens.some(isHead)) return false;
  // … and so is one compromise runs into the organisation ("Tomás Herrera of the Max Planck Institute").
  const of = tokens.findIndex((token) => ['of', 'at', 'from'].includes(token.key));
  const before = of > 0 ? tokens.slice(0, of) : [];
  const personFirst =
    before[0] !== undefined &&
    (personNamed(before[0], before.length) || paragraph.analysis.tags[before[0].index]?.has('Person'));
  if (personFirst && !before.some(isHead) && !before.some((token) => COMPANY_ENDINGS.has(token.key))) return false;
  // "Guard Nikola Vuković scored": a player's position before a name, not an organisation.
  if (POSITION_HEADS.has(tokens[0]?.key ?? '') && tokens[1] !== undefined && isGivenName(tokens[1])) return false;
  // "General Court" and "Attorney General’s Office" are bodies; "President Jane Doe" is not.
  const titled = tokens.slice(0, -1).every((token) => TITLE_WORDS.has(token.possessive?.key ?? token.key));
  // "General Elections Commission": "General" opens a body's name before a word that is no name.
  // "General Confederation of Labor": or before its object.
  const generalBody =
    tokens[0]?.key === 'general' &&
    tokens.length >= 3 &&
    (isHead(tokens.at(-1)) || isHead(tokens[1])) &&
    tokens[1] !== undefined &&
    !isGivenName(tokens[1]);
  // "Justice and Development Party": a title word joined by "and" to the rest of a body's name.
  const joined = tokens[1]?.key === 'and' && isHead(tokens.at(-1));
  if (isTitleWord(tokens[0]) && !(titled && isHead(tokens.at(-1))) && !generalBody && !joined) return false;
  // A run of place names ("Costa Serena", "Puerto Almendro") is not an organisation; a club word
  // ends a club's name even where compromise reads it as part of a place ("Rift Valley Harriers").
  const lastKey = tokens.at(-1)?.key ?? '';
  // "Vandenberg Space Force Base", "Kakuma Refugee Camp": a site, whoever runs it.
  if (SITE_ENDINGS.has(lastKey)) return false;
  const club = (CLUB_ENDINGS.has(lastKey) && lastKey !== 'united') || COMPANY_ENDINGS.has(lastKey);
  return club || body || !words.every((token) => inRanges(paragraph.analysis.places, token.index));
}

/** French organisation words after which names go on in lower case ("Cour suprême", "Inspection du travail"). */
const FRENCH_HEADS = new Set([
  'cour',
  'tribunal',
  'conseil',
  'inspection',
  'direction',
  'autorite',
  'agence',
  'caisse',
]);

/** Last words of the names of sites, which no organisation's name ends with. */
const SITE_ENDINGS = new Set(['base', 'airbase', 'airfield', 'barracks', 'camp', 'enclave', 'complex']);

/** Councils, legislatures and courts named for where they sit, which compromise reads as places. */
const SITTING_BODIES = new Set([
  'council',
  'assembly',
  'parliament',
  'legislature',
  'senate',
  'tribunal',
  'constabulary',
]);

/**
 * "Denver City Council", "Kingsmere District Council", "Seoul Southern District Court": a place and the
 * body that sits there. Two words may name a place with "Court" ("Earls Court"); three name a court.
 * A school is an organisation wherever it is.
 */
function isNamedBody(tokens: readonly Token[], words: readonly Token[]): boolean {
  const key = words.at(-1)?.key ?? '';
  if (words.length < 2 || words.some((token) => token.possessive)) return false;
  // "Rio Grande State University", "University of Cape Coast", "Miami Valley Local School District";
  // not "College Park" or "University Avenue".
  const school =
    SCHOOLS.has(key) ||
    // "University of Ghana Stadium" is a venue.
    (SCHOOLS.has(tokens[0]?.key ?? '') && NAME_LINKS.has(tokens[1]?.key ?? '') && !SCHOOL_VENUES.has(key)) ||
    (key === 'district' && words.at(-2)?.key === 'school');
  return school || SITTING_BODIES.has(key) || (key === 'court' && words.length >= 3);
}

/** A school's grounds named for it ("University of Ghana Stadium"). */
const SCHOOL_VENUES = new Set(['stadium', 'arena', 'dome', 'hall', 'campus']);

/** Schools named for their place, which compromise reads as part of it. */
const SCHOOLS = new Set(['university', 'universidad', 'universidade', 'universite', 'college', 'polytechnic']);

/**
 * "Digital Markets Act", "Champions League", "Council Tax", "Exchange Street": a law, a
 * competition, a thing or a place, not who runs it.
 */
function namesEventOrLaw(tokens: readonly Token[], cued = false): boolean {
  const [before, last] = [tokens.at(-2), tokens.at(-1)];
  if (!last) return false;
  const key = last.possessive?.key ?? last.key;
  if (THING_WORDS.has(key) && !isHead(last)) return true;
  if (before && BUILDING_ENDINGS.has(`${before.key} ${key}`)) return true;
  // "game developer Bluemoon Games": a sentence that calls it a company is not naming the Asian Games.
  if (cued && key === 'games' && before && !isEnglishWord(before.key) && !isAdjectiveOnItsOwn(before.text))
    return false;
  // "Champions League", "Swedish Hockey League": a competition.
  const competition = COMPETITION_WORDS.has(before?.key ?? '') || SPORTS.has(before?.key ?? '');
  // "League One", "League 2", "Primera División": a division.
  const division =
    (before?.key === 'league' && ['one', 'two', '1', '2'].includes(key)) ||
    (['division', 'divisao'].includes(key) && DIVISION_RANKS.has(before?.key ?? ''));
  return EVENT_AND_LAW_WORDS.has(key) || (key === 'league' && competition) || division;
}

/** Ranks of a league's divisions ("Segunda División", "Second Division"). */
const DIVISION_RANKS = new Set(['primera', 'segunda', 'tercera', 'first', 'second', 'third', 'premier', 'serie']);

/** A common word opening the sentence, not the name; an organisation word may open one ("Club Nacional beat…"). */
function isSentenceStartWord(paragraph: Paragraph, index: number): boolean {
  const token = paragraph.tokens[index];
  if (!token?.sentenceStart || isHead(token)) return false;
  // "PT Vale Indonesia said": a company's or a club's form opens the name.
  if ((COMPANY_PREFIXES.has(token.key) || CLUB_PREFIXES.has(token.key)) && token.text === token.text.toUpperCase())
    return false;
  // "Greater Manchester Police": "Greater" opens a region's name.
  if (token.key === 'greater' && isCapitalized(paragraph.tokens[index + 1])) return false;
  // "Chipmaker Kestrel Semiconductor": a kind of company opening the sentence.
  if (isOrganizationNoun(paragraph.tokens, index) && isCapitalized(paragraph.tokens[index + 1])) return true;
  if (isCommonPlural(paragraph, index)) return true;
  // A word compromise does not know ("Tornby IF beat…") is a name, not a common word.
  if (!isEnglishWord(token.key)) return false;
  const tags = paragraph.analysis.tags[index];
  return !['ProperNoun', 'Organization', 'Person', 'Place'].some((tag) => tags?.has(tag));
}

/**
 * "Organisers RCS Sport said", "Shares of Bamboo Ink…": a plural common noun, which the lexicon
 * knows only in the singular; compromise may read "Shares" after a dateline as a name.
 */
function isCommonPlural(paragraph: Paragraph, index: number): boolean {
  const tags = paragraph.analysis.tags[index];
  const named = ['ProperNoun', 'Organization', 'Person', 'Place'].some((tag) => tags?.has(tag));
  return (tags?.has('Plural') && !named) || isSharesOf(paragraph.tokens, index);
}

function isSharesOf(tokens: readonly Token[], index: number): boolean {
  return tokens[index]?.key === 'shares' && ['of', 'in'].includes(tokens[index + 1]?.key ?? '');
}

/**
 * Names the sentence calls organisations: after a noun ("the charity Safe Harbour Youth",
 * "start-up Parcelwise", "shares of Klarna"), before one ("the Cannery Boys gang"), or set off by
 * commas beside one ("InSight Crime, a research group", "a rival crew, Southside 19,").
 */
function cuedNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  const ranges: TokenRange[] = [];
  for (const token of tokens) {
    const next = tokens[token.index + 1];
    const noun = isOrganizationNoun(tokens, token.index) && !isPersonalRival(tokens, token.index);
    // "an outlaw motorcycle gang, the Iron Serpents,": the name set off after the noun, with its article.
    const [article, named] = [tokens[token.index + 1], tokens[token.index + 2]];
    if (noun && !isCapitalized(token) && article?.key === 'the' && /^, $/u.test(article.gapBefore) && named) {
      const name = isCapitalized(named) && /^ $/u.test(named.gapBefore) ? nameFrom(tokens, named.index) : null;
      if (name && /^[,.;]/u.test(tokens[name.last + 1]?.gapBefore ?? '.')) ranges.push(name);
    }
    if (!next || !isCapitalized(next)) continue;
    const spaced = /^ $/u.test(next.gapBefore);
    const sharesOf = ['of', 'in'].includes(token.key) && tokens[token.index - 1]?.key === 'shares';
    // "a spokeswoman for Helvetia Re"; one word may be a person ("a spokesman for Biden").
    const speaksFor = token.key === 'for' && SPOKESPEOPLE.has(tokens[token.index - 1]?.key ?? '');
    // "a crisis team run by Harborlight Behavioral Health"; one word may be a person ("owned by Musk").
    const runBy = token.key === 'by' && RUNNING_VERBS.has(tokens[token.index - 1]?.key ?? '');
    // "analyst Meenakshi Iyer of Kotak Institutional Equities": where a professional named in full works.
    const worksAt = token.key === 'of' && professionalBefore(tokens, token.index);
    // "customers including Stratocloud", "rivals such as Nuagique".
    const including = isListOfOrganizations(tokens, token.index);
    // "published in the East African Medical Review": a journal.
    const publishedIn = isPublishedIn(tokens, token.index);
    // "the state-owned Polska Grupa Zbrojeniowa", "Nasdaq-listed Corvane".
    const owned = OWNERSHIP_WORDS.has(token.key) && token.gapBefore === '-';
    // "the peacekeeping mission MONUSCO", "the weather bureau PAGASA": an acronym after such a noun.
    const acronymAfter = ['mission', 'bureau'].includes(token.key) && isAllCaps(next.text) && next.text.length > 2;
    // "the NGO Voces Libres"; "Chipmaker Kestrel Semiconductor cut jobs" opening a sentence.
    const capitalNoun = (token.key === 'ngo' && isAllCaps(token.text)) || (token.sentenceStart && noun);
    if (
      spaced &&
      (!isCapitalized(token) || capitalNoun) &&
      (noun ||
        sharesOf ||
        speaksFor ||
        runBy ||
        worksAt ||
        including ||
        publishedIn ||
        owned ||
        acronymAfter ||
        introducesOrganization(tokens, token.index))
    ) {
      // "published in The Lancet Digital Health": the article is no part of the name.
      const article =
        next.key === 'the' && isCapitalized(tokens[next.index + 1]) && !tokens[next.index + 1]?.sentenceStart;
      const name = nameFrom(tokens, article ? next.index + 1 : next.index);
      if (!(speaksFor || runBy || worksAt) || name.last > name.first) ranges.push(name, ...coordinated(tokens, name));
    } else if (/^, $/u.test(next.gapBefore) && noun && !speaksForNoun(tokens, token.index)) {
      const name = nameFrom(tokens, next.index);
      if (/^[,.;]/u.test(tokens[name.last + 1]?.gapBefore ?? '.')) ranges.push(name);
    }
  }
  for (const token of tokens) {
    // "CURITIBA, Brazil — Renova Brasil, a centrist movement": a dateline's place does not run into the name.
    const previous = tokens[token.index - 1];
    const ampersand = token.gapBefore === '&' && isShortCapitals(previous) && isShortCapitals(token);
    const runsOn = isCapitalized(previous) && (isAdjacent(token.gapBefore) || ampersand);
    if (!isCapitalized(token) || runsOn) continue;
    if (tokens[token.index - 1]?.possessive || isHyphenParticle(tokens, token.index - 1)) continue;
    // "Shares of Bamboo Ink Studios, which…": the shares are not the company; "Mothers for Justice" is one.
    if (token.sentenceStart && isSharesOf(tokens, token.index)) continue;
    // "The Jan Shakti Morcha, a regional party": the sentence's "The" is not part of the name.
    const opensWithThe = token.key === 'the' && isCapitalized(tokens[token.index + 1]);
    // "In Burkina Faso, the armed group …": a preposition opening the sentence is no part of a name.
    const preposition = OPENING_PREPOSITIONS.has(token.key) && /^\p{Lu}\p{Ll}+$/u.test(token.text);
    if (token.sentenceStart && preposition && tokens[token.index + 1]?.gapBefore === ' ') continue;
    const name = nameFrom(tokens, opensWithThe ? token.index + 1 : token.index);
    const after = tokens[name.last + 1];
    // "The United Food and Commercial Workers union": "and" inside a name the group noun closes.
    const joinedName =
      after?.key === 'and' && isCapitalized(tokens[name.last + 2]) && !isPeopleOrFaith(tokens, name)
        ? nameFrom(tokens, name.last + 2)
        : null;
    const article = opensWithThe || tokens[token.index - 1]?.key === 'the';
    // "the mostly Muslim Séléka coalition": a faith or a people before the name says whose it is.
    const believers = name.last > name.first && PEOPLES_AND_FAITHS.has(tokens[name.first]?.key ?? '');
    const group = believers ? { first: name.first + 1, last: name.last } : name;
    if (groupNounAfter(paragraph, name.last) && (opensWithThe || !token.sentenceStart)) ranges.push(group);
    else if (joinedName && article && groupNounAfter(paragraph, joinedName.last))
      ranges.push({ first: name.first, last: joinedName.last });
    // "the CGT-Cheminots and Sud-Rail unions": two organisations of the kind the plural names.
    else if (joinedName && article && PLURAL_KINDS.has(tokens[joinedName.last + 1]?.key ?? ''))
      ranges.push(name, joinedName);
    else if (ownsCompanyThing(tokens, name) || actsAsCompany(tokens, name) || employs(tokens, name)) ranges.push(name);
    else if (after && /^, $/u.test(after.gapBefore) && describesAsOrganization(tokens, name.last + 1))
      ranges.push(name);
    else ranges.push(...team(paragraph, name));
    // "Nvidia and Tessaron", "Mercedes-Benz and Vossberg Motoren": named after a listed organisation.
    // Not the other way round: "the Ford and Rockefeller foundations" share the word after.
    const partner = coordinated(tokens, name)[0];
    if (partner && isListedName(paragraph, name)) ranges.push(partner);
  }
  return ranges;
}

/** Prepositions that open a sentence before a place ("In Burkina Faso, …", "Across Kenya, …"). */
const OPENING_PREPOSITIONS = new Set(['in', 'at', 'on', 'from', 'across', 'throughout', 'within', 'inside', 'near']);

/**
 * "A spokesman for the armed group, Khaing Min Naing,", "its director of organisation, Fabiana
 * Ribeiro Lacerda,": a role held in the organisation comes first, and the name set off after it is
 * the person holding it.
 */
function speaksForNoun(tokens: readonly Token[], noun: number): boolean {
  for (let index = noun - 1; index >= Math.max(0, noun - 5); index--) {
    const token = tokens[index];
    if (!token || /[,.;:()“”"]/u.test(tokens[index + 1]?.gapBefore ?? '')) return false;
    if (isRoleWord(token) && ['of', 'for', 'at'].includes(tokens[index + 1]?.key ?? '')) return true;
  }
  return false;
}

/**
 * "his rival Okonkwo", "Rival Democrats": a rival is a company's only where a company has it ("its
 * rival Volar Caribe") or where the name is a company's shape, of two words or listed with another
 * ("Rival Brumaire Cloud", "rivals Cloudfarer and Nimbara Systems").
 */
function isPersonalRival(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token || !['rival', 'rivals'].includes(token.key)) return false;
  const owner = tokens[index - 1]?.key ?? '';
  if (['its', 'their'].includes(owner)) return false;
  if (['his', 'her'].includes(owner)) return true;
  const name = tokens[index + 1] ? nameFrom(tokens, index + 1) : null;
  return name === null || (name.last === name.first && coordinated(tokens, name).length === 0);
}

/** "Sunni", "Kurdish": a people or a faith, which names no organisation. */
function isPeopleOrFaith(tokens: readonly Token[], name: TokenRange): boolean {
  const word = tokens[name.first];
  return name.first === name.last && (PEOPLES_AND_FAITHS.has(word?.key ?? '') || isAdjectiveOnItsOwn(word?.text ?? ''));
}

/** "the Cannery Boys gang", "the FIOM-CGIL metalworkers’ union": a group noun after the name. */
function groupNounAfter(paragraph: Paragraph, last: number): boolean {
  const { tokens, analysis } = paragraph;
  const { tags } = analysis;
  const after = tokens[last + 1];
  // "Smer-SD, Fico's party": whose party it is, not its name.
  if (!after || !/^ $/u.test(after.gapBefore) || tokens[last]?.possessive) return false;
  if (GROUP_NOUNS_AFTER.has(after.key)) return true;
  const word = tokens[last];
  const adjective = tags[last]?.has('Adjective') || (isEnglishWord(word?.key ?? '') && !tags[last]?.has('Place'));
  // "the Tehreek-e-Labbaik Pakistan party"; an English word before "party" is as often an
  // adjective ("the Republican party", "the New York Republican party").
  // A word of no language compromise knows is a name ("the Comunes party").
  const foreign =
    word !== undefined &&
    isCapitalized(word) &&
    !isEnglishWord(word.key) &&
    !isAdjectiveOnItsOwn(word.text) &&
    !PEOPLES_AND_FAITHS.has(word.key) &&
    !tags[last]?.has('Place');
  // "the PRO party": an acronym names the party, unless it is a country's ("the US party").
  const acronym = word !== undefined && isAllCaps(word.text) && !['us', 'usa', 'uk', 'eu', 'un'].includes(word.key);
  if (after.key === 'party') return acronym || ((isNamePhrase(tokens, last) || foreign) && !adjective);
  // "Ansar Allah, the Houthi movement": a description set off by a comma says what the name before it is.
  // A one-word name before "movement" is as often a cause ("the MeToo movement") as a party.
  if (after.key === 'movement' && !isNamePhrase(tokens, last)) return false;
  // "the Mine Workers union": the workers a union is named for.
  if (after.key === 'union' && /s$/u.test(word?.text ?? '') && isNamePhrase(tokens, last)) return true;
  // "a WhatsApp group": a group on the platform, not the organisation.
  if (KIND_NOUNS_AFTER.has(after.key) && ['a', 'an'].includes(tokens[last - 1]?.key ?? '')) return false;
  // "the Barcelona club", "Tokyo shares": a place stands for its team or its market.
  const place = tags[last]?.has('Place') || inRanges(analysis.places, last);
  // "the Tuscan club": a region's adjective, like a nationality, says whose club it is.
  const demonym = /(?:an|ese|ish)$/u.test(word?.key ?? '') && !isCapitalized(tokens[last - 1]);
  if (['club', 'shares', 'coalition'].includes(after.key) && (place || demonym)) return false;
  if (KIND_NOUNS_AFTER.has(after.key))
    return (
      !adjective &&
      !isAdjectiveOnItsOwn(word?.text ?? '') &&
      !PEOPLES_AND_FAITHS.has(word?.key ?? '') &&
      !describesNameBefore(tokens, last)
    );
  const noun = tokens[last + 2];
  return /s$/u.test(after.text) && !isCapitalized(after) && noun?.key === 'union' && /^['’] $/u.test(noun.gapBefore);
}

/** ", the Houthi movement": the run of capitals ending at `last` follows ", the". */
function describesNameBefore(tokens: readonly Token[], last: number): boolean {
  let first = last;
  while (first > 0 && isCapitalized(tokens[first - 1]) && /^[ -]$/u.test(tokens[first]?.gapBefore ?? '')) first--;
  const article = tokens[first - 1];
  return article?.key === 'the' && /^, $/u.test(article.gapBefore);
}

/** The name ending at `last` has two or more words. */
function isNamePhrase(tokens: readonly Token[], last: number): boolean {
  const previous = tokens[last - 1];
  if (previous === undefined || previous.key === 'the') return false;
  return /^[ -]$/u.test(tokens[last]?.gapBefore ?? '') && isCapitalized(previous);
}

/**
 * "Financiera Andina Sur’s largest shareholder", "Nordvik’s chief executive": what only a company
 * has. A one-word name may be a person's ("Musk’s shares", "Trump’s chief executive order").
 */
function ownsCompanyThing(tokens: readonly Token[], name: TokenRange): boolean {
  if (!tokens[name.last]?.possessive) return false;
  let index = name.last + 1;
  while (index < name.last + 3 && ['largest', 'biggest', 'main', 'new', 'former'].includes(tokens[index]?.key ?? ''))
    index++;
  const [noun, nextNoun] = [tokens[index], tokens[index + 1]];
  if (!noun || !/^ $/u.test(noun.gapBefore)) return false;
  const chief = noun.key === 'chief' && ['executive', 'financial'].includes(nextNoun?.key ?? '');
  if (name.first === name.last && tokens[index + 2]?.key === 'order') return false;
  if (name.first === name.last) return chief || (COMPANY_THINGS.has(noun.key) && noun.key !== 'shares');
  return chief || COMPANY_THINGS.has(noun.key);
}

/** "a former Fanuc engineer", "an Airbus spokeswoman": the name between an article and a member of its staff. */
function employs(tokens: readonly Token[], name: TokenRange): boolean {
  const [before, after, last] = [tokens[name.first - 1], tokens[name.last + 1], tokens[name.last]];
  if (!before || !after || !last || last.possessive || !/^ $/u.test(after.gapBefore) || isCapitalized(after))
    return false;
  if (!['a', 'an', 'former'].includes(before.key) || !STAFF_NOUNS.has(after.key)) return false;
  const words = tokens.slice(name.first, name.last + 1);
  // "a British engineer", "a Democratic senator": an adjective, not a name.
  if (words.length === 1 && isAdjectiveOnItsOwn(last.text)) return false;
  return !SEATS_OF_POWER.has(words.map((token) => token.key).join(' '));
}

/** "analyst Meenakshi Iyer of": a profession, then a name of two to four capitalised words, ending at `of`. */
function professionalBefore(tokens: readonly Token[], of: number): boolean {
  let first = of - 1;
  const nameWord = (token: Token | undefined) => isCapitalized(token) && !PROFESSIONS.has(token?.key ?? '');
  while (first > of - 4 && nameWord(tokens[first - 1]) && /^[ -]$/u.test(tokens[first]?.gapBefore ?? '')) first--;
  const role = tokens[first - 1];
  if (first === of - 1 || !role || !/^ $/u.test(tokens[first]?.gapBefore ?? '')) return false;
  return PROFESSIONS.has(role.key) && (!isCapitalized(role) || role.sentenceStart) && !tokens[of - 1]?.possessive;
}

/** "Kalvero, which makes sensors,": what a company does, in a clause after its name. */
function actsAsCompany(tokens: readonly Token[], name: TokenRange): boolean {
  const [after, verb] = [tokens[name.last + 1], tokens[name.last + 2]];
  // "The Amazon, which supplies water": a river or a region takes an article; a company does not.
  if (!after || !verb || tokens[name.last]?.possessive || tokens[name.first - 1]?.key === 'the') return false;
  // "Route 9, which runs along the coast": a numbered thing is a road or a product.
  if (/^\d+$/u.test(tokens[name.last]?.text ?? '')) return false;
  return /^, $/u.test(after.gapBefore) && after.key === 'which' && COMPANY_VERBS.has(verb.key);
}

/**
 * The word before a name that says an organisation follows: "a group known as Black Meridian",
 * "a firm called Parcelwise", "analysts at XP Investimentos", "the Budapest-based Medián institute".
 */
function introducesOrganization(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (token.key === 'based' && token.gapBefore === '-') return true;
  if (token.key === 'at') return EXPERT_NOUNS.has(tokens[index - 1]?.key ?? '');
  // "a criminal group calling itself Grid7"
  // "the attackers, who call themselves BlackHydra"
  if (['call', 'calling'].includes(tokens[index - 1]?.key ?? '') && token.key === 'themselves') return true;
  if (token.key === 'itself' && ['calling', 'calls', 'called'].includes(tokens[index - 1]?.key ?? ''))
    return [2, 3, 4].some((back) => isOrganizationNoun(tokens, index - back));
  // "the group, known to researchers as Sandworm": who knows it may stand between.
  const known = [1, 3].find((back) => tokens[index - back]?.key === 'known');
  const naming = ['called', 'named'].includes(token.key) || (token.key === 'as' && known !== undefined);
  if (!naming) return false;
  const from = token.key === 'as' ? index - 1 - (known ?? 1) : index - 1;
  for (let before = from; before >= from - 3; before--) {
    if (isTitleWord(tokens[before])) return false;
    // "the Liberal Democratic Party (LDP) on Friday named Emiko Sakurai-Noda": a party that names
    // someone to a post; "a party named …" has the noun in lower case, before the word.
    if (isCapitalized(tokens[before]) && !tokens[before]?.sentenceStart) return false;
    if (isOrganizationNoun(tokens, before)) return true;
  }
  return false;
}

/**
 * "Westbrook Wolves beat…", "…drew with Harbourview Gulls": a place and a plural nickname in a
 * result. "beat" alone is enough after the name; "with", "to", "over" need a result before them.
 */
function team(paragraph: Paragraph, range: TokenRange): TokenRange[] {
  const { tokens, analysis } = paragraph;
  let last = range.last;
  while (last > range.first && /^\d+$/u.test(tokens[last]?.text ?? '')) last--;
  const [first, lastWord] = [tokens[range.first], tokens[last]];
  if (!first || !lastWord || last === range.first || lastWord.possessive || !/[^s]s$/u.test(lastWord.text)) return [];
  if (first.key === 'the') return [];
  // "Osaka Thunderbirds" is a team from a place; "United States" is a place.
  const isPlace = (index: number) => inRanges(analysis.places, index) || analysis.tags[index]?.has('Place');
  if (isPlace(last)) return [];
  const name = { first: range.first, last };
  const after = tokens[last + 1];
  if (after && /^ $/u.test(after.gapBefore) && MATCH_VERBS_AFTER.has(after.key)) return [name];
  const skip = tokens[range.first - 1]?.key === 'the' ? 1 : 0;
  const before = tokens[range.first - 1 - skip];
  // "lost 88-79 to the Beijing Ducks", "drew 1-1 with …": the score may stand between.
  let resultIndex = range.first - 2 - skip;
  while (/^\d+$/u.test(tokens[resultIndex]?.text ?? '')) resultIndex--;
  const beforeThat = tokens[resultIndex];
  if (!before || !/^ $/u.test(first.gapBefore) || !MATCH_WORDS_BEFORE.has(before.key)) return [];
  const result = ['drew', 'lost', 'win', 'victory'];
  // "against" alone may be an election's ("took 54% of the vote against Ademar Tostes").
  const beaten = ['beat', 'beating', 'defeated', 'defeating'].includes(before.key);
  return beaten || result.includes(beforeThat?.key ?? '') ? [name] : [];
}

/** Words before a team that a score follows ("beat Olimpia Ravenna 88-81", "lost to the Sendai Hawks 4-1"). */
const BEATEN_BEFORE = new Set([
  'beat',
  'beats',
  'beating',
  'defeated',
  'defeating',
  'edged',
  'thrashed',
  'downed',
  'against',
  'over',
  'to',
  'with',
]);
const RESULTS = new Set(['win', 'victory', 'defeat', 'loss', 'draw']);

/**
 * Teams in a result with its score: "KK Dunav Beograd beat Olimpia Ravenna 88-81", "a 2-0 win over
 * Wexham Town". A person may win by a score too ("beat Carlos Alcaraz 6-4"), so a one-word name or
 * one opening with a first name is left to the checks after.
 */
function scoredTeams(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    if (!isCapitalized(token) || (isCapitalized(tokens[token.index - 1]) && isAdjacent(token.gapBefore))) return [];
    const name = nameFrom(tokens, token.index);
    return [...scoredTeam(tokens, name), ...cityWinner(paragraph, name)];
  });
}

/** Verbs of a result whose subject is a team ("Barcelona beat Sevilla 3-0", "Barcelona drew 1-1 at Girona"). */
const RESULT_VERBS = new Set(['beat', 'defeated', 'edged', 'thrashed', 'drew', 'lost', 'routed']);

/**
 * "Barcelona, who beat Sevilla 3-0": a city that wins, draws or loses by a score is its club. Only
 * a city compromise knows: a surname alone wins by a score too ("Sabalenka beat Gauff 6-4 6-3").
 */
function cityWinner(paragraph: Paragraph, name: TokenRange): TokenRange[] {
  const { tokens } = paragraph;
  const city = tokens[name.first];
  if (name.first !== name.last || !city || city.possessive || !paragraph.analysis.tags[city.index]?.has('City'))
    return [];
  const who = tokens[name.last + 1]?.key === 'who' && tokens[name.last + 1]?.gapBefore === ', ';
  const verb = tokens[name.last + (who ? 2 : 1)];
  if (!verb || !RESULT_VERBS.has(verb.key) || (!who && !/^ $/u.test(verb.gapBefore))) return [];
  for (let index = verb.index + 1; index < verb.index + 6; index++) if (isScore(tokens, index)) return [name];
  return [];
}

/** "3-0", "88–81": a score starts at `index`. */
function isScore(tokens: readonly Token[], index: number): boolean {
  const digits = (token: Token | undefined) => /^\d{1,3}$/u.test(token?.text ?? '');
  return digits(tokens[index]) && ['-', '–'].includes(tokens[index + 1]?.gapBefore ?? '') && digits(tokens[index + 1]);
}

/**
 * A team in a result may be named by its town ("Wexham Town", "Derby County", "Barcelona"), but not
 * by a country or region compromise knows ("beat New Zealand 24-10" names a national side, which is a
 * country's name).
 */
function isTeamName(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const tags = (token: Token) => paragraph.analysis.tags[token.index];
  const knownPlace = tokens.some((token) => ['Country', 'Region'].some((tag) => tags(token)?.has(tag)));
  if (knownPlace || tokens.some((token) => tags(token)?.has('Demonym'))) return false;
  const [first] = tokens;
  if (!first || isTitleWord(first) || isFirstName(first) || tags(first)?.has('FirstName')) return false;
  return !tokens.some((token) => isTitleWord(token) || CALENDAR_WORDS.has(token.key) || tags(token)?.has('Person'));
}

function scoredTeam(tokens: readonly Token[], range: TokenRange): TokenRange[] {
  const digits = (token: Token | undefined) => /^\d{1,3}$/u.test(token?.text ?? '');
  let last = range.last;
  while (last > range.first && digits(tokens[last])) last--;
  const name = { first: range.first, last };
  if (last === range.first || tokens[last]?.possessive) return [];
  const skip = tokens[range.first - 1]?.key === 'the' ? 1 : 0;
  const before = tokens[range.first - 1 - skip];
  if (!before || !BEATEN_BEFORE.has(before.key)) return [];
  // "a 2-0 win over Wexham Town"
  const resultBefore = RESULTS.has(tokens[before.index - 1]?.key ?? '') && isScore(tokens, before.index - 3);
  return resultBefore || isScore(tokens, last + 1) ? [name] : [];
}

/**
 * A run of capitalised words and numbers starting at `first` ("Southside 19", "Safe Harbour Youth"),
 * with "de", "of"… inside ("Mariscos del Pacífico").
 */
/** Words after a number that make it an amount ("8 million euros", "12 percent"), not part of a name ("Barrio 18"). */
const AMOUNT_WORDS = new Set(['million', 'billion', 'trillion', 'thousand', 'percent', 'per', 'bn', 'mn', 'm']);

function isAmount(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1];
  return next !== undefined && (AMOUNT_WORDS.has(next.key) || next.gapBefore.startsWith('%'));
}

/**
 * "Veritas GmbH of Munich", "Fabriq Systems of Stuttgart": after a company form or a line of business,
 * "of" says where the company is; after an organisation word it goes on with the name ("Bank of Ghana").
 */
function endsCompanyName(token: Token | undefined): boolean {
  if (!token || isHead(token)) return false;
  return COMPANY_FORMS.has(token.key) || BUSINESS_LINES.has(token.key);
}

function nameFrom(tokens: readonly Token[], first: number): TokenRange {
  let last = first;
  // "the Dutch team Polderwind–Vanderkamp": a dash joins two sponsors in one name.
  const joined = (token: Token | undefined): token is Token =>
    token !== undefined && /^(?:[ -]|–)$/u.test(token.gapBefore) && !token.sentenceStart;
  while (last - first < 5 && !tokens[last]?.possessive) {
    const [next, afterNext] = [tokens[last + 1], tokens[last + 2]];
    if (joined(next) && (isCapitalized(next) || (/^\d+$/u.test(next.text) && !isAmount(tokens, next.index)))) last++;
    // "Daewon E&C", "AT&T": capitals joined by an ampersand.
    else if (next?.gapBefore === '&' && isShortCapitals(tokens[last]) && isShortCapitals(next)) last++;
    else if (tokens[last]?.key === 'co' && next?.gapBefore === '-' && ['operative', 'op'].includes(next.key)) last++;
    // "Colectivo Justicia y Memoria": "and" in another language joins one name.
    else if (
      joined(next) &&
      FOREIGN_AND_WORDS.has(next.text) &&
      joined(afterNext) &&
      isCapitalized(afterNext) &&
      !CALENDAR_WORDS.has(afterNext.key)
    )
      last += 2;
    // "Jamaat Ansar al-Islam", "Tehreek-e-Labbaik": a particle between hyphens is part of the name.
    else if (isHyphenParticle(tokens, last + 1)) last += 2;
    else if (
      joined(next) &&
      NAME_LINKS.has(next.key) &&
      joined(afterNext) &&
      isCapitalized(afterNext) &&
      !CALENDAR_WORDS.has(afterNext.key) &&
      !(next.key === 'of' && (endsCompanyName(tokens[last]) || isSpeakerBefore(tokens, first, last)))
    )
      last += 2;
    // "Mains Unies pour le Kivu": a link from another language, then its article.
    else if (
      joined(next) &&
      NAME_LINKS.has(next.key) &&
      !ENGLISH_LINKS.has(next.key) &&
      ARTICLES.has(afterNext?.key ?? '') &&
      joined(afterNext) &&
      joined(tokens[last + 3]) &&
      isCapitalized(tokens[last + 3]) &&
      !CALENDAR_WORDS.has(tokens[last + 3]?.key ?? '')
    )
      last += 3;
    else break;
  }
  return { first, last };
}

/**
 * "said Valentijn Trouw of Kaptagat Elite Management": after a speech verb, two or three plain
 * capitalised words before "of" are who speaks, not the start of an organisation's name.
 */
function isSpeakerBefore(tokens: readonly Token[], first: number, last: number): boolean {
  const verb = tokens[first - 1];
  if (!verb || !SPEECH_VERBS.has(verb.key) || tokens[first]?.gapBefore !== ' ' || last - first < 1 || last - first > 2)
    return false;
  const words = tokens.slice(first, last + 1);
  return words.every(
    (token) => isCapitalized(token) && !ORGANIZATION_HEADS.has(token.key) && !THING_WORDS.has(token.key),
  );
}

/** Particles between the hyphens of towns' names ("Southend-on-Sea", "Châlons-en-Champagne"). */
const HYPHENED_PLACE_PARTICLES = new Set([
  'on',
  'upon',
  'under',
  'by',
  'in',
  'le',
  'la',
  'les',
  'en',
  'sur',
  'sous',
  'am',
  'im',
  'an',
  'der',
]);

/** "2" in "N°2", "Nº 3", "No. 2": the number after a number sign. */
function isNumberSign(tokens: readonly Token[], index: number): boolean {
  const [sign, number] = [tokens[index - 1], tokens[index]];
  if (!number || !/^\d+$/u.test(number.text)) return false;
  // "Federal Oral Court No. 2": the dot of "No." ends no sentence.
  return (
    (sign?.text === 'N' && /^[°º] ?$/u.test(number.gapBefore)) ||
    (sign?.text === 'No' && /^\. $/u.test(number.gapBefore))
  );
}

/** "E", "AT": one to three capital letters, the halves of "E&C" or "AT&T". */
function isShortCapitals(token: Token | undefined): boolean {
  return token !== undefined && /^\p{Lu}{1,3}$/u.test(token.text);
}

function isHyphenParticle(tokens: readonly Token[], index: number): boolean {
  const [particle, next] = [tokens[index], tokens[index + 1]];
  if (!particle || !next || !HYPHEN_PARTICLES.has(particle.text) || next.gapBefore !== '-') return false;
  return /^[ -]$/u.test(particle.gapBefore) && isCapitalized(next);
}

/** The second half of "state-owned", "Nasdaq-listed", "Kremlin-backed" before a name. */
const OWNERSHIP_WORDS = new Set(['owned', 'run', 'listed', 'backed', 'controlled', 'funded']);

/** Who buys from or competes with a company, before "including" or "such as". */
const BUSINESS_RELATIONS = new Set([
  'customers',
  'clients',
  'rivals',
  'competitors',
  'partners',
  'buyers',
  'suppliers',
]);

function isListOfOrganizations(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  const relation = (at: number) => BUSINESS_RELATIONS.has(tokens[at]?.key ?? '') || isOrganizationNoun(tokens, at);
  if (token?.key === 'including') return relation(index - 1);
  return token?.key === 'as' && tokens[index - 1]?.key === 'such' && relation(index - 2);
}

const LANGUAGES = new Set([
  'english',
  'french',
  'spanish',
  'portuguese',
  'german',
  'italian',
  'arabic',
  'chinese',
  'mandarin',
  'japanese',
  'korean',
  'russian',
  'hindi',
  'swahili',
  'turkish',
  'polish',
  'dutch',
  'ukrainian',
]);

/** "published in the Lancet", "appear in the East African Medical Review": the last word before a journal's name. */
function isPublishedIn(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  const inWord = token?.key === 'the' ? tokens[index - 1] : token;
  if (inWord?.key !== 'in' || (token?.key === 'the' && !/^ $/u.test(token.gapBefore))) return false;
  // "published in English" names a language.
  if (LANGUAGES.has(tokens[index + 1]?.key ?? '')) return false;
  // "published on Thursday in …", "published online in …"
  for (let back = inWord.index - 1; back >= inWord.index - 3; back--) {
    const word = tokens[back];
    if (!word || !/^ ?$/u.test(tokens[back + 1]?.gapBefore ?? '')) return false;
    if (['published', 'appear', 'appears', 'appeared'].includes(word.key)) return true;
  }
  return false;
}

function isListedName(paragraph: Paragraph, range: TokenRange): boolean {
  const [first, last] = [paragraph.tokens[range.first], paragraph.tokens[range.last]];
  if (!first || !last) return false;
  return isWellKnownName(paragraph.text.slice(first.start, last.possessive?.end ?? last.end));
}

/** "chipmakers SMIC and Hua Hong": the names listed with the first. */
function coordinated(tokens: readonly Token[], name: TokenRange): TokenRange[] {
  const [link, next] = [tokens[name.last + 1], tokens[name.last + 2]];
  if (!link || !next || !['and', 'or'].includes(link.key) || !isCapitalized(next) || next.sentenceStart) return [];
  if (!/^ $/u.test(link.gapBefore) || !/^ $/u.test(next.gapBefore)) return [];
  return [nameFrom(tokens, next.index)];
}

/** "Halvard Security, the cybersecurity firm": the name ending at `last` is set off and said to be an organisation. */
export function isDescribedAsOrganization(tokens: readonly Token[], last: number, titled = false): boolean {
  if (!/^, $/u.test(tokens[last + 1]?.gapBefore ?? '') || !describesAsOrganization(tokens, last + 1, titled))
    return false;
  // ", a member of the party", ", an analyst at the bank": the organisation is where the person is.
  for (let index = last + 2; index < last + 8; index++) {
    const token = tokens[index];
    // ", a tea trader": a role that companies hold too is a person's here.
    if (!token || isRoleWord(token) || ['of', 'at', 'for', 'in', 'from', 'with', 'who'].includes(token.key))
      return false;
    if (isOrganizationNoun(tokens, index)) return true;
  }
  return false;
}

/** Nouns for people by their ties to others, which no organisation is ("ally", "friend"). */
const PERSON_NOUNS = new Set([
  'ally',
  'allies',
  'friend',
  'friends',
  'associate',
  'associates',
  'confidant',
  'critic',
  'critics',
  'partner',
  'rival',
  'loyalist',
  'protege',
  'heir',
]);

/** Words that open the names of squares and streets in other languages. */
const STREET_OPENERS = new Set(['esplanada', 'praca', 'plaza', 'avenida', 'calle', 'rua', 'piazza', 'paseo', 'rambla']);

/** Plural kinds of organisation after two names joined by "and" ("the Unite and GMB unions"). */
const PLURAL_KINDS = new Set([
  'unions',
  'parties',
  'federations',
  'confederations',
  'associations',
  'cartels',
  'gangs',
]);

/** ", a research group that…", ", the country’s largest white-collar union,": an organisation noun heads it. */
function describesAsOrganization(tokens: readonly Token[], after: number, titled = false): boolean {
  // ", one of India’s most valuable start-ups", ", two of Ireland’s largest milk processors".
  let first = tokens[after]?.key === 'once' ? after + 1 : after;
  if (['one', 'two', 'three'].includes(tokens[first]?.key ?? '') && tokens[first + 1]?.key === 'of') first += 2;
  // ", Japan’s largest labour union federation,": a possessive may stand for the article.
  const opening = tokens[first];
  if (!opening || !(['a', 'an', 'the'].includes(opening.key) || (opening.possessive && isCapitalized(opening))))
    return false;
  for (let index = first + 1; index < first + 7; index++) {
    const token = tokens[index];
    if (!token || /[,.;:()“”"]/u.test(token.gapBefore) || isTitleWord(token)) return false;
    if (!token.possessive && !isCapitalized(token) && isOrganizationNoun(tokens, index)) {
      // "for defender Jonas Brandtner, the Spanish club said": after a titled person the organisation
      // speaks; it is no apposition.
      const speaks = SPEECH_VERBS.has(tokens[index + 1]?.key ?? '') && tokens[index + 1]?.gapBefore === ' ';
      // ", a mixer operator who has worked there": "who" says a person.
      const who = tokens[index + 1]?.key === 'who';
      // ", a union delegate", ", a longtime business ally": the noun only qualifies the person's.
      const personAfter =
        tokens[index + 1]?.gapBefore === ' ' &&
        (isRoleWord(tokens[index + 1]) || PERSON_NOUNS.has(tokens[index + 1]?.key ?? ''));
      return !personAfter && !(titled && speaks) && !who;
    }
  }
  return false;
}

/** "company", "start-up" (two tokens), "chipmakers": a noun saying what kind of organisation. */
function isOrganizationNoun(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token) return false;
  if (['up', 'ups'].includes(token.key) && token.gapBefore === '-' && tokens[index - 1]?.key === 'start') return true;
  // "the group’s television station": a station is a broadcaster only on the air.
  if (['station', 'channel'].includes(token.key))
    return ['television', 'tv', 'radio'].includes(tokens[index - 1]?.key ?? '');
  const singular = token.key.endsWith('ies') ? `${token.key.slice(0, -3)}y` : token.key.replace(/s$/u, '');
  return ORGANIZATION_NOUNS.has(token.key) || ORGANIZATION_NOUNS.has(singular);
}

function isCuedName(paragraph: Paragraph, range: TokenRange): boolean {
  const tokens = paragraph.tokens.slice(range.first, range.last + 1);
  const [first] = tokens;
  if (!first || !isCapitalized(first) || isTitleWord(first) || CALENDAR_WORDS.has(first.key)) return false;
  if (SHIP_PREFIXES.has(first.key)) return false;
  // "Mothers for Justice": a title word after a link is the name's object, not a person's title.
  const titleInName = (token: Token, offset: number) =>
    isTitleWord(token) && !NAME_LINKS.has(tokens[offset - 1]?.key ?? '');
  if (tokens.some((token, offset) => CALENDAR_WORDS.has(token.key) || titleInName(token, offset))) return false;
  if (namesEventOrLaw(tokens, true)) return false;
  const tags = (token: Token) => paragraph.analysis.tags[token.index];
  // compromise reads some unknown names as places by context ("Lakeshore Mutual"); a company word ends a company's.
  const companyWord = tokens.length > 1 && COMPANY_ENDINGS.has(tokens.at(-1)?.key ?? '');
  const placeTagged = (token: Token) => inRanges(paragraph.analysis.places, token.index) || tags(token)?.has('Place');
  if (!companyWord && tokens.every(placeTagged)) return false;
  // "East African Medical Review", "American Journal of Epidemiology": journals are named for where they serve.
  const journal = tokens.length > 2 && ['review', 'journal', 'letters', 'reports'].includes(tokens.at(-1)?.key ?? '');
  if (!journal && tokens.some((token) => tags(token)?.has('Demonym'))) return false;
  if (!companyWord && isPlaceOnItsOwn(tokens.map((token) => token.text).join(' '))) return false;
  // A single ordinary English word ("the company Board") is not a name; an unknown one may be, and
  // so may one with accents ("Medián").
  // Journals are often named with one ("the journal Science").
  const afterJournal = paragraph.tokens[range.first - 1]?.key === 'journal';
  if (tokens.length === 1 && isEnglishWord(first.key) && /^[\p{ASCII}]+$/u.test(first.text) && !afterJournal)
    return false;
  // "the company founder Jane Doe", "Doe, a union official": a person is not the organisation. A
  // longer name compromise sees no person in may open with a first name ("Jan Shakti Morcha").
  // compromise guesses a person from the shape of a long foreign name ("Santé Pour Tous Kivu"); four
  // words after an organisation noun are a name no one is given.
  const guessed = tokens.length >= 4 && !isFirstName(first);
  if (tags(first)?.has('FirstName') && !guessed) return false;
  const personTagged = tokens.some((token) => tags(token)?.has('Person'));
  if (isFirstName(first) && (tokens.length < 3 || personTagged)) return false;
  if (tags(first)?.has('LastName') && !guessed) return false;
  return !tokens.some((token, offset) => offset > 0 && !continuesPhrase(token) && token.gapBefore !== '–');
}

/** "British", "Green": a word compromise reads as an adjective or a nationality when it stands alone. */
function isAdjectiveOnItsOwn(word: string): boolean {
  const [sentence] = nlp(word).json() as { terms: { tags: string[] }[] }[];
  return (
    sentence?.terms.some((term) => ['Adjective', 'Demonym', 'Place'].some((tag) => term.tags.includes(tag))) === true
  );
}

/** compromise tags by context ("Texas militia" reads as an actor); ask about the words alone. */
function isPlaceOnItsOwn(name: string): boolean {
  const [sentence] = nlp(name).json() as { terms: { tags: string[] }[] }[];
  return sentence?.terms.every((term) => term.tags.includes('Place') || term.tags.includes('Demonym')) === true;
}

/**
 * "Banco Pindorama and PagaJá have lobbied", "Pagaqui and Itaú Unibanco said": a single word joined
 * by "and" to an organisation found here, which is no English word, given name, place or nationality,
 * names a second organisation when the two are the subject of a verb. Not before a plural they share
 * ("the Ford and Rockefeller foundations").
 */
export function partnersOfOrganizations(article: ArticleText, organizations: readonly Claim[]): NewMention[] {
  return organizations.flatMap((claim) => {
    const tokens = article.tokens[claim.paragraph] ?? [];
    const analysis = article.analyses[claim.paragraph];
    const text = article.paragraphs[claim.paragraph] ?? '';
    const partnerAt = (index: number, side: 'before' | 'after'): NewMention[] => {
      const word = tokens[index];
      const link = tokens[side === 'after' ? index - 1 : index + 1];
      if (!word || !link || link.key !== 'and' || !/^ $/u.test(link.gapBefore)) return [];
      if (!/^ $/u.test(tokens[link.index + 1]?.gapBefore ?? '')) return [];
      const outer = tokens[side === 'after' ? index + 1 : index - 1];
      if (outer && isCapitalized(outer) && isAdjacent(side === 'after' ? outer.gapBefore : word.gapBefore)) return [];
      if (side === 'after' && outer && !isCapitalized(outer) && analysis?.tags[outer.index]?.has('Plural')) return [];
      // The pair is the subject of a verb ("… have lobbied", "… said").
      const pairEnd = side === 'after' ? index : claim.last;
      const verb = tokens[pairEnd + 1];
      if (!verb || !/^ $/u.test(verb.gapBefore) || !analysis?.tags[verb.index]?.has('Verb')) return [];
      const tags = analysis?.tags[index];
      const named = ['Place', 'Person', 'Date', 'Country'].some((tag) => tags?.has(tag));
      if (!isCapitalized(word) || word.possessive || named || (analysis && inRanges(analysis.places, index))) return [];
      if (isEnglishWord(word.key) || isGivenName(word) || NATIONALITIES.has(word.key) || CALENDAR_WORDS.has(word.key))
        return [];
      const name = text.slice(word.start, word.end);
      const mention = { paragraph: claim.paragraph, first: index, last: index, start: word.start, end: word.end };
      return [{ ...mention, owner: newOrganizationOwner(name), name, description: null }];
    };
    return [...partnerAt(claim.first - 2, 'before'), ...partnerAt(claim.last + 2, 'after')];
  });
}
