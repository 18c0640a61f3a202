import { readFileSync } from 'node:fs';
import { GraphQLError, type GraphQLFieldResolver, getNamedType, isObjectType } from 'graphql';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Prisma } from '../generated/prisma/client.ts';
import { jsonFindMany } from '../src/engine/json-find-many.ts';
import { RESPONSE_TEXT_KEY, ResponseText } from '../src/engine/json-statement.ts';
import { typeInternals } from '../src/engine/pothos-internals.ts';
import { columnRead } from '../src/engine/response-plan.ts';
import { stringifyResult, WrittenResponse } from '../src/engine/written-response.ts';
import { schema } from '../src/schema/index.ts';
import type { LedeYoga } from '../src/yoga.ts';
import { graphqlJsReference, postGraphQL, startTestGateway, type TestGateway } from './support/gateway.ts';

// Under direct execution PostgreSQL writes the parts of a response that are plain column reads as
// JSON text, which the gateway copies into the response (src/engine/written-response.ts). That
// text must be the bytes graphql-js's walk and JSON.stringify would have written, whatever the data.

let lede: TestGateway;
let reference: LedeYoga;

/** Headlines holding every character JSON escapes or could be mistaken over. */
const AWKWARD_TEXTS = [
  'Quotes "double" and \'single\', a back\\slash, a /slash/',
  'Controls:\u0001\u0008\u000c\n\r\t\u001f and DEL\u007f',
  'Line and paragraph separators \u2028 \u2029, a BOM \ufeff',
  'Emoji 🗞️ and 𝒳 beyond the BMP, accents é ñ ø, CJK 新闻',
  '</script><!-- markup --> & ampersands',
  'lede-written-response-not-a-place',
];

beforeAll(async () => {
  lede = await startTestGateway();
  reference = graphqlJsReference(lede);
  const prisma = lede.database.prisma;
  const person = await prisma.person.findFirstOrThrow({ orderBy: { id: 'asc' } });
  await prisma.person.update({ where: { id: person.id }, data: { name: 'Renée "Ree" O\'Brien\\Ω' } });
  const newest = await prisma.article.findFirstOrThrow({
    orderBy: { publishedAt: 'desc' },
    select: { publishedAt: true },
  });
  const base = (newest.publishedAt ?? new Date()).getTime();
  for (const [index, headline] of AWKWARD_TEXTS.entries()) {
    await publishArticle({
      slug: `awkward-${index}`,
      headline,
      standfirst: index % 2 ? null : `${headline} (standfirst)`,
      // Newest of all, so that the front page shows them; milliseconds of every width.
      publishedAt: new Date(base - 1000 * index + ([7, 70, 700, 0, 1, 999][index % 6] ?? 0)),
      bylines: { create: [{ personId: person.id, role: 'AUTHOR', position: 0 }] },
    });
  }
  // An old instant, far from today's dates: years of three digits are padded as toISOString pads them.
  await publishArticle({
    slug: 'awkward-old',
    headline: 'Old',
    publishedAt: new Date(Date.UTC(999, 0, 2, 3, 4, 5, 6)),
  });
});

/** A published article in the first section, with a one-line body unless given. */
async function publishArticle(
  data: Omit<Prisma.ArticleUncheckedCreateInput, 'body' | 'sectionId'> & { body?: string },
) {
  const section = await lede.database.prisma.section.findFirstOrThrow({ orderBy: { id: 'asc' } });
  await lede.database.prisma.article.create({
    data: { body: 'A body.', status: 'PUBLISHED', sectionId: section.id, ...data },
  });
}

afterAll(async () => {
  await lede?.close();
});

/** Sends `query` to the gateway and to graphql-js; requires the same bytes and returns how many responses were written. */
async function compare(query: string, variables: Record<string, unknown> = {}) {
  const written = lede.executions.written;
  const actual = await (await postGraphQL(lede.yoga, query, variables)).text();
  const expected = await (await postGraphQL(reference, query, variables)).text();
  expect(actual, `different answers for ${query}`).toBe(expected);
  return { written: lede.executions.written - written, body: actual };
}

test('text PostgreSQL writes is what JSON.stringify writes, for every awkward character and instant', async () => {
  const page = `{ articles(first: 12) { edges { cursor node { __typename slug headline standfirst publishedAt
    section { slug name } bylines { role person { slug name } } } } pageInfo { hasNextPage endCursor } } }`;
  const { written, body } = await compare(page);
  expect(written, 'the page was walked, not written').toBe(1);
  for (const headline of AWKWARD_TEXTS) expect(body).toContain(JSON.stringify(headline).slice(1, -1));
  expect(body).toContain('Renée \\"Ree\\" O\'Brien\\\\Ω');

  const old = await compare(`{ article(slug: "awkward-old") { slug headline standfirst publishedAt } }`);
  expect(old.written).toBe(1);
  expect(old.body).toContain('"publishedAt":"0999-01-02T03:04:05.006Z"');

  const oldest = await compare(`{ articles(first: 3, orderBy: OLDEST_FIRST) { edges { node { slug publishedAt } } } }`);
  expect(oldest.written).toBe(1);
  expect(oldest.body).toContain('awkward-old');
});

test('aliases, repeated fields, typenames and a node read twice are written as graphql-js writes them', async () => {
  const cases = [
    `{ articles(first: 3) { edges { node { a: slug b: slug headline t: __typename section { n: name } } } } }`,
    `{ articles(first: 3) { edges { node { ...Teaser ...Teaser } } } } fragment Teaser on Article { slug section { slug } }`,
    // `nodes` reads the same rows as `edges.node`: neither is written whole.
    `{ articles(first: 3) { nodes { slug } edges { node { headline bylines { role } } } } }`,
    // A field computed in JavaScript keeps its object on the walk; the relations below are written.
    `{ articles(first: 3) { edges { node { slug url bylines { role person { name } } } } } }`,
  ];
  for (const query of cases) await compare(query);
  expect((await compare(cases[0] as string)).written).toBe(1);
  expect((await compare(cases[3] as string)).written).toBe(1);
});

test('a body that is not tidy is tidied (Article.text tests its row, so it is no column read)', async () => {
  await publishArticle({
    slug: 'untidy-body',
    headline: 'Untidy',
    body: '  First   paragraph.\r\n\r\n\r\nSecond\tone. ',
    publishedAt: new Date(Date.UTC(2020, 0, 1)),
  });
  const { body } = await compare('{ article(slug: "untidy-body") { slug text } }');
  expect(body).toContain('"text":"First paragraph.\\n\\nSecond one."');
});

test('an instant JSON cannot hold leaves the operation to graphql-js, which reports it', async () => {
  await publishArticle({
    slug: 'infinite-instants',
    headline: 'Infinite',
    publishedAt: new Date(Date.UTC(2019, 0, 1)),
  });
  // Only SQL by hand can store these: the API refuses instants outside years 1 to 9999.
  await lede.database.prisma.$executeRawUnsafe(
    `UPDATE "Article" SET "lastSubstantiveUpdateAt" = 'infinity', "updatedAt" = '-infinity' WHERE "slug" = 'infinite-instants'`,
  );
  for (const field of ['updatedAt', 'lastSubstantiveUpdateAt']) {
    const { written, body } = await compare(`{ article(slug: "infinite-instants") { slug ${field} } }`);
    expect(written).toBe(0);
    expect(JSON.parse(body).errors?.length, body).toBeGreaterThan(0);
  }
});

test('a column read is a resolver that returns one property of its row unchanged', () => {
  const plain: GraphQLFieldResolver<unknown, unknown> = (row) => (row as { slug: string }).slug;
  expect(columnRead(plain)).toBe('slug');
  const computed: Array<GraphQLFieldResolver<unknown, unknown>> = [
    (row) => String((row as { slug: string }).slug),
    (row) => (row as { a: unknown; b: unknown }).a ?? (row as { b: unknown }).b,
    (row) => (row as { a: unknown }).a || 'none',
    // A test of the value: `plainText` hands back a body that is already tidy.
    (row) => (/^[^\t]*$/.test(String((row as { a: unknown }).a)) ? (row as { a: unknown }).a : 'tidied'),
    (row) => (/^[^\t]*$/.test((row as { a: string }).a) ? (row as { a: unknown }).a : 'tidied'),
    (row) => ((row as { a: unknown }).a === null ? 'none' : (row as { a: unknown }).a),
    (row, _args, context) => ((context as { viewer: unknown }).viewer ? (row as { slug: string }).slug : null),
    async (row) => (row as { slug: string }).slug,
    (_row, args) => (args as { size: number }).size,
    () => {
      throw new GraphQLError('no');
    },
    () => 'constant',
  ];
  for (const resolve of computed) expect(columnRead(resolve), String(resolve)).toBeUndefined();
});

test('the schema holds what the written text assumes: enums stored by their names, instants as timestamptz', () => {
  const prismaSchema = readFileSync(new URL('../schema.prisma', import.meta.url), 'utf8');
  // An enum value stored under another name (@map) would be written as stored, not as its name.
  const enums = [...prismaSchema.matchAll(/^enum \w+ \{([^}]*)\}/gm)].map((match) => match[1] ?? '');
  expect(enums.length).toBeGreaterThan(0);
  for (const body of enums) expect(body).not.toContain('@map');
  // A date column (@db.Date) read as an instant would depend on the session's time zone; none is
  // a DateTime field of the schema, which is what response-plan.ts writes as an instant.
  const dateColumns = [...prismaSchema.matchAll(/^\s+(\w+)\s+DateTime\??\s.*@db\.Date\b/gm)].map((match) => match[1]);
  expect(dateColumns.length).toBeGreaterThan(0);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !typeInternals(type).prismaModel) continue;
    for (const field of Object.values(type.getFields())) {
      if (getNamedType(field.type).name !== 'DateTime') continue;
      const read = field.resolve ? columnRead(field.resolve) : field.name;
      expect(dateColumns, `${type.name}.${field.name}`).not.toContain(read);
    }
  }
});

test('a written response reads as its value to anyone else, and its text stands in the response as it is', () => {
  const text = '{"slug":"a","headline":"x \\u0001 \\"y\\""}';
  const written = new WrittenResponse('[]', text);
  const result = { data: { list: [written, null, written], other: 'lede-written-response-x' } };
  expect(JSON.parse(JSON.stringify(result))).toEqual({
    data: { list: [JSON.parse(text), null, JSON.parse(text)], other: 'lede-written-response-x' },
  });
  expect(stringifyResult(result)).toBe(JSON.stringify(result));
  expect(stringifyResult(result)).toContain(`[${text},null,${text}]`);
  expect(stringifyResult({ data: { plain: 1 } })).toBe('{"data":{"plain":1}}');
});

test('a response the engine cannot compile leaves the rows to Prisma, with their relations', async () => {
  const response = new ResponseText([{ key: 'slug', kind: 'column', column: 'slug', format: 'json' }]);
  const sectionText = new ResponseText([{ key: 'name', kind: 'column', column: 'name', format: 'json' }], []);
  // `distinct` is none of the engine's arguments: Prisma reads the rows, without any response.
  const rows = await jsonFindMany<Record<string, unknown>>(lede.database.prisma, 'Article', {
    select: {
      id: true,
      slug: true,
      section: { select: { slug: true, [RESPONSE_TEXT_KEY]: sectionText } },
      [RESPONSE_TEXT_KEY]: response,
    },
    distinct: ['id'],
    take: 2,
  } as never);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row[RESPONSE_TEXT_KEY]).toBeUndefined();
    expect(typeof (row.section as { slug: unknown }).slug).toBe('string');
  }
  // An organization's members are ordered in a way the engine does not compile: the page is still
  // run directly (Prisma reads it), not sent to graphql-js after a refused statement.
  const organization = await lede.database.prisma.organization.findFirstOrThrow({
    where: { affiliations: { some: {} } },
  });
  const direct = lede.executions.direct;
  await compare(`{ organization(slug: ${JSON.stringify(organization.slug)}) { url members { role } } }`);
  expect(lede.executions.direct - direct).toBe(1);
  const compiled = await jsonFindMany<Record<string, unknown>>(lede.database.prisma, 'Article', {
    select: { id: true, [RESPONSE_TEXT_KEY]: response },
    orderBy: { id: 'asc' },
    take: 2,
  });
  expect(compiled[0]?.[RESPONSE_TEXT_KEY]).toBeInstanceOf(WrittenResponse);
});

test('with the response cache on, its bookkeeping keys never reach a written response', async () => {
  const cached = await startTestGateway({ responseCache: { ttlMs: 10_000, maxEntries: 100 } });
  const cachedReference = graphqlJsReference(cached);
  try {
    // The cache adds `__responseCacheTypeName` where `__typename` is not selected, and
    // `__responseCacheId` on types with an id: those objects are walked. Bylines with their
    // `__typename` have neither, and are written.
    const cases = [
      { query: '{ articles(first: 3) { edges { node { slug section { name } } } } }', written: 0 },
      { query: '{ articles(first: 3) { edges { node { slug bylines { __typename role } } } } }', written: 1 },
    ];
    for (const { query, written } of cases) {
      const expected = JSON.parse(await (await postGraphQL(cachedReference, query, {})).text());
      for (let round = 0; round < 2; round++) {
        const before = cached.executions.written;
        const body = await (await postGraphQL(cached.yoga, query, {})).text();
        expect(body).not.toContain('__responseCache');
        expect(JSON.parse(body).data).toEqual(expected.data);
        // The second round is a cache hit: nothing is executed.
        expect(cached.executions.written - before).toBe(round === 0 ? written : 0);
      }
    }
  } finally {
    await cached.close();
  }
});
