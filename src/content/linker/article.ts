// The text of one article, tokenised and tagged once and shared by every step of the linker.
import { analyzeParagraph, type ParagraphAnalysis } from './compromise-tags.ts';
import { type Token, tokenize } from './tokens.ts';

export type ArticleText = {
  paragraphs: readonly string[];
  tokens: readonly Token[][];
  analyses: readonly ParagraphAnalysis[];
  headlineTokens: readonly Token[];
};

export function readArticle(input: { headline: string; paragraphs: readonly string[] }): ArticleText {
  const tokens = input.paragraphs.map((text, paragraph) => tokenize(text, paragraph));
  return {
    paragraphs: input.paragraphs,
    tokens,
    analyses: input.paragraphs.map((text, paragraph) => analyzeParagraph(text, tokens[paragraph] ?? [])),
    headlineTokens: tokenize(input.headline, -1),
  };
}
