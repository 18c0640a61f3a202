// Runs compromise over one paragraph and maps its findings onto our tokens, so the rest of the
// linker can ask "what did compromise think of this word?" by token index.
import nlp from 'compromise';
import type { Token } from './tokens.ts';
import { ORGANIZATION_WORDS } from './vocabulary.ts';

// Extends compromise's list of organisation words. Its plugin hook is process-wide (adding the same
// words twice is harmless), and its typings declare `mutate` wrongly, hence the cast.
const addOrganizationWords = (world: { model: { two: { orgWords: Record<string, boolean> } } }) => {
  for (const word of ORGANIZATION_WORDS) world.model.two.orgWords[word] = true;
};
nlp.plugin({ mutate: addOrganizationWords } as unknown as Parameters<typeof nlp.plugin>[0]);

export type TokenRange = { first: number; last: number };

const lexicon = (nlp.world() as unknown as { model: { one: { lexicon: Record<string, unknown> } } }).model.one.lexicon;

/** A word compromise's lexicon knows as an ordinary English word ("board", "everything"), not as a name. */
export function isEnglishWord(key: string): boolean {
  const tag = lexicon[key];
  return tag !== undefined && tag !== 'Organization' && tag !== 'ProperNoun';
}

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);

export function isLexiconFirstName(key: string): boolean {
  const tag = lexicon[key];
  return typeof tag === 'string' && FIRST_NAME_TAGS.has(tag);
}

export type ParagraphAnalysis = {
  /** Part-of-speech tags per token (union of the compromise terms overlapping it). */
  tags: ReadonlySet<string>[];
  people: TokenRange[];
  organizations: TokenRange[];
  places: TokenRange[];
};

type CompromiseTerm = { offset: { start: number; length: number }; tags: string[] };
type CompromiseMatch = { terms: CompromiseTerm[] };

export function analyzeParagraph(text: string, tokens: readonly Token[]): ParagraphAnalysis {
  const doc = nlp(text);
  const options = { offset: true, terms: { offset: true } };
  const tags = tokens.map(() => new Set<string>());
  for (const sentence of doc.json(options) as CompromiseMatch[]) {
    for (const term of sentence.terms) {
      for (const index of overlappingTokens(tokens, term.offset.start, term.offset.start + term.offset.length)) {
        for (const tag of term.tags) tags[index]?.add(tag);
      }
    }
  }
  const ranges = (matches: CompromiseMatch[]) =>
    matches.flatMap((match) => {
      const first = match.terms[0];
      const last = match.terms.at(-1);
      if (!first || !last) return [];
      const indices = overlappingTokens(tokens, first.offset.start, last.offset.start + last.offset.length);
      const [start, end] = [indices[0], indices.at(-1)];
      return start === undefined || end === undefined ? [] : [{ first: start, last: end }];
    });
  return {
    tags,
    people: ranges(doc.people().json(options)),
    organizations: ranges(doc.organizations().json(options)),
    places: ranges(doc.places().json(options)),
  };
}

function overlappingTokens(tokens: readonly Token[], start: number, end: number): number[] {
  // Binary search for the first token ending after `start`; paragraphs can be long.
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((tokens[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const indices: number[] = [];
  for (let index = low; index < tokens.length && (tokens[index]?.start ?? end) < end; index++) indices.push(index);
  return indices;
}
