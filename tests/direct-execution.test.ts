import { readFileSync } from 'node:fs';
import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
} from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { DirectPlans } from '../src/engine/direct-execution.ts';
import { EXAMPLE_OPERATIONS } from '../src/example-queries.ts';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { schema } from '../src/schema/index.ts';
import type { LedeYoga } from '../src/yoga.ts';
import {
  besidesSectionTree,
  graphqlJsReference,
  postGraphQL,
  startTestGateway,
  type TestGateway,
} from './support/gateway.ts';

// Direct execution must answer exactly as graphql-js does: every query here runs through the
// gateway (direct execution on) and through a second Yoga on the same database with it off, and
// the two response bodies must be the same text.

let lede: TestGateway;
let reference: LedeYoga;
let slugs: Record<'article' | 'section' | 'person' | 'organization', string[]>;
let editorKey: string;

beforeAll(async () => {
  lede = await startTestGateway();
  reference = graphqlJsReference(lede);
  const prisma = lede.database.prisma;
  slugs = {
    article: (await prisma.article.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })).map((row) => row.slug),
    section: (await prisma.section.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })).map((row) => row.slug),
    person: (await prisma.person.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })).map((row) => row.slug),
    organization: (await prisma.organization.findMany({ select: { slug: true }, orderBy: { id: 'asc' } })).map(
      (row) => row.slug,
    ),
  };
  editorKey = await lede.apiKey('EDITOR');
  // A draft, so that preview (an API key) and anonymous requests see different lists.
  await lede.database.prisma.article.updateMany({
    where: { slug: slugs.article[1] },
    data: { status: 'DRAFT' },
  });
});

afterAll(async () => {
  await lede?.close();
});

async function bodyOf(yoga: Parameters<typeof postGraphQL>[0], query: string, variables: object, apiKey?: string) {
  const response = await postGraphQL(yoga, query, variables as Record<string, unknown>, apiKey);
  return `${response.status} ${await response.text()}`;
}

/** Runs `query` both ways and returns whether the gateway answered it by direct execution. */
async function compare(query: string, variables: Record<string, unknown> = {}, apiKey?: string) {
  const direct = lede.executions.direct;
  const actual = await bodyOf(lede.yoga, query, variables, apiKey);
  const expected = await bodyOf(reference, query, variables, apiKey);
  expect(actual, `different answers for\n${query}\nvariables ${JSON.stringify(variables)}`).toBe(expected);
  return lede.executions.direct > direct;
}

const benchOperation = (name: string) =>
  readFileSync(new URL(`../bench/operations/${name}.graphql`, import.meta.url), 'utf8');

test('the benchmark pages are answered by direct execution, as graphql-js answers them', async () => {
  const cases: [string, Record<string, unknown>][] = [
    ['front', {}],
    ['article', { slug: slugs.article[0] }],
    ['section', { slug: slugs.section[0], after: null }],
    ['search', { query: 'council' }],
    ['entity', { slug: slugs.organization[0] }],
  ];
  for (const [name, variables] of cases) {
    for (const apiKey of [undefined, editorKey]) {
      const written = lede.executions.written;
      expect(await compare(benchOperation(name), variables, apiKey), `${name} ran through graphql-js`).toBe(true);
      // Every page's articles (the article page: its relations) are written by PostgreSQL.
      expect(lede.executions.written - written, `${name} was walked, not written`).toBe(1);
    }
  }
  const front = await lede.data(benchOperation('front'));
  expect(front.articles.edges.length >= 10, 'the front page has articles').toBeTruthy();
});

test('the example operations give the same answers', async () => {
  let direct = 0;
  for (const example of EXAMPLE_OPERATIONS) {
    for (const apiKey of [undefined, editorKey]) {
      if (await compare(example.query, {}, apiKey)) direct++;
    }
  }
  expect(direct >= 4, `only ${direct} example runs were direct`).toBeTruthy();
});

test('named fragments, spread again in merged fields, run directly with the same answer', async () => {
  const query = `
    query Cards { articles(first: 3) { edges { node { ...Card } } edges { node { ...Card bylines { role } } } } }
    fragment Card on Article { slug headline section { ...SectionName } }
    fragment SectionName on Section { slug name }`;
  expect(await compare(query)).toBe(true);
  const data = await lede.data(query);
  expect(data.articles.edges.length).toBe(3);
  expect(data.articles.edges[0].node.section.name, 'the nested fragment was answered').toBeTruthy();
});

test('LEDE_DIRECT_EXECUTION turns it off; it is on by default; anything else is refused', () => {
  expect(parseConfig({}).directExecution).toBe(true);
  expect(parseConfig({ LEDE_DIRECT_EXECUTION: 'false' }).directExecution).toBe(false);
  expect(() => parseConfig({ LEDE_DIRECT_EXECUTION: 'no' })).toThrow(/LEDE_DIRECT_EXECUTION: must be true or false/);
});

test('the planner leaves what it cannot run to graphql-js, which answers as usual', async () => {
  const plans = new DirectPlans(schema);
  const unplanned = [
    ['mutation { deleteSection(id: "x") { __typename } }', 'not_a_query'],
    ['{ articles(first: 2) { edges { node { slug @include(if: true) } } } }', 'directives'],
    ['{ node(id: "QXJ0aWNsZTox") { id } }', 'abstract_type'],
    ['{ __schema { queryType { name } } }', 'introspection'],
  ];
  for (const [query, reason] of unplanned) expect(plans.get(parse(query as string)), query).toBe(reason);
  expect(typeof plans.get(parse('{ articles(first: 2) { edges { node { slug } } } }'))).toBe('object');
  // Errors come from graphql-js: a page size over the limit, a missing article.
  for (const query of [
    '{ articles(first: 500) { edges { node { slug } } } }',
    '{ articles(first: 2, after: "not a cursor") { edges { node { slug } } } }',
    `{ article(slug: "no-such-article") { slug } }`,
  ]) {
    await compare(query);
  }
  const refused = await lede.execute('{ articles(first: 500) { edges { node { slug } } } }');
  expect(refused.errors?.[0]?.message ?? '').toMatch(/at most 100/);
});

// Random queries over the schema: every field a type has (with the arguments it needs), aliases,
// fragments and repeated fields, so that a resolver direct execution calls differently shows up.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SKIPPED_FIELDS = new Set(['apiKeys', 'deletedArticles', 'image', 'node', 'nodes', 'route']);

function argumentsFor(field: GraphQLField<unknown, unknown>, pick: <T>(items: T[]) => T): string | undefined {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'first') parts.push(`first: ${pick([1, 2, 3, 4])}`);
    else if (arg.name === 'slug') {
      const kind = getNamedType(field.type).name.toLowerCase() as keyof typeof slugs;
      const options = slugs[kind];
      if (!options) return undefined;
      parts.push(`slug: ${JSON.stringify(pick(options.slice(0, 5)))}`);
    } else if (arg.name === 'query')
      parts.push(`query: ${JSON.stringify(pick(['council', 'city budget', 'harbour']))}`);
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) return undefined;
    else if (arg.name === 'maxLength') parts.push(`maxLength: ${pick([20, 80])}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

function selectionOf(type: GraphQLObjectType, depth: number, next: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const fields = Object.values(type.getFields()).filter((field) => !SKIPPED_FIELDS.has(field.name));
  const chosen: string[] = [];
  const count = 1 + Math.floor(next() * 5);
  // Each field at most once, so that no two of them conflict (differing arguments).
  const candidates = fields.map((field) => ({ field, order: next() })).sort((a, b) => a.order - b.order);
  for (let i = 0; i < Math.min(count, candidates.length); i++) {
    const field = (candidates[i] as { field: GraphQLField<unknown, unknown> }).field;
    const args = argumentsFor(field, pick);
    if (args === undefined) continue;
    const named = getNamedType(field.type);
    const alias = next() < 0.15 ? `a${i}: ` : '';
    if (isLeafType(named)) chosen.push(`${alias}${field.name}${args}`);
    else if (isAbstractType(named)) chosen.push(`${alias}${field.name}${args} { __typename }`);
    else if (isObjectType(named) && depth > 0) {
      chosen.push(`${alias}${field.name}${args} { ${selectionOf(named, depth - 1, next)} }`);
    }
  }
  if (chosen.length === 0) chosen.push('__typename');
  // Sometimes the same fields once more through an inline fragment: graphql merges them.
  if (next() < 0.2) chosen.push(`... on ${type.name} { ${chosen[0]} }`);
  return chosen.join(' ');
}

test('random queries give the same answers, anonymous and in preview', async () => {
  const next = random(20261129);
  let direct = 0;
  const runs = 120;
  for (let i = 0; i < runs; i++) {
    const query = `{ ${selectionOf(schema.getQueryType() as GraphQLObjectType, 3, next)} }`;
    if (await compare(query, {}, i % 2 ? editorKey : undefined)) direct++;
  }
  // Most random queries must have run directly, or this compared graphql-js with itself.
  expect(direct >= runs / 2, `only ${direct} of ${runs} random queries ran directly`).toBeTruthy();
});

// PostgreSQL writes what is plain column reads of a list's articles, or of their relations, as
// response text (src/engine/written-response.ts): random selections of articles under every kind
// of list and lookup must give graphql-js's bytes, and most of them must have had parts written.
test('random selections of articles in every list and lookup give the same answers, written or walked', async () => {
  const next = random(20261206);
  const article = schema.getType('Article') as GraphQLObjectType;
  const lists = [
    (node: string) => `articles(first: 4) { edges { cursor node { ${node} } } pageInfo { hasNextPage endCursor } }`,
    (node: string) => `articles(first: 3, orderBy: HEADLINE) { totalCount edges { node { ${node} } } }`,
    (node: string) =>
      `section(slug: ${JSON.stringify(slugs.section[0])}) { articles(first: 3) { edges { node { ${node} } } } }`,
    (node: string) =>
      `organization(slug: ${JSON.stringify(slugs.organization[0])}) { name mentionedIn(first: 3) { edges { node { ${node} } } } }`,
    (node: string) => `search(query: "council", first: 3) { edges { rank node { ${node} } } }`,
    (node: string) => `article(slug: ${JSON.stringify(slugs.article[2])}) { ${node} }`,
  ];
  const written = lede.executions.written;
  const runs = 90;
  for (let i = 0; i < runs; i++) {
    const list = lists[i % lists.length] as (node: string) => string;
    await compare(`{ ${list(selectionOf(article, 2, next))} }`, {}, i % 4 === 3 ? editorKey : undefined);
  }
  const count = lede.executions.written - written;
  expect(count >= runs / 4, `only ${count} of ${runs} random selections had parts written`).toBeTruthy();
});

// A page of articles is planned once per field of a document (Pothos's selection, frozen for the
// statement cache) and its cursors are encoded only when read: a document sent again with other
// variables, or by another viewer, must still be answered for its own request alone.
test('one document sent again with other variables and viewers: each answer is its own', async () => {
  const list = `
    query Page($first: Int, $last: Int, $after: String, $before: String, $order: ArticleOrder, $filter: ArticleFilter) {
      articles(first: $first, last: $last, after: $after, before: $before, orderBy: $order, filter: $filter) {
        edges { cursor node { slug headline publishedAt updatedAt section { slug } bylines { role person { slug } } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
  const countOnly = `query Count($filter: ArticleFilter) { articles(filter: $filter) { totalCount } }`;
  const pageThenCount = `query Both($first: Int) { articles(first: $first) { totalCount edges { node { slug } } } }`;
  const anonymous = await lede.data(list, { first: 3 });
  const cursor = anonymous.articles.edges[1].cursor as string;
  const headlineCursor = (await lede.data(list, { first: 2, order: 'HEADLINE' })).articles.pageInfo.endCursor as string;
  const sectionId = (await lede.data(`{ sections { id } }`)).sections[0].id as string;
  const cases: [string, Record<string, unknown>][] = [
    [list, { first: 3 }],
    [list, { first: 5 }],
    [list, { first: 0 }],
    [list, { first: 2, after: cursor }],
    [list, { first: 2, after: null }],
    [list, { last: 2, before: cursor }],
    [list, { last: 2 }],
    [list, { first: 3, order: 'HEADLINE' }],
    [list, { first: 3, order: 'HEADLINE', after: headlineCursor }],
    [list, { first: 3, order: 'OLDEST_FIRST' }],
    [list, { first: 3, order: 'UPDATED_OLDEST_FIRST' }],
    [list, { first: 3, filter: { sections: [sectionId] } }],
    [list, { first: 3, filter: { sections: [sectionId], includeSubsections: false } }],
    [list, { first: 3, filter: { publishedBefore: '2000-01-01T00:00:00.000Z' } }],
    [list, { first: 2, after: 'not a cursor' }],
    [list, { first: 2, after: headlineCursor }],
    [list, { first: 3 }],
    [countOnly, {}],
    [countOnly, { filter: { sections: [sectionId] } }],
    [pageThenCount, { first: 2 }],
    [pageThenCount, { first: 4 }],
  ];
  let direct = 0;
  for (const _round of [1, 2]) {
    for (const [query, variables] of cases) {
      for (const apiKey of [undefined, editorKey, undefined]) {
        if (await compare(query, variables, apiKey)) direct++;
      }
    }
  }
  // All but the three refused requests (`first: 0`, a cursor that is none, one of another order)
  // ran directly, so the planned pages answered them.
  expect(direct, 'the pages ran by direct execution').toBe(2 * 3 * (cases.length - 3));
  // The draft is in the editor's list and not in an anonymous reader's, from the same planned page.
  type Page = { articles: { edges: { node: { slug: string } }[] } };
  const slugsOf = (data: Page) => data.articles.edges.map((edge) => edge.node.slug);
  const all = await lede.data<Page>(list, { first: 100, order: 'OLDEST_FIRST' });
  const previewed = await lede.data<Page>(list, { first: 100, order: 'OLDEST_FIRST' }, { apiKey: editorKey });
  expect(slugsOf(all)).not.toContain(slugs.article[1]);
  expect(slugsOf(previewed)).toContain(slugs.article[1]);
});

test('a list planned once for a field answers every row of a list of parents with its own articles', async () => {
  const query = `
    query Sections($first: Int) {
      sections { slug articles(first: $first) { edges { cursor node { slug section { slug } } } pageInfo { endCursor } } }
    }`;
  for (const first of [1, 3, 1]) {
    for (const apiKey of [undefined, editorKey]) expect(await compare(query, { first }, apiKey)).toBe(true);
  }
  const entity = benchOperation('entity');
  for (const slug of slugs.organization.slice(0, 4)) expect(await compare(entity, { slug })).toBe(true);
  const section = benchOperation('section');
  const sectionPage = await lede.data(section, { slug: slugs.section[0], after: null });
  const after = sectionPage.section.articles.pageInfo.endCursor as string | null;
  for (const variables of [{ after: null }, { after }, { after: null }]) {
    expect(await compare(section, { slug: slugs.section[0], ...variables })).toBe(true);
  }
});

test("no Prisma field plans its selection with a function, so a page's selection depends on its document alone", () => {
  // A planned page's selection is kept per field of a document (src/schema/article-connection.ts)
  // and serves every viewer. A `select` or `query` given as a function may read the viewer or the
  // clock: such a field needs the page's plan keyed by what it reads before it is added.
  const functions: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeOptions = (type.extensions as { pothosOptions?: { select?: unknown } }).pothosOptions;
    if (typeof typeOptions?.select === 'function') functions.push(`${type.name} (its select)`);
    for (const field of Object.values(type.getFields())) {
      const options = (field.extensions as { pothosOptions?: { select?: unknown; query?: unknown } }).pothosOptions;
      if (typeof options?.select === 'function' || typeof options?.query === 'function') {
        functions.push(`${type.name}.${field.name}`);
      }
    }
  }
  expect(functions).toStrictEqual([]);
});

// A lookup's selection (`article`, `organization`, `person` and an article's `related`) is planned
// once per field of a document: the same document sent again for other slugs, sizes and viewers,
// and for a slug that finds nothing, must still be answered for its own request alone.
test('a lookup planned once for a field answers each request with its own row', async () => {
  const article = `
    query Article($slug: String!, $first: Int!) {
      article(slug: $slug) {
        slug headline text section { slug name } bylines { role person { slug name description } }
        mentionedPeople { mentionCount person { slug } } mentionedOrganizations { organization { slug name } }
        related(first: $first) { slug headline publishedAt section { slug } bylines { person { slug } } }
      }
    }`;
  const organization = `
    query Organization($slug: String!) {
      organization(slug: $slug) { slug name kind description mentionedIn(first: 3) { edges { node { slug } } } }
    }`;
  const person = `query Person($slug: String!) { person(slug: $slug) { slug name description } }`;
  const cases: [string, Record<string, unknown>][] = [
    ...[0, 1, 2, 0].flatMap((index, round) => [
      [article, { slug: slugs.article[index], first: round + 1 }] as [string, Record<string, unknown>],
    ]),
    [article, { slug: 'no-such-article', first: 5 }],
    ...slugs.organization.slice(0, 3).map((slug): [string, Record<string, unknown>] => [organization, { slug }]),
    [organization, { slug: 'no-such-organization' }],
    ...slugs.person.slice(0, 3).map((slug): [string, Record<string, unknown>] => [person, { slug }]),
    [person, { slug: 'no-such-person' }],
  ];
  let direct = 0;
  for (const [query, variables] of cases) {
    for (const apiKey of [undefined, editorKey]) if (await compare(query, variables, apiKey)) direct++;
  }
  expect(direct, 'the lookups ran by direct execution').toBe(2 * cases.length);
  // The draft is found in preview and not by an anonymous reader, from the same planned lookup.
  const draft = { slug: slugs.article[1], first: 1 };
  expect((await lede.data(article, draft)).article).toBeNull();
  expect((await lede.data(article, draft, { apiKey: editorKey })).article?.slug).toBe(slugs.article[1]);
});

// An organization's `mentionedIn` page is read in the organization's own statement when direct
// execution runs the document (src/schema/organization.ts); a page that planning it ahead would
// cost a statement (a section filter, an old id cursor), that reads only `totalCount`, or that is
// selected twice, is read by the field as before, and so are its arguments' errors.
test("an organization's mentionedIn page read in the organization's statement answers as graphql-js does", async () => {
  const prisma = lede.database.prisma;
  const [most] = await prisma.organizationMention.groupBy({
    by: ['organizationId'],
    _count: { articleId: true },
    orderBy: { _count: { articleId: 'desc' } },
    take: 1,
  });
  const organization = await prisma.organization.findUniqueOrThrow({ where: { id: most?.organizationId as number } });
  expect(most?._count.articleId ?? 0, 'an organization mentioned in several articles').toBeGreaterThanOrEqual(4);
  const [section] = await prisma.section.findMany({ take: 1, orderBy: { id: 'asc' } });
  const [person] = await prisma.person.findMany({ take: 1, orderBy: { id: 'asc' } });
  const page = `
    query Organization($slug: String!, $first: Int, $last: Int, $after: String, $before: String,
                       $orderBy: ArticleOrder, $filter: ArticleFilter) {
      organization(slug: $slug) {
        slug name kind
        ...Mentions
      }
    }
    fragment Mentions on Organization {
      list: mentionedIn(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy, filter: $filter) {
        totalCount
        edges { cursor node { slug headline publishedAt section { slug name } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }`;
  const slug = organization.slug;
  const first = await lede.data(page, { slug, first: 2 });
  const end = first.organization.list.pageInfo.endCursor as string;
  const headlineEnd = (await lede.data(page, { slug, first: 2, orderBy: 'HEADLINE' })).organization.list.pageInfo
    .endCursor as string;
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const folded: Record<string, unknown>[] = [
    { slug, first: 2 },
    { slug, first: 2, after: end },
    { slug, last: 2 },
    { slug, last: 1, before: end },
    { slug, first: 3, orderBy: 'HEADLINE' },
    { slug, first: 2, after: headlineEnd, orderBy: 'HEADLINE' },
    { slug, first: 2, orderBy: 'OLDEST_FIRST' },
    { slug, first: 5, filter: { language: 'en', publishedAfter: '2001-01-01T00:00:00Z' } },
    { slug, first: 5, filter: { mentionedPeople: [encodeGlobalId('Person', person?.id as number)] } },
    { slug, first: 100 },
    { slug: 'no-such-organization', first: 2 },
  ];
  const apart: Record<string, unknown>[] = [
    { slug, first: 2, filter: { sections: [encodeGlobalId('Section', section?.id as number)] } },
    { slug, first: 2, after: base64(`GPC:N:${most?.organizationId}`) },
    // Errors, raised on the field as before.
    { slug, first: 2, after: 'not a cursor' },
    { slug, first: 2, after: headlineEnd },
    { slug, first: 500 },
    { slug, first: -1 },
    { slug, first: 2, filter: { mentionedPeople: ['not an id'] } },
  ];
  for (const apiKey of [undefined, editorKey]) {
    for (const variables of [...folded, ...apart]) await compare(page, variables, apiKey);
  }
  // The organization with its page is one statement (and `totalCount` its own); the others as before.
  const statementsOf = async (variables: Record<string, unknown>) => {
    await lede.execute(page, variables);
    return besidesSectionTree(lede.statements).length;
  };
  for (const variables of folded.slice(0, 9)) expect(await statementsOf(variables), JSON.stringify(variables)).toBe(2);
  expect(await statementsOf(apart[0] as Record<string, unknown>)).toBe(3);
  // Selected twice, or only counted: the field reads its own, with the same answers.
  const twice = `query ($slug: String!) { organization(slug: $slug) {
    slug a: mentionedIn(first: 2) { edges { node { slug } } } b: mentionedIn(last: 1) { edges { node { slug } } } } }`;
  const counted = `query ($slug: String!) { organization(slug: $slug) { mentionedIn { totalCount } } }`;
  const skipped = `query ($slug: String!, $no: Boolean!) { organization(slug: $slug) {
    slug mentionedIn(first: 2) @skip(if: $no) { edges { node { slug } } } } }`;
  for (const apiKey of [undefined, editorKey]) {
    expect(await compare(twice, { slug }, apiKey)).toBe(true);
    expect(await compare(counted, { slug }, apiKey)).toBe(true);
    await compare(skipped, { slug, no: false }, apiKey);
    await compare(skipped, { slug, no: true }, apiKey);
  }
});
