// A name or alias compiled to a sequence of word keys, matched against paragraph tokens.
import { isAdjacent, isAllCaps, normalizeKey, startsUpperCase, type Token, tokenize } from './tokens.ts';

type NamePart = { key: string; shape: 'acronym' | 'capitalized' | 'any' };
export type NamePattern = readonly NamePart[];
export type PatternMatch = { first: number; last: number; start: number; end: number; possessive: boolean };

/** "Bill & Melinda Gates Foundation": the ampersand is not a word, but it joins the name. */
const AMPERSAND = /^ ?& ?$/u;

export function compileName(name: string): NamePattern {
  return tokenize(name.trim(), -1).map((token) => ({
    key: token.key,
    // Case matters only where the name is capitalised: "DOT" must not match "dot", but "of" in
    // "Department of Transportation" may be written any way.
    shape: isAllCaps(token.text) ? 'acronym' : startsUpperCase(token.text) ? 'capitalized' : 'any',
  }));
}

/** The patterns a name can appear as: itself, and without a leading "The". */
export function namePatterns(name: string): NamePattern[] {
  const pattern = compileName(name);
  if (pattern.length === 0) return [];
  const withoutArticle = pattern[0]?.key === 'the' && pattern.length > 1 ? [pattern.slice(1)] : [];
  return [pattern, ...withoutArticle];
}

export function patternKey(pattern: NamePattern): string {
  return pattern.map((part) => part.key).join(' ');
}

export function nameKey(name: string): string {
  return normalizeKey(name.replace(/[\s-]+/gu, ' ').trim());
}

/** Matches `pattern` starting at token `first`; the last word may carry a possessive suffix. */
export function matchAt(tokens: readonly Token[], first: number, pattern: NamePattern): PatternMatch | null {
  let end = 0;
  let possessive = false;
  for (const [offset, part] of pattern.entries()) {
    const token = tokens[first + offset];
    if (!token || (offset > 0 && !isAdjacent(token.gapBefore) && !AMPERSAND.test(token.gapBefore))) return null;
    const isLast = offset === pattern.length - 1;
    if (token.key === part.key && fitsShape(token.text, part)) end = token.end;
    else if (isLast && token.possessive?.key === part.key && fitsShape(token.possessive.text, part)) {
      end = token.possessive.end;
      possessive = true;
    } else return null;
  }
  const start = tokens[first]?.start ?? 0;
  return { first, last: first + pattern.length - 1, start, end, possessive };
}

function fitsShape(text: string, part: NamePart): boolean {
  if (part.shape === 'acronym') return isAllCaps(text);
  if (part.shape === 'capitalized') return startsUpperCase(text);
  return true;
}
