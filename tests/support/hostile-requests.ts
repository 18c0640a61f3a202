import fc from 'fast-check';

/** One request no client should send; `url` (on the host lede.test) when it is not a POST to /graphql. */
export type Hostile = { label: string; url?: string; init: RequestInit };

const post = (label: string, body: BodyInit, contentType = 'application/json'): Hostile => ({
  label,
  init: { method: 'POST', headers: { 'content-type': contentType }, body },
});
const json = (label: string, value: unknown) => post(label, JSON.stringify(value));

const depthQuery = (depth: number, field: string) =>
  `{ ${`${field} { `.repeat(depth)}__typename${' }'.repeat(depth)} }`;
const aliases = (count: number, selection: string) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Requests no client should send. The expensive shapes (deep, alias floods, megabytes) are rare. */
export const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { weight: 10, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => post('random bytes', bytes)) },
  {
    weight: 10,
    arbitrary: fc
      .tuple(fc.constantFrom('{ articles(first: 2) { edges { node { id } } } }', '{ sections { name } }'), fc.nat(60))
      .map(([query, cut]) => post('truncated JSON', JSON.stringify({ query }).slice(0, cut))),
  },
  {
    weight: 15,
    arbitrary: fc
      .record(
        {
          query: fc.oneof(anyJson, fc.constant('{ __typename }')),
          variables: anyJson,
          operationName: anyJson,
          extensions: anyJson,
        },
        { requiredKeys: [] },
      )
      .map((body) => json('wrong types', body)),
  },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data',
          'application/x-www-form-urlencoded',
          '',
          'application/json; charset=latin1',
          'application/graphql',
        ),
        fc.constantFrom('{ __typename }', JSON.stringify({ query: '{ __typename }' })),
      )
      .map(([type, body]) => post(`content type ${type}`, body, type)),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 1000 })
      .map((depth) => json(`depth ${depth}`, { query: depthQuery(depth, 'sections') })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 1000 })
      .map((depth) => json(`unknown depth ${depth}`, { query: depthQuery(depth, 'x') })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 100, max: 5000 })
      .map((n) => json(`${n} aliases`, { query: aliases(n, '__typename') })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 2, max: 50 })
      .map((n) => json(`${n} article aliases`, { query: aliases(n, 'article(slug: "nope") { id }') })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
        '{ sections { ...S } } fragment S on Section { children { ...S } }',
        'fragment A on Query { ...A } { ...A }',
      )
      .map((query) => json('fragment cycle', { query })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(1, 1024 * 1024).map((size) =>
      json('megabyte string', {
        query: 'query ($s: String!) { article(slug: $s) { id } people(search: $s) { totalCount } }',
        variables: { s: 'x'.repeat(size) },
      }),
    ),
  },
  {
    weight: 5,
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 20 }).map((bytes) => {
      const head = Buffer.from('{"query":"{ article(slug: \\"');
      const tail = Buffer.from('\\") { id } }"}');
      return post('invalid UTF-8', Buffer.concat([head, Buffer.from([0xff, 0xc3, ...bytes]), tail]));
    }),
  },
  {
    weight: 8,
    arbitrary: fc
      .oneof(fc.constantFrom(2 ** 31, 2 ** 53, 1e300, -1, -(2 ** 31) - 1, 1.5, 101), fc.integer(), fc.string())
      .map((first) =>
        json(`first ${String(first)}`, {
          query: 'query ($first: Int) { articles(first: $first) { edges { cursor } } }',
          variables: { first },
        }),
      ),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        '{ articles(first: 99999999999999999999) { totalCount } }',
        '{ articles(first: -5) { totalCount } }',
        '{ people(last: 2147483648) { totalCount } }',
      )
      .map((query) => json('literal overflow', { query })),
  },
  {
    weight: 5,
    arbitrary: fc
      .stringMatching(/^[a-z_]{1,12}$/)
      .map((name) => json('unknown field', { query: `{ ${name} { id } }` })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(100, 101, 10_000).map((n) =>
      json(`${n} ids`, {
        query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        variables: { ids: Array.from({ length: n }, (_, i) => `QXJ0aWNsZTo${i}`) },
      }),
    ),
  },
  {
    weight: 12,
    arbitrary: fc
      .oneof(
        fc.string(),
        fc.base64String(),
        fc.string().map((s) => Buffer.from(s).toString('base64')),
        fc.constantFrom(
          'QXJ0aWNsZTo=',
          'QXJ0aWNsZTotMQ==',
          Buffer.from('Article:99999999999999999999').toString('base64'),
          Buffer.from('Nope:1').toString('base64'),
        ),
      )
      .chain((value) =>
        fc.constantFrom(
          json('malformed global id', { query: 'query ($v: ID!) { node(id: $v) { id } }', variables: { v: value } }),
          json('malformed cursor', {
            query: 'query ($v: String) { articles(first: 2, after: $v) { edges { cursor } } }',
            variables: { v: value },
          }),
          json('malformed before cursor', {
            query: 'query ($v: String) { people(last: 2, before: $v) { edges { cursor } } }',
            variables: { v: value },
          }),
        ),
      ),
  },
  {
    weight: 8,
    arbitrary: fc
      .oneof(
        fc.string(),
        fc.webQueryParameters(),
        fc.constantFrom(
          'query=%7B__typename%7D&variables=%7B',
          'query=mutation%7BdeleteArticle%7D',
          'query=%ff%fe',
          'query=&query=',
          '%%%',
        ),
      )
      .map((search) => ({
        label: `GET ?${search}`,
        url: `http://lede.test/graphql?${search}`,
        init: { method: 'GET', headers: { accept: 'application/graphql-response+json' } },
      })),
  },
);

/** Codes a client can switch on for a refused input (docs/api.md "Errors"). */
export const CLIENT_CODES = [
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'LIST_TOO_LONG',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_MANY_TOKENS',
  'REQUEST_ENTITY_TOO_LARGE',
  'VARIABLES_TOO_DEEP',
];
