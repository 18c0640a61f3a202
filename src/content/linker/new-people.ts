// New people: what compromise tags as a person, or proper nouns right after a title, with the
// title removed and strong evidence required; a wrong name on a public page is worse than a miss.
import nlp from 'compromise';
import type { ArticleText } from './article.ts';
import { followsNameWord, opensSentenceAsCommonWord, runsIntoLongerName } from './boundaries.ts';
import { isEnglishWord, type TokenRange } from './compromise-tags.ts';
import { isChineseNameOrder, isJapaneseNameWord } from './family-first-names.ts';
import { isFirstName, isGivenName } from './first-names.ts';
import {
  type DiscoveryContext,
  inRanges,
  mentionOf,
  type NewMention,
  newPersonOwner,
  type Paragraph,
  paragraphsOf,
  splitAtPunctuation,
  withoutTakenEnds,
} from './new-names.ts';
import { isDescribedAsOrganization } from './new-organizations.ts';
import { describeTitle, endsTitleObject, hasTitleBefore, isRoleWord, isTitleWord, titleStartBefore } from './titles.ts';
import { isAdjacent, isAllCaps, isCapitalized, type Token } from './tokens.ts';
import {
  CALENDAR_WORDS,
  EAST_ASIAN_FAMILY_NAMES,
  EVENT_AND_LAW_WORDS,
  GIVEN_NAME_MONTHS,
  JOINING_PARTICLES,
  NAME_PARTICLES,
  NAMED_EVENT_WORDS,
  NATIONALITIES,
  ORGANIZATION_HEADS,
  ORGANIZATION_WORDS,
  PLACE_NOUNS,
  PLAYING_POSITIONS,
  ROLE_WORDS,
  SHARED_ROLES,
  SPEECH_VERBS,
  THING_WORDS,
  TWO_WORD_NATIONALITIES,
  VIETNAMESE_FAMILY_NAMES,
} from './vocabulary.ts';

const COMPANY_WORDS: ReadonlySet<string> = new Set(ORGANIZATION_WORDS);

export function discoverPeople(article: ArticleText, context: DiscoveryContext): NewMention[] {
  const surnames = loneNames(article);
  return paragraphsOf(article).flatMap((paragraph) => {
    const initialled = initialledNames(paragraph).flatMap((range) => {
      const trimmed = trimPerson(paragraph, range, context);
      const whole = trimmed?.first === range.first && trimmed.last === range.last;
      return trimmed && whole ? [{ range: trimmed, person: true }] : [];
    });
    const shaped = [...paragraph.analysis.people, ...titledNames(paragraph), ...capitalizedRuns(paragraph)]
      .flatMap((found) => joinInitials(paragraph.tokens, splitAtPunctuation(paragraph.tokens, found)))
      .flatMap((range) => {
        const trimmed = trimPerson(paragraph, range, context);
        return trimmed ? [{ range: trimmed, person: looksLikePerson(paragraph, trimmed, surnames) }] : [];
      });
    const candidates = [...initialled, ...shaped];
    markListMates(paragraph, candidates);
    return candidates.flatMap(({ range, person }) => {
      if (!person) return [];
      const describe = () =>
        describeTitle(paragraph.text, paragraph.tokens, (index) => paragraph.analysis.tags[index], range.first);
      return mentionOf(paragraph, range, context, newPersonOwner, describe);
    });
  });
}

/**
 * "named the athletes as Faith Chepkemoi, Dennis Kiprotich Langat and Mercy Jerop": names listed
 * with a person's, in the shape of a person's name, are people too.
 */
function markListMates(paragraph: Paragraph, candidates: { range: TokenRange; person: boolean }[]): void {
  const { tokens, analysis } = paragraph;
  const people = () => candidates.filter((candidate) => candidate.person).map((candidate) => candidate.range);
  // "A, B": `a` ends right before `b` at a comma.
  const byComma = (a: TokenRange, b: TokenRange) =>
    a.last + 1 === b.first && !tokens[a.last]?.possessive && /^, $/u.test(tokens[b.first]?.gapBefore ?? '');
  // "A and B", "A, and B".
  const byAnd = (a: TokenRange, b: TokenRange) => {
    const and = tokens[a.last + 1];
    if (tokens[a.last]?.possessive || a.last + 2 !== b.first || tokens[b.first]?.gapBefore !== ' ') return false;
    return and?.key === 'and' && /^,? $/u.test(and.gapBefore);
  };
  // A list goes on with commas to its "and" ("the mayor of San Isidro Labrador, Ana Ruiz," is none).
  const endsWithAnd = (range: TokenRange, steps = 0): boolean =>
    steps < 8 &&
    candidates.some(({ range: next }) => byAnd(range, next) || (byComma(range, next) && endsWithAnd(next, steps + 1)));
  const listed = (a: TokenRange, b: TokenRange) => byAnd(a, b) || (byComma(a, b) && endsWithAnd(b));
  const shapedAsPerson = ({ first, last }: TokenRange) => {
    const name = tokens.slice(first, last + 1);
    const words = nameWords(name).length;
    const tagsOf = (token: Token) => analysis.tags[token.index] ?? new Set<string>();
    const after = tokens[last + 1];
    return (
      words >= 2 &&
      words <= 3 &&
      name.every((token, offset) => isCapitalized(token) || (offset > 0 && isLowerNamePart(tokens, token.index))) &&
      name.every((token) => !isAllCaps(token.text) && !isTitleWord(token) && !CALENDAR_WORDS.has(token.key)) &&
      name.every((token) => !inRanges(analysis.places, token.index) && !tagsOf(token).has('Place')) &&
      !orgLikeWords(name, tagsOf) &&
      !name.some((token) => token.possessive) &&
      // "Granite Ridge vice president …", "Bamboo Ink makes": a list's names end at a comma or "and".
      (after === undefined || after.key === 'and' || !/^ $/u.test(after.gapBefore))
    );
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const candidate of candidates) {
      if (candidate.person || !shapedAsPerson(candidate.range)) continue;
      const mate = people().some((person) => listed(person, candidate.range) || listed(candidate.range, person));
      if (mate) {
        candidate.person = true;
        changed = true;
      }
    }
  }
}

function trimPerson(paragraph: Paragraph, range: TokenRange, context: DiscoveryContext): TokenRange | null {
  const free = withoutTakenEnds(paragraph, range, context);
  if (!free) return null;
  let { first, last } = free;
  const token = (index: number) => paragraph.tokens[index];
  // Titles in front ("President", "Secretary of State", "Dr.") are not part of the name.
  // "Geneticist Tesfaye Alemu": a role opening the sentence is capitalised for it, not a name.
  // "Slovenian Matej Kovačič": a nationality in front is not part of the name either.
  const isTitlePart = (index: number) =>
    isTitleWord(token(index)) ||
    (index < last && isNationalityBeforeName(paragraph.tokens, index)) ||
    endsTitleObject(paragraph.tokens, index) ||
    (token(index)?.sentenceStart === true && isRoleWord(token(index)));
  // "a second rider, Belgium's Wout Dierickx,": a possessive before the name says whose it is.
  for (let index = last - 1; index >= first; index--) {
    if (token(index)?.possessive) {
      first = index + 1;
      break;
    }
  }
  while (first <= last && (isTitlePart(first) || !isCapitalized(token(first)))) first++;
  while (last >= first && !isCapitalized(token(last)) && !isGivenNameRest(paragraph.tokens, last)) last--;
  return first <= last ? { first, last } : null;
}

/**
 * Proper nouns right after a title ("councillor Imogen Hale", "the judge, Harold Whitcombe"), which
 * compromise does not always recognise as people when it does not know the first name.
 */
function titledNames(paragraph: Paragraph): TokenRange[] {
  const { tokens, analysis } = paragraph;
  const isNameWord = (index: number) => {
    const token = tokens[index];
    const tags = analysis.tags[index];
    return isCapitalized(token) && !isTitleWord(token) && PROPER_NOUN_TAGS.some((tag) => tags?.has(tag));
  };
  return tokens.flatMap((token) => {
    if (!isNameWord(token.index) || titleStartBefore(tokens, token.index, true) === null) return [];
    let last = token.index;
    const continues = (index: number) => isNameWord(index) || isLowerNamePart(tokens, index);
    while (last - token.index < 4 && continues(last + 1) && isAdjacent(tokens[last + 1]?.gapBefore ?? '.')) last++;
    while (last > token.index && NAME_PARTICLES.has(tokens[last]?.text ?? '')) last--;
    return [{ first: token.index, last }];
  });
}

const PROPER_NOUN_TAGS = ['ProperNoun', 'Person', 'FirstName', 'LastName'];

/**
 * "chairman V. Narayanan said", "Chief Minister M.K. Stalin": initials before a surname, as many
 * South Asian names are written, right after a title or a role; the dot of a lone initial there ends
 * no sentence. A second capitalised word may follow ("K. Subramaniam Velayudham").
 */
function initialledNames(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  return tokens.flatMap((token) => {
    const surname = tokens[token.index + 1];
    const lone = /^\p{Lu}$/u.test(token.text) && /^\. $/u.test(surname?.gapBefore ?? '');
    const dotted = /^(?:\p{Lu}\.){2,3}$/u.test(token.text) && surname?.gapBefore === ' ';
    if ((!lone && !dotted) || !surname || isTitleWord(surname)) return [];
    if (!/^\p{Lu}\p{Ll}{2,}$/u.test(surname.possessive?.text ?? surname.text)) return [];
    if (titleStartBefore(tokens, token.index, true) === null) return [];
    const next = tokens[token.index + 2];
    const twoWords = !surname.possessive && next?.gapBefore === ' ' && /^\p{Lu}\p{Ll}{2,}$/u.test(next.text);
    return [{ first: token.index, last: token.index + (twoWords && !isTitleWord(next) ? 2 : 1) }];
  });
}

/** Runs of two to four capitalised words, for names compromise does not know ("Yorman Castillo"). */
function capitalizedRuns(paragraph: Paragraph): TokenRange[] {
  const { tokens } = paragraph;
  const ranges: TokenRange[] = [];
  let first = 0;
  while (first < tokens.length) {
    let last = first;
    if (isCapitalized(tokens[first])) {
      // A possessive ends the run: "Tanzania’s Samia Suluhu Hassan" starts a new one.
      while (
        !tokens[last]?.possessive &&
        (isCapitalized(tokens[last + 1]) || isLowerNamePart(tokens, last + 1)) &&
        (isAdjacent(tokens[last + 1]?.gapBefore ?? '.') || isInitial(tokens, last))
      )
        last++;
      while (last > first && NAME_PARTICLES.has(tokens[last]?.text ?? '')) last--;
      // "Campaigner Bernadette Lowry": a common word opening the sentence is not part of the name,
      // nor is a title inside the run ("South Korean President Lee Seo-yeon").
      // "Mansir Hassan, a spokesman for …": a run said to be a person keeps a first word of no language
      // compromise knows.
      const named = !isEnglishWord(tokens[first]?.key ?? '') && describedAsPerson(tokens, last);
      const common = isCommonSentenceStart(paragraph, first) && !named;
      let start = common ? first + 1 : first;
      for (let index = start; index < last; index++) if (isTitleWord(tokens[index])) start = index + 1;
      const words = nameWords(tokens.slice(start, last + 1)).length;
      if (words >= 2 && words <= 4) ranges.push({ first: start, last });
    }
    first = last + 1;
  }
  return ranges;
}

function isCommonSentenceStart(paragraph: Paragraph, index: number): boolean {
  const token = paragraph.tokens[index];
  if (!token?.sentenceStart || isFirstName(token)) return false;
  // "Trần Quốc Bảo, Sao Mai's general director,": a Vietnamese family name opening the sentence.
  if (VIETNAMESE_FAMILY_NAMES.has(token.key) && isCapitalized(paragraph.tokens[index + 1])) return false;
  // "Per-Arne Solbakken": the first half of a hyphenated given name.
  const joined = paragraph.tokens[index + 1];
  if (joined?.gapBefore === '-' && isGivenName(joined)) return false;
  const tags = paragraph.analysis.tags[index];
  if (['ProperNoun', 'Person', 'FirstName', 'LastName'].some((tag) => tags?.has(tag))) return false;
  // An unknown word may be a name itself ("Ngugi Wairimu"), unless a first name follows it.
  const next = paragraph.tokens[index + 1];
  const firstNameNext =
    next !== undefined && (isFirstName(next) || paragraph.analysis.tags[index + 1]?.has('FirstName'));
  return isEnglishWord(token.key) || firstNameNext === true;
}

/**
 * Keys of capitalised words standing alone somewhere in the article ("Castillo, 29, …"): a later
 * surname is evidence that the full name before it is a person's.
 */
function loneNames(article: ArticleText): Set<string> {
  const keys = new Set<string>();
  for (const paragraph of paragraphsOf(article)) {
    const { tokens, analysis } = paragraph;
    for (const token of tokens) {
      const [previous, next] = [tokens[token.index - 1], tokens[token.index + 1]];
      if (!isCapitalized(token) || isAllCaps(token.text) || isTitleWord(token)) continue;
      if (previous && isCapitalized(previous) && isAdjacent(token.gapBefore) && !token.sentenceStart) continue;
      // "Finanza" in "Guardia di Finanza", "Casals" in "Puigvert i Casals" end a longer name.
      if (previous && isLowerNamePart(tokens, previous.index) && isAdjacent(token.gapBefore)) continue;
      if (next && isCapitalized(next) && isAdjacent(next.gapBefore) && !next.sentenceStart) continue;
      const match = { first: token.index, last: token.index, start: 0, end: 0, possessive: !!token.possessive };
      if (opensSentenceAsCommonWord(tokens, analysis, match)) continue;
      // A sentence may open with a common word ("Fishing boats…"), but not a possessive ("Etxeberria's side").
      const opensWithNoun = !token.possessive && next && /^ $/u.test(next.gapBefore);
      if (token.sentenceStart && opensWithNoun && !analysis.tags[next.index]?.has('Verb')) continue;
      keys.add(token.possessive?.key ?? token.key);
    }
  }
  return keys;
}

/** What a person does in a sports or news report ("Max Verstappen won", "Ana Ruiz resigned"). */
const PERSONAL_VERBS = new Set(['won', 'scored', 'finished', 'resigned', 'retired', 'died', 'wrote']);

function looksLikePerson(paragraph: Paragraph, range: TokenRange, loneNameKeys: ReadonlySet<string>): boolean {
  const { tokens, analysis } = paragraph;
  const name = tokens.slice(range.first, range.last + 1);
  const words = nameWords(name);
  if (words.length < 2 || words.length > 4) return false;
  // "Castilla y León": two names joined by "y" or "i" are a surname pair only after a given name.
  if (name.length === 3 && JOINING_PARTICLES.has(name[1]?.text ?? '')) return false;
  // "Robert F" is the start of "Robert F. Kennedy", not a name.
  if (/^\p{Lu}$/u.test(name.at(-1)?.text ?? '')) return false;
  const tagsOf = (token: Token) => analysis.tags[token.index] ?? new Set<string>();
  // "April Lindgren, who speaks for…": a month that is also a given name, where the words after say a person.
  const opening = name[0];
  const monthAsGivenName =
    opening !== undefined &&
    GIVEN_NAME_MONTHS.has(opening.key) &&
    (opening.sentenceStart || !isAdjacent(opening.gapBefore)) &&
    describedAsPerson(tokens, range.last);
  const isNameWord = (token: Token, offset: number) => {
    const isParticle = offset > 0 && offset < name.length - 1 && isLowerNamePart(tokens, token.index);
    if (isParticle || (offset > 0 && isGivenNameRest(tokens, token.index))) return true;
    if (!isCapitalized(token) || isAllCaps(token.text) || isTitleWord(token)) return false;
    // "April Lindgren" is a person when compromise says so; "April" alone is a month.
    return !CALENDAR_WORDS.has(token.key) || (offset === 0 && (tagsOf(token).has('Person') || monthAsGivenName));
  };
  if (!name.every(isNameWord)) return false;
  if (TWO_WORD_NATIONALITIES.has(name.map((token) => token.possessive?.key ?? token.key).join(' '))) return false;
  // "Elizabeth Line", "Jean Monnet Programme": a first name opens many names of things. A word
  // such as "Park" or "Hall" ends a person's name only with more evidence ("Jane Park, 34,").
  const after = tokens[range.last + 1];
  // "Yoon Ha-neul’s plan": what follows a possessive is the person's, not part of a name.
  const thingAfter =
    after !== undefined &&
    !name.at(-1)?.possessive &&
    isAdjacent(after.gapBefore) &&
    (THING_WORDS.has(after.key) || PUBLICATION_KINDS.has(after.key));
  // "Deputy Digital Affairs Minister Ewa …": a portfolio before a title, no person.
  // "President Recep Tayyip Erdoğan's Justice and Development Party": not after a possessive.
  const titleAfter =
    after !== undefined &&
    !name.at(-1)?.possessive &&
    after.gapBefore === ' ' &&
    isCapitalized(after) &&
    isTitleWord(after);
  // "the ferry MV Lady Mary Joy 3": a ship.
  const ship = [1, 2].some((back) => {
    const prefix = tokens[range.first - back];
    return (
      prefix !== undefined &&
      isAllCaps(prefix.text) &&
      SHIP_PREFIXES.has(prefix.key) &&
      (back === 1 || isCapitalized(tokens[range.first - 1]))
    );
  });
  if (titleAfter || ship) return false;
  // "Park Jae-won": a family name written first is not a thing word.
  const familyFirst =
    words.length === 2 && EAST_ASIAN_FAMILY_NAMES.has(words[0]?.key ?? '') && isGivenNameRest(tokens, range.last);
  // "Nguyễn Văn Hùng": a Vietnamese family name and two short syllables (four words name clubs and
  // provinces as often: "Hoàng Anh Gia Lai").
  const vietnamese =
    words.length === 3 &&
    VIETNAMESE_FAMILY_NAMES.has(words[0]?.key ?? '') &&
    name.every((token) => /^\p{Lu}\p{Ll}{0,6}$/u.test(token.possessive?.text ?? token.text));
  const thingInside = name
    .slice(familyFirst ? 1 : 0, -1)
    .some((token) => THING_WORDS.has(token.key) || ORGANIZATION_HEADS.has(token.key));
  const lastWord = name.at(-1);
  // "Savanna Mobile", "Sakura Express": a company's line of business ends no person's name.
  // "Derek Ashworth-Lane": the second half of a hyphenated surname is no thing.
  const thingLast =
    lastWord !== undefined &&
    lastWord.gapBefore !== '-' &&
    (THING_WORDS.has(lastWord.key) || ORGANIZATION_HEADS.has(lastWord.key) || COMPANY_WORDS.has(lastWord.key));
  const surnameEvidence = lastWord !== undefined && loneNameKeys.has(lastWord.possessive?.key ?? lastWord.key);
  const hasTitle = hasTitleBefore(tokens, range.first, true);
  if (thingAfter || thingInside || (thingLast && !surnameEvidence && !hasTitle)) return false;
  // "Halvard Security, the cybersecurity firm", "Akash Netlink founder Vikram Chaudhary": an
  // organisation, said to be one or named before who leads it.
  const leader = tokens[range.last + 1];
  const leaderAfter =
    leader !== undefined &&
    !name.at(-1)?.possessive &&
    /^ $/u.test(leader.gapBefore) &&
    LEADERS_AFTER.has(leader.key) &&
    isCapitalized(tokens[range.last + 2]);
  if (leaderAfter || isDescribedAsOrganization(tokens, range.last, hasTitle)) return false;
  // "the Guardia di Finanza": a name after "the" is a thing's, unless a title comes between;
  const before = tokens[range.first - 1];
  if ([before, ...name].some((token) => token !== undefined && NAMED_EVENT_WORDS.has(token.key))) return false;
  // "its Rosalind Franklin rover": nor one after "its" or "their".
  if (['the', 'its', 'their'].includes(before?.key ?? '') && isAdjacent(name[0]?.gapBefore ?? '.')) return false;
  // "the favelas of Nova Holanda", "the village of Surucucu": a place's name after its kind.
  const kind = tokens[range.first - 2];
  const placeKind = kind !== undefined && (PLACE_NOUNS.has(kind.key) || PLACE_KINDS_OF.has(kind.key));
  if (before?.key === 'of' && placeKind) return false;
  // "passengers at Charles de Gaulle", "near Isla Espíritu Santo": a place named for a person.
  if (['at', 'near'].includes(before?.key ?? '') && isAdjacent(name[0]?.gapBefore ?? '.')) return false;
  // "San Pedro Garza García", "Saint-Maur-des-Fossés": a place named for a saint.
  if (before && SAINTS.has(before.key) && isCapitalized(before) && /^[ -]$/u.test(name[0]?.gapBefore ?? ''))
    return false;
  const match = { first: range.first, last: range.last, start: 0, end: 0, possessive: !!name.at(-1)?.possessive };
  // "Slovenian Matej Kovačič": a nationality before a name says who the person is; it is no part of it.
  const nationalityBefore = before !== undefined && isNationalityBeforeName(tokens, before.index);
  if (runsIntoLongerName(tokens, match, new Set())) return false;
  if (!nationalityBefore && followsNameWord(tokens, analysis, match, new Set())) return false;

  // A title in front, or a first name compromise knows, is the evidence that this is a person:
  // "Costa Serena", a country, is otherwise tagged as a person by compromise.
  // An organisation compromise runs past the name ("Nitish Kumar’s party") says nothing about the name.
  const inOrganization = (token: Token) =>
    analysis.organizations.some(
      (found) => found.first <= token.index && token.index <= found.last && found.last <= range.last,
    );
  const looksElsewhere = name.some(
    (token) =>
      inRanges(analysis.places, token.index) ||
      inOrganization(token) ||
      ['Place', 'Date'].some((tag) => tagsOf(token).has(tag) && !(monthAsGivenName && token === opening)),
  );
  // "Max Verstappen said", "Lewis Hamilton told": two words compromise reads as a person's, speaking.
  // Given names that are also words or places ("Max", "Jordan") are on no list of given names.
  const speaker = tokens[range.last + 1];
  const speaks =
    words.length === 2 &&
    !name.at(-1)?.possessive &&
    speaker !== undefined &&
    /^ $/u.test(speaker.gapBefore) &&
    (SPEECH_VERBS.has(speaker.key) || PERSONAL_VERBS.has(speaker.key)) &&
    name.every((token) => tagsOf(token).has('Person') && !tagsOf(token).has('Place') && isCapitalized(token));
  // "said emergency coordinator Javid Abdelmoneim", "Colombian climber Santiago Umba won": a role
  // in lower case before the name, with the person speaking or acting.
  const capitals = name.every((token) => isCapitalized(token) || isLowerNamePart(tokens, token.index));
  const roleActs =
    words.length <= 3 && capitals && !orgLikeWords(name, tagsOf) && rolePersonActs(tokens, range.first, range.last);
  // "A spokesman for the paramilitary group, Al-Fateh Qurashi, said": a person's role set off before the name.
  const roleAppositive =
    words.length <= 3 && capitals && !orgLikeWords(name, tagsOf) && isRoleAppositive(tokens, range.first, range.last);
  // "Zheng Qinwen … Zheng said", "Founder Lei Jun said": a Chinese family name and a pinyin given name.
  const chinese =
    words.length === 2 &&
    name.length === 2 &&
    isChineseNameOrder(name[0]?.key ?? '', name[1]?.possessive?.text ?? name[1]?.text ?? '') &&
    (loneNameKeys.has(name[0]?.key ?? '') || hasTitle || titleStartBefore(tokens, range.first) !== null || speaks);
  // "Takahashi Masayo … Takahashi said": a Japanese name written family name first, the family name repeated.
  const japanese =
    words.length === 2 &&
    name.length === 2 &&
    name.every((token) => isJapaneseNameWord(token.possessive?.text ?? token.text)) &&
    loneNameKeys.has(name[0]?.key ?? '');
  // "re-elected Ronaldo Azevedo Pinto as its president": who is made a role.
  const madeRole = capitals && !orgLikeWords(name, tagsOf) && namedAsRole(tokens, range.last);
  const inPlace = name.every((token) => inRanges(analysis.places, token.index));
  if (looksElsewhere) {
    if ((roleActs || roleAppositive || madeRole || chinese) && !inPlace) return true;
    // Compromise's own first names count too ("Senator Ellen Marsh", whose surname it reads as a place).
    const firstName = name[0] !== undefined && isGivenName(name[0]);
    if (speaks && !inRanges(analysis.places, range.first)) return true;
    // "senator Aurelio Mendoza Paz … Mendoza said": a surname that is also a place, repeated alone.
    const repeated = words.slice(1).some((token) => loneNameKeys.has(token.key));
    // "Constable Jordan Pickering-Ash, 31,": an age or a role after the name.
    const evidence = firstName || familyFirst || vietnamese || repeated || describedAsPerson(tokens, range.last);
    // A role in lower case is enough before a given name ("associate administrator Kevin Marsh").
    const roleBefore = firstName && titleStartBefore(tokens, range.first) !== null;
    // "Guadalupe Ochoa, who heads the INE": a given name and a person's clause after the name need no title.
    if (firstName && describedAsPerson(tokens, range.last)) return true;
    // "Colombia’s Santiago Buitrago … Buitrago declined": a country's possessive before a name whose
    // surname comes again alone, though its given name is also a place.
    const country = tokens[range.first - 1];
    if (country?.possessive != null && tagsOf(country).has('Country') && repeated && words.length <= 3) return true;
    return (hasTitle || roleBefore) && (evidence || isPersonOnItsOwn(name.map((token) => token.text).join(' ')));
  }
  // "D. Graham Whitlock": the given name after an initial is the evidence.
  const [first, last] = [isFirstInitial(tokens, range.first) ? name[1] : name[0], name.at(-1)];
  if (!first || !last) return false;
  if (hasTitle || tagsOf(first).has('FirstName') || isFirstName(first) || describedAsPerson(tokens, range.last))
    return true;
  if (speaks || roleActs || roleAppositive || chinese || japanese || madeRole) return true;
  // "a mission led by Margarethe Lindholm": who leads is a person, unless the name ends in a common
  // word ("led by Sequoia Capital").
  const orgLikeName = name.some((token) => ORGANIZATION_HEADS.has(token.key) || tagsOf(token).has('Organization'));
  const capitalsOnly = name.every((token) => isCapitalized(token));
  const surnameLast = !isEnglishWord(last.key) || tagsOf(last).has('LastName');
  if (ledBy(tokens, range.first) && capitalsOnly && !orgLikeName && surnameLast) return true;
  // "left wing Mikkel Sørensen-Dahl scored": a place in a side is held by a player.
  const position = tokens[range.first - 1];
  const positionBefore =
    position !== undefined && PLAYING_POSITIONS.has(position.key) && titleStartBefore(tokens, range.first) !== null;
  if (positionBefore && capitalsOnly && !orgLikeName && surnameLast) return true;
  // "beat Jamaica's Shericka Dalling": a country's possessive before a name that is no organisation's.
  const countryBefore = position?.possessive !== null && position !== undefined && tagsOf(position).has('Country');
  if (countryBefore && capitalsOnly && !orgLikeName && surnameLast && words.length <= 3) return true;
  // "said Anneli Vikström of the Public Health Agency": a person named with where they work.
  if (affiliated(tokens, range.last) && capitalsOnly && !orgLikeName && surnameLast && words.length <= 3) return true;
  // "Kim Ji-hoon": a Korean or Chinese family name before a hyphenated given name.
  if (familyFirst || vietnamese) return true;
  // A surname repeated alone, for a name with no known first name and no title.
  const orgLike = name.some((token) => ORGANIZATION_HEADS.has(token.key) || tagsOf(token).has('Organization'));
  // "the 2036 Olympic Games … the Games": an event's last word repeated alone is no surname.
  const eventLast = EVENT_AND_LAW_WORDS.has(last.possessive?.key ?? last.key);
  return !orgLike && !eventLast && name.length <= 3 && loneNameKeys.has(last.possessive?.key ?? last.key);
}

/** A name with a word that heads organisations' names or that compromise reads as one. */
function orgLikeWords(name: readonly Token[], tagsOf: (token: Token) => ReadonlySet<string>): boolean {
  return name.some(
    (token) =>
      ORGANIZATION_HEADS.has(token.key) ||
      COMPANY_WORDS.has(token.key) ||
      THING_WORDS.has(token.key) ||
      tagsOf(token).has('Organization'),
  );
}

/** Verbs of what a person does in a news or sports report, after the name. */
const ACTING_VERBS = new Set([
  ...PERSONAL_VERBS,
  'struck',
  'beat',
  'claimed',
  'clinched',
  'insisted',
  'warned',
  'denied',
  'admitted',
  'argued',
]);

/**
 * "said emergency coordinator Javid Abdelmoneim", "climber Santiago Umba won": a role in lower case
 * (no role that companies also hold) right before the name, with a speech verb before the role or a
 * speech or acting verb after the name.
 */
function rolePersonActs(tokens: readonly Token[], first: number, last: number): boolean {
  const start = titleStartBefore(tokens, first);
  const role = tokens[first - 1];
  const roleCase = role !== undefined && (!isCapitalized(role) || role.sentenceStart);
  if (start === null || !role || !roleCase || SHARED_ROLES.has(role.key) || tokens[last]?.possessive) return false;
  // "said emergency coordinator …": up to two lower-case words may qualify the role.
  let saidBefore = false;
  for (let index = start; index >= start - 2 && tokens[index]?.gapBefore === ' '; index--) {
    const previous = tokens[index - 1];
    if (!previous || !/^\p{Ll}+$/u.test(previous.text)) break;
    if (SPEECH_VERBS.has(previous.key)) saidBefore = true;
  }
  const after = tokens[last + 1];
  const actsAfter =
    after !== undefined && /^ $/u.test(after.gapBefore) && (SPEECH_VERBS.has(after.key) || ACTING_VERBS.has(after.key));
  return saidBefore || actsAfter;
}

/**
 * "A spokesman for the paramilitary group, Al-Fateh Qurashi, said", "the group's chairman, Selim
 * Arkadaş, a longtime ally": a role, perhaps with whom it serves, then the name between commas.
 */
function isRoleAppositive(tokens: readonly Token[], first: number, last: number): boolean {
  const [opening, after] = [tokens[first], tokens[last + 1]];
  if (!opening || !/^, $/u.test(opening.gapBefore) || tokens[last]?.possessive) return false;
  // "…, said the group's coordinator, Raimunda Munduruku.": the sentence may close it too.
  const endsSentence = after === undefined || (after.sentenceStart && /^\.\s/u.test(after.gapBefore));
  const closes =
    endsSentence || /^, $/u.test(after.gapBefore) || (/^ $/u.test(after.gapBefore) && SPEECH_VERBS.has(after.key));
  if (!closes) return false;
  // Back from the comma: "chairman" right there, or "spokesman for the … group" a few words back.
  for (let index = first - 1; index >= Math.max(0, first - 6); index--) {
    const token = tokens[index];
    if (!token || (index < first - 1 && /[,.;:()“”"]/u.test(tokens[index + 1]?.gapBefore ?? ''))) return false;
    const isRole = !isCapitalized(token) && isRoleWord(token) && !SHARED_ROLES.has(token.key);
    if (isRole) return index === first - 1 || ['for', 'of', 'at'].includes(tokens[index + 1]?.key ?? '');
  }
  return false;
}

/** "elected … as its president", "named … as chief executive": the role the person named before is given. */
function namedAsRole(tokens: readonly Token[], last: number): boolean {
  const as = tokens[last + 1];
  if (as?.key !== 'as' || !/^ $/u.test(as.gapBefore) || tokens[last]?.possessive) return false;
  let index = last + 2;
  if (['its', 'the', 'their', 'his', 'her', 'new', 'interim', 'acting'].includes(tokens[index]?.key ?? '')) index++;
  const role = tokens[index];
  return role !== undefined && !isCapitalized(role) && isTitleWord(role) && !SHARED_ROLES.has(role.key);
}

/**
 * "Slovenian Matej Kovačič": a nationality, written as one (not "Germán", a given name), before a
 * given name.
 */
function isNationalityBeforeName(tokens: readonly Token[], index: number): boolean {
  const [token, next] = [tokens[index], tokens[index + 1]];
  if (!token || !next || !isAdjacent(next.gapBefore) || !isGivenName(next)) return false;
  return NATIONALITIES.has(token.text.toLowerCase());
}

/** "… of the Kenya Prisons Service", "… at the Karolinska Institute": where the person named before works. */
function affiliated(tokens: readonly Token[], last: number): boolean {
  const [link, article, named] = [tokens[last + 1], tokens[last + 2], tokens[last + 3]];
  if (!link || !article || !named || tokens[last]?.possessive || !/^ $/u.test(link.gapBefore)) return false;
  const organization = isCapitalized(named) && ORGANIZATION_HEADS.has(lastWordOfRun(tokens, named.index)?.key ?? '');
  return ['of', 'at'].includes(link.key) && article.key === 'the' && organization;
}

/** The last capitalised word of the run of names starting at `first`. */
function lastWordOfRun(tokens: readonly Token[], first: number): Token | undefined {
  let last = first;
  while (last < first + 6 && isCapitalized(tokens[last + 1]) && isAdjacent(tokens[last + 1]?.gapBefore ?? '.')) last++;
  return tokens[last];
}

/** Who leads an organisation, written between its name and theirs ("Akash Netlink founder Vikram Chaudhary"). */
const LEADERS_AFTER = new Set([
  'founder',
  'chairman',
  'chairwoman',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'president',
  'director',
  'ceo',
  'boss',
]);

/** What a publication's name is followed by ("Warta Pekan magazine"). */
const PUBLICATION_KINDS = new Set(['magazine', 'newspaper', 'tabloid', 'weekly', 'daily', 'website', 'broadcaster']);

/** Prefixes of ships' names ("MV Lady Mary Joy 3", "BRP Datu Pagbuaya"). */
const SHIP_PREFIXES = new Set([
  'mv',
  'ms',
  'ss',
  'hms',
  'uss',
  'mt',
  'fv',
  'rv',
  'brp',
  'ins',
  'hmas',
  'hmcs',
  'rfa',
  'ns',
]);

/** Kinds of place named with "of" before their name ("the favelas of Nova Holanda", "the town of …"). */
const PLACE_KINDS_OF = new Set([
  'favela',
  'favelas',
  'village',
  'villages',
  'town',
  'towns',
  'city',
  'island',
  'islands',
  'state',
]);

/** Words for "saint" that open the names of places ("San Pedro Garza García", "Saint-Maur"). */
const SAINTS = new Set(['san', 'santa', 'santo', 'sao', 'saint', 'sainte', 'st', 'sankt']);

/** Verbs after which "by" names the person in charge ("led by", "chaired by"). */
const LEADING_VERBS = new Set(['led', 'headed', 'chaired', 'coached', 'captained']);

function ledBy(tokens: readonly Token[], first: number): boolean {
  const [verb, by] = [tokens[first - 2], tokens[first - 1]];
  return by?.key === 'by' && /^ $/u.test(tokens[first]?.gapBefore ?? '') && LEADING_VERBS.has(verb?.key ?? '');
}

/**
 * "Thabiso Mokoena, a nurse at…", "Ngugi Wairimu, 41,", "April Lindgren, who…": an age, a person's
 * role or "who" set off after the name.
 */
function describedAsPerson(tokens: readonly Token[], last: number): boolean {
  const [next, afterNext] = [tokens[last + 1], tokens[last + 2]];
  if (!next || !/^, $/u.test(next.gapBefore)) return false;
  // The age may end the sentence too ("said farmer Đỗ Thị Hạnh, 52.").
  if (/^\d{1,3}$/u.test(next.text) && (!afterNext || /^[,.]/u.test(afterNext.gapBefore))) return true;
  if (next.key === 'who') return true;
  // "Fouad Benjelloun, president of the federation,", "Wu Weiren, chief designer of the lunar
  // programme,", "…, secretary-general of the secretariat,": a role of something, with no article.
  let role = last + 1;
  const roleFollows = (index: number) =>
    tokens[index]?.gapBefore === ' ' && !isCapitalized(tokens[index]) && isRoleWord(tokens[index]);
  while (role < last + 3 && isTitleOrRoleQualifier(tokens[role]) && roleFollows(role + 1)) role++;
  const roleToken = tokens[role];
  // "secretary-general": the role's hyphenated rest.
  while (tokens[role + 1]?.gapBefore === '-' && !isCapitalized(tokens[role + 1])) role++;
  const roleOf =
    roleToken !== undefined && isRoleWord(roleToken) && !isCapitalized(roleToken) && !SHARED_ROLES.has(roleToken.key);
  const ofWhat = tokens[role + 1];
  if (roleOf && ofWhat && ['of', 'at'].includes(ofWhat.key) && ofWhat.gapBefore === ' ') return true;
  // "…, the authority's chief executive", "…, its chief financial officer": whose role it is may come first.
  if (!['a', 'an', 'the', 'its', 'their'].includes(next.key)) return false;
  for (let index = last + 2; index < last + 6; index++) {
    const token = tokens[index];
    if (!token || /[,.;:()“”"]/u.test(token.gapBefore)) return false;
    if (token.possessive) continue;
    // "…, the minister said": the role speaks; it does not describe the name before it.
    const verb = tokens[index + 1];
    const speaks = verb?.gapBefore === ' ' && SPEECH_VERBS.has(verb.key);
    if (isRoleWord(token) && !isCapitalized(token) && !SHARED_ROLES.has(token.key)) return !speaks;
  }
  return false;
}

/** "chief", "deputy", "senior": words before a role that qualify it ("chief designer"). */
function isTitleOrRoleQualifier(token: Token | undefined): boolean {
  return token !== undefined && !isCapitalized(token) && (ROLE_WORDS.has(token.key) || isTitleWord(token));
}

/** compromise can be misled by context ("Secretary of State Caroline" as a place); ask about the name alone. */
function isPersonOnItsOwn(name: string): boolean {
  const [sentence] = nlp(name).json() as { terms: { tags: string[] }[] }[];
  return sentence?.terms[0]?.tags.includes('FirstName') === true;
}

/** The words of a name: hyphenated parts and lower-case particles do not count ("Jordi Puigvert i Casals": 3). */
function nameWords(name: readonly Token[]): Token[] {
  return name.filter((token, offset) => {
    const joined = token.gapBefore === '-' && !NAME_PARTICLES.has(name[offset - 1]?.text ?? '');
    return offset === 0 || (!joined && !NAME_PARTICLES.has(token.text));
  });
}

/**
 * Lower-case words inside a name: a particle before a capitalised word ("van der Berg", "el-Khatib",
 * "Puigvert i Casals"), or the rest of a hyphenated given name ("Ji-hoon", "Seo-yeon").
 */
function isLowerNamePart(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (!token || isCapitalized(token)) return false;
  if (isGivenNameRest(tokens, index)) return true;
  if (!NAME_PARTICLES.has(token.text)) return false;
  const next = tokens[index + 1];
  if (!next || !isAdjacent(next.gapBefore)) return false;
  return isCapitalized(next) || (NAME_PARTICLES.has(next.text) && isCapitalized(tokens[index + 2]));
}

/**
 * "hoon" in "Ji-hoon": a short lower-case syllable hyphenated to a short capitalised one, as
 * Korean and Chinese given names are written; not "Anti-war" or "Pro-life", two English words.
 */
function isGivenNameRest(tokens: readonly Token[], index: number): boolean {
  const [token, previous] = [tokens[index], tokens[index - 1]];
  if (!token || !previous || token.gapBefore !== '-' || isCapitalized(token) || !isCapitalized(previous)) return false;
  // "Min-kyu’s": the possessive is not part of the syllable.
  const syllable = token.possessive?.text ?? token.text;
  // Romanised Korean syllables run to six letters ("Eun-kyeong").
  if (isAllCaps(previous.text) || !/^\p{Ll}{1,6}$/u.test(syllable) || !/^\p{Lu}\p{Ll}{0,5}$/u.test(previous.text))
    return false;
  // "Lee Min-jung": after a family name, two syllables that are also English words are a given name.
  const familyName = tokens[index - 2];
  const afterFamilyName =
    familyName !== undefined &&
    isCapitalized(familyName) &&
    EAST_ASIAN_FAMILY_NAMES.has(familyName.key) &&
    !NATIONALITIES.has(previous.key);
  return afterFamilyName || !(isEnglishWord(previous.key) && isEnglishWord(token.possessive?.key ?? token.key));
}

/** Pieces split at the dot of a middle initial are one name again ("Robert F." + "Kennedy"). */
function joinInitials(tokens: readonly Token[], pieces: readonly TokenRange[]): TokenRange[] {
  const joined: TokenRange[] = [];
  for (const piece of pieces) {
    const previous = joined.at(-1);
    if (previous && previous.last + 1 === piece.first && isInitial(tokens, previous.last)) previous.last = piece.last;
    else
      joined.push(
        isFirstInitial(tokens, piece.first - 1) ? { first: piece.first - 1, last: piece.last } : { ...piece },
      );
  }
  return joined;
}

/**
 * "D" in "Solicitor General D. Graham Whitlock": an initial before a given name, after a title or
 * opening the sentence, whose dot does not end a sentence.
 */
function isFirstInitial(tokens: readonly Token[], index: number): boolean {
  const [token, next] = [tokens[index], tokens[index + 1]];
  if (!token || !next || !/^\p{Lu}$/u.test(token.text) || !/^\. $/u.test(next.gapBefore)) return false;
  return isGivenName(next) && (token.sentenceStart || (isAdjacent(token.gapBefore) && isTitleWord(tokens[index - 1])));
}

/** "F" in "Robert F. Kennedy": a middle initial, whose dot does not end the sentence. */
function isInitial(tokens: readonly Token[], index: number): boolean {
  const [token, previous, next] = [tokens[index], tokens[index - 1], tokens[index + 1]];
  if (!token || !previous || !next || !/^\p{Lu}$/u.test(token.text) || !/^\. $/u.test(next.gapBefore)) return false;
  return isAdjacent(token.gapBefore) && isGivenName(previous) && isCapitalized(next);
}
