// The agency a dateline credits ("NEW YORK (Reuters) —"), as the linker treats it: an organization
// mentioned once. Apart from datelines.ts, which only reads a dateline, so that reading it (article.ts)
// does not depend on the linker's mentions.
import type { ArticleText } from './article.ts';
import { type NewMention, newOrganizationOwner } from './new-names.ts';
import type { Token } from './tokens.ts';

/** The dateline's agency as a new organization, unless the directory or the well-known list took it first. */
export function agencyMentions(article: ArticleText): NewMention[] {
  const agency = article.dateline?.agency;
  const tokens = article.tokens[0] ?? [];
  const first = tokens.find((token) => token.start === agency?.start);
  const last = tokens.findLast((token) => token.end === agency?.end);
  if (!agency || !first || !last) return [];
  const claim = { paragraph: 0, first: first.index, last: last.index, start: agency.start, end: agency.end };
  return [{ ...claim, owner: newOrganizationOwner(agency.name), name: agency.name, description: null }];
}

/** The token is (part of) the dateline's agency. */
export function isAgency(article: ArticleText, paragraph: number, token: Token): boolean {
  const agency = article.dateline?.agency;
  return (
    paragraph === 0 && agency !== null && agency !== undefined && token.start >= agency.start && token.end <= agency.end
  );
}
