// Titles and roles in front of a name ("Mayor", "Secretary of State", "Chief executive"): they are
// not part of the name, and the one before a new person's first mention becomes its description.
import { isAdjacent, isCapitalized, type Token } from './tokens.ts';
import { HONORIFICS, TITLE_WORDS } from './vocabulary.ts';

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
 * The title written directly before a name, as a description ("Mayor", "Finance Minister",
 * "Chief executive"). A capitalised word in front of a capitalised title is kept as its qualifier
 * unless `isQualifierFree` says it belongs to another entity ("Kestrel Bay Energy CEO").
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
  const title = tokens[first];
  const qualifier = tokens[first - 1];
  if (title && qualifier && isCapitalized(title) && !title.sentenceStart && isAdjacent(title.gapBefore)) {
    if (isCapitalized(qualifier) && !qualifier.possessive && isQualifierFree(qualifier)) first--;
  }
  const description = text.slice(tokens[first]?.start ?? 0, lastTitle.end);
  return description.charAt(0).toUpperCase() + description.slice(1);
}
