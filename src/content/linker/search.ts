// Finds every place a set of names occurs in the article, as claims to be resolved.
import type { ArticleText } from './article.ts';
import {
  endsNameAfterAnd,
  endsNameOfBody,
  followsNameWord,
  opensSentenceAsCommonWord,
  runsIntoLongerName,
} from './boundaries.ts';
import type { Claim } from './claims.ts';
import type { ParagraphAnalysis } from './compromise-tags.ts';
import { matchAt, type NamePattern, type PatternMatch } from './names.ts';
import { isAllCaps, type Token } from './tokens.ts';
import { NATIONALITIES } from './vocabulary.ts';

export type NameEntry = {
  owner: string;
  pattern: NamePattern;
  /** Keys of all the words in the entity's names, which may surround a match without ending it. */
  ownKeys: ReadonlySet<string>;
  /**
   * How the entity is named: short forms (an organisation's alias, a surname) must not be preceded
   * by another capitalised name word, and a surname must not open a sentence as a common word.
   */
  form: 'name' | 'alias' | 'surname';
  /** The name as written in the list it came from, for entities named by the form the article uses. */
  written?: string;
};

export type EntryClaim = Claim & { entry: NameEntry };

/** Name entries indexed by their first word, so each token is compared with few candidates. */
export class NameIndex {
  private readonly byFirstKey = new Map<string, NameEntry[]>();

  constructor(entries: readonly NameEntry[]) {
    for (const entry of entries) {
      const key = entry.pattern[0]?.key;
      if (key === undefined) continue;
      const bucket = this.byFirstKey.get(key);
      if (bucket) bucket.push(entry);
      else this.byFirstKey.set(key, [entry]);
    }
  }

  claimsIn(article: ArticleText): EntryClaim[] {
    return article.tokens.flatMap((tokens, paragraph) =>
      tokens.flatMap((token) =>
        this.startingAt(token).flatMap((entry) => claimAt(tokens, article.analyses[paragraph], token.index, entry)),
      ),
    );
  }

  /** Owners of the names occurring in the tokens, without boundary checks: headlines are in title case. */
  ownersIn(tokens: readonly Token[]): Set<string> {
    const owners = tokens.flatMap((token) =>
      this.startingAt(token)
        .filter((entry) => matchAt(tokens, token.index, entry.pattern) !== null)
        .map((entry) => entry.owner),
    );
    return new Set(owners);
  }

  private startingAt(token: Token): NameEntry[] {
    const entries = this.byFirstKey.get(token.key) ?? [];
    const possessive = token.possessive ? (this.byFirstKey.get(token.possessive.key) ?? []) : [];
    return possessive.length === 0 ? entries : [...entries, ...possessive];
  }
}

function claimAt(
  tokens: readonly Token[],
  analysis: ParagraphAnalysis | undefined,
  first: number,
  entry: NameEntry,
): EntryClaim[] {
  const match = matchAt(tokens, first, entry.pattern);
  if (!match || runsIntoLongerName(tokens, match, entry.ownKeys) || endsNameOfBody(tokens, match)) return [];
  if (entry.form !== 'name' && followsNameWord(tokens, analysis, match, entry.ownKeys)) return [];
  if (entry.form === 'name' && endsLongerOrganizationName(tokens, analysis, match, entry)) return [];
  const organization = /^(?:new-)?organization:/u.test(entry.owner);
  if (organization && endsNameAfterAnd(tokens, analysis, match)) return [];
  if (entry.form === 'surname' && opensSentenceAsCommonWord(tokens, analysis, match)) return [];
  const paragraph = tokens[first]?.paragraph ?? -1;
  return [
    { owner: entry.owner, paragraph, first: match.first, last: match.last, start: match.start, end: match.end, entry },
  ];
}

/**
 * "Liberal Democratic Party", "Social Democratic Party": an organisation's full name after another
 * name word ends a longer organisation's name. A country's prefix or a nationality may stand before
 * it ("U.S. Federal Reserve", "Kenyan Ministry of Health").
 */
function endsLongerOrganizationName(
  tokens: readonly Token[],
  analysis: ParagraphAnalysis | undefined,
  match: PatternMatch,
  entry: NameEntry,
): boolean {
  if (!/^(?:new-)?organization:/u.test(entry.owner)) return false;
  const previous = tokens[match.first - 1];
  if (!previous || isAllCaps(previous.text) || NATIONALITIES.has(previous.key)) return false;
  return followsNameWord(tokens, analysis, match, entry.ownKeys);
}
