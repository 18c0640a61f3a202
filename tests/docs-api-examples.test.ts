import { readFileSync } from 'node:fs';
import { getOperationAST, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { API_EXAMPLES, graphqlBlocks, markdownSection, operationName, readDoc } from './support/docs.ts';
import { expectTruthy } from './support/expect.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

// docs/api.md "Using the API": every fenced graphql block runs here, and the curl examples are sent
// in the same form, so the docs cannot drift from the API.
const section = markdownSection(readDoc('docs/api.md'), '## Using the API');
const blocks = graphqlBlocks(section);
const MANIFEST = 'examples/mobile-client/src/gql/persisted-documents.json';
const manifest: Record<string, string> = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const frontPageHash = Object.keys(manifest).find((id) => manifest[id]?.includes('query MobileFrontPage')) as string;

describe(`docs/api.md "Using the API" examples (${databaseKind})`, () => {
  let lede: TestGateway;
  let allowList: TestGateway;
  afterAll(async () => {
    await lede?.close();
    await allowList?.close();
  });
  beforeAll(async () => {
    lede = await startTestGateway();
    allowList = await startTestGateway({ loadSampleContent: false, persisted: { operations: [MANIFEST], only: true } });
  });

  it('has examples for queries, errors, sync and subscriptions', () => {
    expect(blocks.map(operationName)).toStrictEqual(API_EXAMPLES);
    const kinds: string[] = blocks.map((block) => getOperationAST(parse(block))?.operation ?? '');
    expect(kinds.filter((kind) => kind === 'query').length >= 4).toBeTruthy();
    expect(kinds.includes('subscription')).toBeTruthy();
  });

  for (const block of blocks) {
    const name = /^(query|subscription) (\w+)/m.exec(block)?.[2] ?? 'anonymous';
    const expectedCode = /^# Expect: (\w+)/m.exec(block)?.[1];
    it(`runs ${name}${expectedCode ? `, which fails with ${expectedCode}` : ''}`, async () => {
      const operation = getOperationAST(parse(block));
      if (operation?.operation === 'subscription') return runSubscription(block);
      if (/@(defer|stream)\b/.test(block)) return runIncremental(JSON.stringify({ query: block }));
      const result = await lede.execute(block);
      if (expectedCode) {
        expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(expectedCode);
        return;
      }
      expect(result.errors, JSON.stringify(result.errors)).toBe(undefined);
      const [root] = Object.values(result.data ?? {}) as { edges?: unknown[] }[];
      expect(Array.isArray(root?.edges), `${name} returns a connection`).toBeTruthy();
      // The sample content has articles, but nothing deleted yet.
      if (name !== 'SyncRemovals')
        expect(root?.edges?.length, `${name} returns items from the sample content`).toBeTruthy();
    });
  }

  async function runIncremental(body: string) {
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
      body,
    });
    expect(response.headers.get('content-type') ?? '').toMatch(/^multipart\/mixed/);
    const parts = (await response.text())
      .split(/\r\n---/)
      .map((chunk) => chunk.slice(chunk.indexOf('\r\n\r\n') + 4).trim())
      .filter((body) => body.startsWith('{'))
      .map((body) => JSON.parse(body) as GraphQLResponse & { hasNext?: boolean; incremental?: unknown[] });
    expect(parts.length >= 2, 'the deferred part comes separately').toBeTruthy();
    for (const part of parts) expect(part.errors, JSON.stringify(part.errors)).toBe(undefined);
    expect(
      Object.values(parts[0]?.data ?? {}).every(Boolean),
      'the first part has the data that was not deferred',
    ).toBeTruthy();
    expect(parts.slice(1).every((part) => part.incremental?.length)).toBeTruthy();
    expect(parts.at(-1)?.hasNext).toBe(false);
  }

  async function runSubscription(block: string) {
    // The example's section ID is World's in the sample content.
    const sectionId = /section: "([^"]+)"/.exec(block)?.[1];
    expect(sectionId).toBe((await lede.data('{ section(slug: "world") { id } }')).section.id);
    const abort = new AbortController();
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: block }),
      signal: abort.signal,
    });
    expect(response.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/);
    try {
      const newsroom = await Newsroom.open(lede);
      const americas = (await lede.data('{ section(slug: "americas") { id } }')).section.id;
      await newsroom.article({ headline: 'Heard live', section: americas });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes('\n\n') || !text.includes('event: next')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      const data = JSON.parse(/^data: (.*)$/m.exec(text.slice(text.indexOf('event: next')))?.[1] ?? 'null');
      expect(data.data.articleChanged.change).toBe('PUBLISHED');
      expect(data.data.articleChanged.article.headline).toBe('Heard live');
    } finally {
      abort.abort();
    }
  }

  it('answers the authentication curl example: a key shows drafts', async () => {
    expect(section).toMatch(/-H "authorization: Bearer \$LEDE_API_KEY"/);
    const query = /-d '(\{"query":"\{ articles\(first: 3\)[^']*)'/.exec(section)?.[1];
    expect(query, 'the curl example is in docs/api.md').toBeTruthy();
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await lede.apiKey('READER')}` },
      body: query,
    });
    const result = (await response.json()) as GraphQLResponse<{ articles: { edges: unknown[] } }>;
    expect(result.errors).toBe(undefined);
    expect(result.data?.articles.edges.length).toBe(3);
  });

  it('answers the @defer curl example in parts', async () => {
    const body = /-H 'accept: multipart\/mixed' \\\n\s+-d '([^']*)'/.exec(section)?.[1];
    expectTruthy(body, 'the curl example is in docs/api.md');
    await runIncremental(body);
  });

  it('answers the persisted-operation curl examples, on an allow-list gateway', async () => {
    expect(section.includes(frontPageHash), "the docs' hash is the mobile client's front page").toBeTruthy();
    const url = new URL('http://lede.test/graphql');
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: frontPageHash } }));
    url.searchParams.set('variables', '{"first":3}');
    const viaGet = (await (await allowList.yoga.fetch(url)).json()) as GraphQLResponse;
    expect(viaGet.errors).toBe(undefined);
    const viaPost = (await (
      await allowList.yoga.fetch('http://lede.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ documentId: frontPageHash, variables: { first: 3 } }),
      })
    ).json()) as GraphQLResponse;
    expect(viaPost).toStrictEqual(viaGet);
  });

  it('lists every error code Lede itself emits', () => {
    const emitted = new Set<string>();
    const sources = [
      'src/context.ts',
      'src/api-keys/request-identity.ts',
      'src/http/use-upload-gate.ts',
      'src/builder.ts',
      'src/schema/global-id.ts',
      'src/guards/limit-error.ts',
      'src/guards/request-timeout.ts',
      'src/guards/use-rate-limit.ts',
      'src/http/use-get-params-check.ts',
      'src/guards/use-persisted-operations.ts',
      'src/guards/use-query-limits.ts',
      'src/guards/use-query-cost.ts',
      'src/guards/use-subscription-limits.ts',
    ];
    for (const path of sources) {
      for (const match of readFileSync(path, 'utf8').matchAll(/'([A-Z][A-Z_]{4,})'/g)) {
        if (/^(QUERY_|PERSISTED_|BAD_|UNAUTH|FORBIDDEN|RATE_|REQUEST_|TOO_MANY_)/.test(match[1] as string)) {
          emitted.add(match[1] as string);
        }
      }
    }
    expect(emitted.size >= 10, [...emitted].join(' ')).toBeTruthy();
    for (const code of emitted) expect(section.includes(`\`${code}\``), `docs/api.md explains ${code}`).toBeTruthy();
  });
});
