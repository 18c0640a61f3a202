// The text of one article, tokenised and tagged once and shared by every step of the linker.
import { analyzeParagraph, type ParagraphAnalysis } from './compromise-tags.ts';
import { type Dateline, findDateline } from './datelines.ts';
import { type Token, tokenize } from './tokens.ts';

export type ArticleText = {
  paragraphs: readonly string[];
  tokens: readonly Token[][];
  analyses: readonly ParagraphAnalysis[];
  headlineTokens: readonly Token[];
  /** The dateline opening the first paragraph ("NEW YORK (Reuters) —"), if any. */
  dateline: Dateline | null;
};

export function readArticle(input: { headline: string; paragraphs: readonly string[] }): ArticleText {
  const tokens = input.paragraphs.map((text, paragraph) => tokenize(text, paragraph));
  const dateline = findDateline(input.paragraphs[0] ?? '');
  // The story's first sentence starts after the dateline ("SYDNEY — A New South Wales…").
  const opening = dateline ? tokens[0]?.find((token) => token.start >= dateline.end) : undefined;
  if (opening) opening.sentenceStart = true;
  return {
    paragraphs: input.paragraphs,
    tokens,
    analyses: input.paragraphs.map((text, paragraph) => analyzeParagraph(text, tokens[paragraph] ?? [])),
    headlineTokens: tokenize(input.headline, -1),
    dateline,
  };
}
