// The agency a dateline credits ("NEW YORK (Reuters) —"). It names the story's source, not something
// the story reports on, so the credit is no mention: an agency the body names is linked from the body.
// Apart from datelines.ts, which only reads a dateline, so that reading it (article.ts) does not
// depend on the linker's types.
import type { ArticleText } from './article.ts';
import type { Token } from './tokens.ts';

/** The token is (part of) the dateline's agency. */
export function isAgency(article: ArticleText, paragraph: number, token: Token): boolean {
  const agency = article.dateline?.agency;
  return (
    paragraph === 0 && agency !== null && agency !== undefined && token.start >= agency.start && token.end <= agency.end
  );
}
