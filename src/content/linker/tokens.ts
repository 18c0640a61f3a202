// Splits paragraphs into word tokens with offsets and a normalised key, so names can be compared
// without caring about case, dots ("U.S." = "US"), apostrophe style or diacritics.

export type Token = {
  paragraph: number;
  /** Position of the token within its paragraph's token list. */
  index: number;
  start: number;
  end: number;
  text: string;
  key: string;
  /** Set when the token is a possessive ("Voss's", "Voss’s"): the key and end without the suffix. */
  possessive: { key: string; text: string; end: number } | null;
  /** Characters between the previous token (or paragraph start) and this one. */
  gapBefore: string;
  sentenceStart: boolean;
};

// Letters and digits, with inner dots and apostrophes kept (U.S., O'Neill, Voss’s). Hyphens split
// tokens, so "Secretary-General" and "DOT-funded" are two tokens joined by a "-" gap.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:[.'’ʼ][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}$/u;
const POSSESSIVE = /^(.+)['’ʼ][sS]$/u;
const SENTENCE_END = /[.!?…][”"’')\]]*\s/u;
const OPENING_QUOTE = /[“"‘«]/u;
// Abbreviations whose dot does not end a sentence ("Dr. Anika Sørensen").
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'capt',
  'jr',
  'sr',
]);

const FOLDED_LETTERS: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th', ı: 'i' };

export function normalizeKey(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[.'’ʼ]/g, '');
}

export function tokenize(text: string, paragraph: number): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    let raw = match[0];
    // "U.S." and "Dr." keep their final dot: it belongs to the word, not to the sentence.
    const isAbbreviation = DOTTED_ACRONYM.test(raw) || ABBREVIATIONS.has(raw.toLowerCase());
    if (isAbbreviation && text[start + raw.length] === '.') raw += '.';
    const end = start + raw.length;
    const gapBefore = text.slice(previousEnd, start);
    tokens.push({
      paragraph,
      index: tokens.length,
      start,
      end,
      text: raw,
      key: normalizeKey(raw),
      possessive: possessiveOf(raw, start),
      gapBefore,
      sentenceStart: tokens.length === 0 || startsSentence(gapBefore) || endsWithLegalForm(tokens.at(-1), gapBefore),
    });
    previousEnd = end;
  }
  return tokens;
}

function possessiveOf(raw: string, start: number): Token['possessive'] {
  const base = POSSESSIVE.exec(raw)?.[1];
  if (base === undefined) return null;
  return { key: normalizeKey(base), text: base, end: start + base.length };
}

/** Legal forms written with dots, which end a company's name ("S.R.L.", "e.V."). */
const DOTTED_LEGAL_FORMS = new Set(['sa', 'srl', 'spa', 'sl', 'nv', 'bv', 'ag', 'ev', 'sas', 'sarl']);

/**
 * "… Transportes Hermanos Vaca S.R.L. Choque’s supporters …": the dot of a legal form that ends a
 * name may end the sentence too; a capitalised word after it opens the next.
 */
function endsWithLegalForm(previous: Token | undefined, gap: string): boolean {
  return previous?.text.endsWith('.') === true && DOTTED_LEGAL_FORMS.has(previous.key) && gap === ' ';
}

function startsSentence(gap: string): boolean {
  return OPENING_QUOTE.test(gap) || SENTENCE_END.test(gap);
}

export function isCapitalized(token: Token | undefined): boolean {
  return token !== undefined && startsUpperCase(token.text);
}

export function startsUpperCase(word: string): boolean {
  // "9Lives", "1Password": a brand may open with digits before its capital ("5G" and "3M" do not count).
  return /^(?:\p{Lu}|\d{1,2}\p{Lu}\p{Ll})/u.test(word);
}

/**
 * "Workers" in "Lanka Port Workers' Congress": a plural followed by an apostrophe alone, whose
 * possessive belongs to the name going on after it.
 */
export function isPluralPossessive(token: Token | undefined, next: Token | undefined): boolean {
  return (
    token !== undefined &&
    next !== undefined &&
    !token.possessive &&
    /s$/u.test(token.text) &&
    /^['’ʼ] $/u.test(next.gapBefore)
  );
}

/** True for "DOT", "U.S.", "HVIT": two or more letters, all upper case. */
export function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** Tokens separated only by spaces (or a hyphen) read as one phrase. */
export function isAdjacent(gap: string): boolean {
  return /^[ \t\u00a0]*$|^-$/u.test(gap);
}
