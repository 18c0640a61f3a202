// The most expensive operations the production limits accept, for bench/worst-case.ts (which
// publishes their time) and the hostile battery (which checks the gateway survives them). Each is
// one aliased field; the caller repeats it as many times as the limits allow.

/** Ten common words joined by OR: the longest search allowed, matching most articles. */
export const TEN_WORD_SEARCH =
  'council OR budget OR harbour OR port OR city OR election OR minister OR police OR court OR health';

const ARTICLE_FIELDS = 'id headline standfirst html markdown text paragraphs wordCount urlPath';

export const WORST_CASE_FIELDS: Record<string, (alias: string) => string> = {
  searchTenWordsWithCount: (alias) =>
    `${alias}: search(query: "${TEN_WORD_SEARCH}", first: 20) { totalCount edges { rank headline { html } snippet { html } node { id headline } } }`,
  searchOneWordWithCount: (alias) =>
    `${alias}: search(query: "council", first: 20) { totalCount edges { headline { html } snippet { html } } }`,
  searchFullArticles: (alias) =>
    `${alias}: search(query: "council", first: 100) { edges { node { ${ARTICLE_FIELDS} } } }`,
  facetsOfTenWordSearch: (alias) =>
    `${alias}: facets(query: "${TEN_WORD_SEARCH}") { sections(limit: 50) { count } people(limit: 50) { count } organizations(limit: 50) { count } authors(limit: 50) { count } months(limit: 50) { count } }`,
  facetsOfEverything: (alias) =>
    `${alias}: facets { sections(limit: 50) { count section { name } } people(limit: 50) { count person { name } } organizations(limit: 50) { count organization { name } } authors(limit: 50) { count } months(limit: 50) { count } }`,
  fullArticlePages: (alias) => `${alias}: articles(first: 100) { totalCount edges { node { ${ARTICLE_FIELDS} } } }`,
  countsPerPerson: (alias) =>
    `${alias}: people(first: 100) { edges { node { name mentionedIn(first: 1) { totalCount } } } }`,
  coMentionsThreeDeep: (alias) =>
    `${alias}: organizations(first: 1) { edges { node { coMentionedPeople(first: 18) { person { coMentionedOrganizations(first: 18) { organization { coMentionedPeople(first: 18) { person { name } } } } } } } } }`,
  relatedOfEveryArticle: (alias) =>
    `${alias}: articles(first: 100) { edges { node { related(first: 20) { headline urlPath } } } }`,
  entitySearch: (alias) =>
    `${alias}: searchEntities(query: "an", first: 50) { score matchedName entity { ... on Person { name } ... on Organization { name } } }`,
};

/** `count` copies of a field under distinct aliases, made distinct again by `salt` (a comment). */
export function aliased(field: (alias: string) => string, count: number, salt: string): string {
  return `{ ${Array.from({ length: count }, (_, index) => field(`a${index}`)).join(' ')} } # ${salt}`;
}
