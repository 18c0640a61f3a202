// Titles and roles in front of a name ("Mayor", "Secretary of State", "Chief executive"): they are
// not part of the name, and the one before a new person's first mention becomes its description.
import { isAdjacent, isCapitalized, type Token } from './tokens.ts';
import { CALENDAR_WORDS, HONORIFICS, ROLE_WORDS, TITLE_WORDS } from './vocabulary.ts';

export function isTitleWord(token: Token | undefined): boolean {
  return token !== undefined && TITLE_WORDS.has(token.key);
}

/**
 * Index of the first token of a title phrase that ends right before token `nameStart`, if any.
 * With `appositive`, the title may also be set off by a comma ("the judge, Harold Whitcombe").
 */
export function titleStartBefore(tokens: readonly Token[], nameStart: number, appositive = false): number | null {
  const joined = (index: number) => {
    const token = tokens[index];
    return token !== undefined && !token.sentenceStart && isAdjacent(token.gapBefore);
  };
  const name = tokens[nameStart];
  const nameIsJoined = joined(nameStart) || (appositive && name !== undefined && /^, $/u.test(name.gapBefore));
  if (!nameIsJoined) return null;
  const last = nameStart - 1;
  // "Minister of Trade", "Secretary of State": a title, "of" or "for", then one capitalised word.
  const object = tokens[last];
  const preposition = tokens[last - 1];
  if (object && isCapitalized(object) && joined(last) && preposition && ['of', 'for'].includes(preposition.key)) {
    if (joined(last - 1) && isTitleWord(tokens[last - 2])) return runOfTitles(last - 2);
  }
  return isTitleWord(tokens[last]) ? runOfTitles(last) : null;

  function runOfTitles(lastTitle: number): number {
    let first = lastTitle;
    while (joined(first) && isTitleWord(tokens[first - 1])) first--;
    return first;
  }
}

/**
 * The title written directly before a name, as a description ("Mayor", "Homeland Security
 * Secretary", "Chief financial officer"). Capitalised words in front of the title are kept as its
 * qualifiers unless `isQualifierFree` says they belong to another entity ("Kestrel Bay Energy CEO").
 */
export function describeTitle(
  text: string,
  tokens: readonly Token[],
  nameStart: number,
  isQualifierFree: (token: Token) => boolean,
): string | null {
  let first = titleStartBefore(tokens, nameStart, true);
  if (first === null) return null;
  // "Prosecutor Dr. Amara Nwosu" is described as a prosecutor; "Dr." alone describes nothing.
  let last = nameStart - 1;
  while (last >= first && HONORIFICS.has(tokens[last]?.key ?? '')) last--;
  const lastTitle = tokens[last];
  if (last < first || !lastTitle) return null;
  for (let added = 0; added < 4; added++) {
    const [current, qualifier] = [tokens[first], tokens[first - 1]];
    if (!current || !qualifier || current.sentenceStart || !isAdjacent(current.gapBefore)) break;
    const named = isCapitalized(qualifier) && !qualifier.possessive && !CALENDAR_WORDS.has(qualifier.key);
    if (!ROLE_WORDS.has(qualifier.key) && !(named && isQualifierFree(qualifier))) break;
    first--;
  }
  const description = text.slice(tokens[first]?.start ?? 0, lastTitle.end);
  return description.charAt(0).toUpperCase() + description.slice(1);
}
