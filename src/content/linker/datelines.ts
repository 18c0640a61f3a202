// Wire copy opens with a dateline: where the story was filed, sometimes when and by which agency
// ("NEW YORK (Reuters) —", "BOGOTÁ, Colombia —", "LAGOS, Nigeria, March 3 (AP) -", "Tokyo —").
// The place is not an entity and must not run into the name after the dash; the agency is an
// organization.
import nlp from 'compromise';

export type Dateline = {
  /** Where the place, region and date end (the agency's bracket or the dash). */
  placeEnd: number;
  /** The agency in brackets, without them: "Reuters", "AP". */
  agency: { start: number; end: number; name: string } | null;
  /** Where the story's first sentence begins. */
  end: number;
};

const UPPER_WORD = String.raw`\p{Lu}[\p{Lu}\p{M}'’.]*(?:-\p{Lu}[\p{Lu}\p{M}'’.]*)*`;
const UPPER_PLACE = `${UPPER_WORD}(?: ${UPPER_WORD}){0,4}`;
const WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}[\p{L}\p{M}'’.]*)*`;
const PLACE = `${WORD}(?: ${WORD}){0,3}`;
const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May|June|July|August|September|October|November|December`;
const DATE = String.raw`(?:${MONTH}) \d{1,2}|\d{1,2} (?:${MONTH})`;
const AGENCY = String.raw`\p{L}[\p{L}\p{M}.&'’-]*(?: [\p{L}\p{M}.&'’-]+){0,3}`;
const DASH = String.raw`\s*[—–]\s*|\s+--?\s+`;

const DATELINE = new RegExp(
  `^(?<place>(?<upper>${UPPER_PLACE}(?:/${UPPER_PLACE})*)|${PLACE})` +
    String.raw`(?<regions>(?:, (?!(?:${DATE})\b)${PLACE}){0,2})(?<date>, (?:${DATE}))?` +
    String.raw`(?: \((?<agency>${AGENCY})\))?(?<dash>${DASH}|(?<=\p{Lu}):\s+)(?=[\p{Lu}\p{N}“"‘'])`,
  'u',
);
/** "(CNN) —": an agency alone. */
const AGENCY_ONLY = new RegExp(String.raw`^\((?<agency>${AGENCY})\)(?:${DASH})(?=[\p{Lu}\p{N}“"‘'])`, 'u');

/** The dateline opening an article's first paragraph, if it has one. */
export function findDateline(firstParagraph: string): Dateline | null {
  const alone = AGENCY_ONLY.exec(firstParagraph);
  if (alone?.groups?.agency !== undefined) {
    return { placeEnd: 0, agency: agencyAt(1, alone.groups.agency), end: alone[0].length };
  }
  const match = DATELINE.exec(firstParagraph);
  const groups = match?.groups;
  if (!match || !groups?.place) return null;
  const { place, upper, regions, date, agency, dash } = groups;
  // Only a place in capitals may end with a colon ("NEW DELHI:"), and only without an agency.
  if (dash?.trim() === ':' && (upper === undefined || agency !== undefined)) return null;
  // A place in capitals, or with a date or an agency, is a dateline; otherwise compromise must know
  // the place or its region ("Tokyo —", "Grantsville, Utah —"), so "Jane Doe, Senior Counsel —" is not one.
  if (upper === undefined && !date && agency === undefined && !isPlace(place) && !(regions && isPlace(regions)))
    return null;
  const end = match[0].length;
  const placeEnd = place.length + (regions?.length ?? 0) + (date?.length ?? 0);
  return { placeEnd, agency: agency === undefined ? null : agencyAt(placeEnd + 2, agency), end };
}

function agencyAt(start: number, name: string): Dateline['agency'] {
  return { start, end: start + name.length, name };
}

/** compromise knows every word of it as a place ("Tokyo", "São Paulo"), not a person or a company. */
function isPlace(name: string): boolean {
  const sentences = nlp(name.replace(/^, /u, '')).json() as { terms: { tags: string[] }[] }[];
  const terms = sentences.flatMap((sentence) => sentence.terms);
  return terms.length > 0 && terms.every((term) => term.tags.includes('Place'));
}
