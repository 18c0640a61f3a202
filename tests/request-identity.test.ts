import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrismaClient } from '../generated/prisma/client.ts';
import {
  LOCAL_TOOLS,
  type RequestIdentity,
  requestIdentity,
  useRequestIdentity,
} from '../src/api-keys/request-identity.ts';
import { databaseKind } from './support/database.ts';
import { rejectionOf } from './support/expect.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from './support/gateway.ts';
import { multipartUploadHead } from './support/images.ts';

const MANIFEST = 'examples/mobile-client/src/gql/persisted-documents.json';
const TYPENAME = '{ __typename }';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

describe('the Authorization header', () => {
  it('is read in src/api-keys/request-identity.ts only', () => {
    const readers = sourceFiles('src').filter((file) =>
      /\.(get|has)\(\s*['"`]authorization['"`]\s*\)/i.test(readFileSync(file, 'utf8')),
    );
    expect(readers).toStrictEqual(['src/api-keys/request-identity.ts']);
  });

  it('is parsed into a key in src/api-keys/request-identity.ts only', () => {
    const parsers = sourceFiles('src').filter((file) => /\bbearerKey\(/.test(readFileSync(file, 'utf8')));
    expect(parsers.sort()).toStrictEqual(['src/api-keys/keys.ts', 'src/api-keys/request-identity.ts']);
  });
});

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A Prisma stand-in that knows one key per role and counts its lookups. */
function keyStore() {
  const keys = new Map([
    [hashSecret('lede_editor'), { id: 7, name: 'desk', role: 'EDITOR', revokedAt: null }],
    [hashSecret('lede_revoked'), { id: 8, name: 'old', role: 'ADMIN', revokedAt: new Date() }],
  ]);
  const findUnique = vi.fn(async ({ where }: { where: { secretHash: string } }) => keys.get(where.secretHash) ?? null);
  return { prisma: { apiKey: { findUnique } } as unknown as PrismaClient, findUnique };
}

/** The identity a gateway works out for a request with these headers. */
async function identityOf(prisma: PrismaClient, headers: Record<string, string>, localToken?: string) {
  let identity: RequestIdentity | undefined;
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
    plugins: [
      useRequestIdentity({ prisma, localToken }),
      {
        onRequest({ request, endResponse }) {
          identity = requestIdentity(request);
          endResponse(new Response('seen'));
        },
      },
    ],
  });
  await yoga.fetch('http://lede.test/graphql', { headers });
  if (!identity) throw new Error('the request was not seen');
  return identity;
}

describe('a request identity', () => {
  it('is anonymous without a header, and looks nothing up', async () => {
    const { prisma, findUnique } = keyStore();
    const identity = await identityOf(prisma, {});
    expect(identity.kind).toBe('anonymous');
    expect(identity.credentialHash).toBe(undefined);
    expect(await identity.viewer()).toBe(null);
    expect(findUnique).not.toHaveBeenCalled();
  });

  it("is a key whose holder is looked up once, however many ask, with the key's id and role", async () => {
    const { prisma, findUnique } = keyStore();
    const identity = await identityOf(prisma, { authorization: 'Bearer lede_editor' });
    expect(identity.kind).toBe('key');
    const viewers = await Promise.all([identity.viewer(), identity.viewer(), identity.viewer()]);
    expect(viewers).toStrictEqual([1, 2, 3].map(() => ({ keyId: 7, name: 'desk', role: 'EDITOR' })));
    expect(findUnique).toHaveBeenCalledTimes(1);
  });

  it('has one credential hash for every spelling of one key, and another for a malformed header', async () => {
    const { prisma } = keyStore();
    const spellings = ['Bearer lede_editor', 'bearer   lede_editor ', 'BEARER lede_editor'];
    const hashes = await Promise.all(
      spellings.map(async (authorization) => (await identityOf(prisma, { authorization })).credentialHash),
    );
    expect(new Set(hashes)).toStrictEqual(new Set([hashSecret('lede_editor')]));
    expect((await identityOf(prisma, { authorization: 'Basic abc' })).credentialHash).toBe(hashSecret('Basic abc'));
  });

  it('refuses a malformed, unknown or revoked key with UNAUTHENTICATED (401)', async () => {
    const { prisma } = keyStore();
    for (const [authorization, message] of [
      ['Basic abc', 'The Authorization header must be "Bearer <API key>".'],
      ['Bearer lede_unknown', 'The API key is not valid or has been revoked.'],
      ['Bearer lede_revoked', 'The API key is not valid or has been revoked.'],
    ] as const) {
      const identity = await identityOf(prisma, { authorization });
      expect(identity.kind).toBe('key');
      const error = await rejectionOf(identity.viewer());
      expect(error).toBeInstanceOf(GraphQLError);
      expect(error.message).toBe(message);
      expect((error as GraphQLError).extensions).toStrictEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    }
  });

  it('is the local tools for the local token, without a lookup, and a key for any other token', async () => {
    const { prisma, findUnique } = keyStore();
    const local = await identityOf(prisma, { authorization: 'Bearer local-secret' }, 'local-secret');
    expect(local.kind).toBe('local-tools');
    expect(await local.viewer()).toBe(LOCAL_TOOLS);
    expect(findUnique).not.toHaveBeenCalled();
    const other = await identityOf(prisma, { authorization: 'Bearer lede_editor' }, 'local-secret');
    expect(other.kind).toBe('key');
    expect((await other.viewer())?.role).toBe('EDITOR');
  });

  it('treats an empty header as naming nobody, though it is there', async () => {
    const { prisma, findUnique } = keyStore();
    const identity = await identityOf(prisma, { authorization: '' });
    expect(identity.kind).toBe('key');
    expect(identity.credentialHash).toBe(undefined);
    expect(await identity.viewer()).toBe(null);
    expect(findUnique).not.toHaveBeenCalled();
  });

  it('says whether the header is exactly a bearer token', async () => {
    const { prisma } = keyStore();
    const identity = await identityOf(prisma, { authorization: 'Bearer metrics-token-0123456789' });
    expect(identity.presents('metrics-token-0123456789')).toBe(true);
    expect(identity.presents('metrics-token')).toBe(false);
    expect((await identityOf(prisma, {})).presents('metrics-token-0123456789')).toBe(false);
  });

  it('is an error to ask for before useRequestIdentity has seen the request', () => {
    expect(() => requestIdentity(new Request('http://lede.test/graphql'))).toThrow(/useRequestIdentity/);
  });
});

function post(lede: TestGateway, body: object, headers: Record<string, string> = {}) {
  return lede.yoga.fetch(
    'http://lede.test/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify(body),
    },
    { req: { socket: { remoteAddress: '203.0.113.9' } } },
  );
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const codeOf = async (response: Response) =>
  ((await response.json()) as GraphQLResponse).errors?.map((error) => error.extensions?.code);

describe(`the identity's readers, in persisted-only mode with rate limits (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let reader: string;
  beforeAll(async () => {
    lede = await startTestGateway({
      loadSampleContent: false,
      persisted: { operations: [MANIFEST], only: true },
      rateLimit: { anonymous: 50, keyed: 70, invalidKeys: 20, windowSeconds: 60, trustProxy: false },
    });
    editor = await lede.apiKey('EDITOR');
    reader = await lede.apiKey('READER');
  });
  afterAll(() => lede?.close());

  it('looks a key up once per request, though the rate limit, the allow-list and the context all ask', async () => {
    const lookups = vi.spyOn(lede.database.prisma.apiKey, 'findUnique');
    try {
      for (const key of [editor, editor, reader]) {
        lookups.mockClear();
        await post(lede, { query: TYPENAME }, bearer(key));
        expect(lookups).toHaveBeenCalledTimes(1);
      }
    } finally {
      lookups.mockRestore();
    }
  });

  it('runs text for an editor, refuses it to readers and anonymous clients, and refuses a bad key', async () => {
    const editorResponse = await post(lede, { query: TYPENAME }, bearer(editor));
    expect(editorResponse.status).toBe(200);
    expect(((await editorResponse.json()) as GraphQLResponse).data).toStrictEqual({ __typename: 'Query' });
    for (const headers of [bearer(reader), {}]) {
      const response = await post(lede, { query: TYPENAME }, headers);
      expect(response.status).toBe(403);
      expect(await codeOf(response)).toStrictEqual(['PERSISTED_QUERY_ONLY']);
    }
    const badKey = await post(lede, { query: TYPENAME }, bearer('lede_not-a-key'));
    expect(badKey.status).toBe(401);
    expect(badKey.headers.get('www-authenticate')).toBe('Bearer');
    expect(await codeOf(badKey)).toStrictEqual(['UNAUTHENTICATED']);
  });

  it("spends a key's budget for keyed requests and the address's for anonymous ones", async () => {
    expect((await post(lede, { query: TYPENAME }, bearer(editor))).headers.get('ratelimit-limit')).toBe('70');
    expect((await post(lede, { query: TYPENAME })).headers.get('ratelimit-limit')).toBe('50');
  });

  it("logs the caller's role, and `unverified` for a key refused before execution", async () => {
    const roles = async (headers: Record<string, string>) => {
      lede.logs.length = 0;
      await post(lede, { query: TYPENAME }, headers);
      return lede.logs.filter((line) => line.msg === 'graphql request').map((line) => line.role);
    };
    expect(await roles(bearer(editor))).toStrictEqual(['editor']);
    expect(await roles(bearer(reader))).toStrictEqual(['unverified']);
    expect(await roles({})).toStrictEqual(['anonymous']);
  });
});

describe(`the identity's readers, with the response cache and a metrics token (${databaseKind})`, () => {
  const METRICS_TOKEN = 'metrics-token-0123456789';
  let lede: TestGateway;
  let editor: string;
  let reader: string;
  beforeAll(async () => {
    lede = await startTestGateway({
      loadSampleContent: false,
      responseCache: { ttlMs: 60_000, maxEntries: 100 },
      operations: { metricsToken: METRICS_TOKEN },
    });
    editor = await lede.apiKey('EDITOR');
    reader = await lede.apiKey('READER');
  });
  afterAll(() => lede?.close());

  const COUNT = '{ articles(first: 1) { totalCount } }';
  const get = (query: string, headers: Record<string, string> = {}) =>
    lede.yoga.fetch(`http://lede.test/graphql?query=${encodeURIComponent(query)}`, {
      headers: { accept: 'application/graphql-response+json', ...headers },
    });

  it('answers a repeated anonymous query from the cache, and every keyed one afresh', async () => {
    await lede.execute(COUNT);
    expect((await lede.execute(COUNT)).errors).toBe(undefined);
    expect(lede.statements).toStrictEqual([]);
    for (let round = 0; round < 2; round++) {
      await lede.execute(COUNT, undefined, { apiKey: reader });
      expect(lede.statements.some((sql) => /"Article"/.test(sql))).toBe(true);
    }
  });

  it('lets shared caches keep anonymous GETs only', async () => {
    expect((await get(COUNT)).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await get(COUNT, bearer(reader))).headers.get('cache-control')).toBe('no-store');
    const badKey = await get(COUNT, bearer('lede_not-a-key'));
    expect(badKey.status).toBe(401);
    expect(badKey.headers.get('cache-control')).toBe('no-store');
    expect(await codeOf(badKey)).toStrictEqual(['UNAUTHENTICATED']);
  });

  it('logs a refused key as `unverified` when the context refuses it', async () => {
    lede.logs.length = 0;
    await get(COUNT, bearer('lede_not-a-key'));
    expect(lede.logs.filter((line) => line.msg === 'graphql request').map((line) => line.role)).toStrictEqual([
      'unverified',
    ]);
  });

  it('serves /metrics for its token only', async () => {
    const metrics = (headers: Record<string, string>) =>
      Promise.resolve(lede.yoga.fetch('http://lede.test/metrics', { headers })).then((response) => response.status);
    expect(await metrics(bearer(METRICS_TOKEN))).toBe(200);
    expect(await metrics(bearer(editor))).toBe(401);
    expect(await metrics({})).toBe(401);
  });

  it("decides uploads from the caller's identity: 401 without a key or with a bad one, 403 below editor", async () => {
    const upload = async (headers: Record<string, string>) => {
      const response = await lede.yoga.fetch('http://lede.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'multipart/form-data; boundary=lede-identity',
          'x-graphql-yoga-csrf': '1',
          ...headers,
        },
        body: multipartUploadHead('lede-identity'),
      });
      return [response.status, await codeOf(response)];
    };
    expect(await upload({})).toStrictEqual([401, ['UNAUTHENTICATED']]);
    expect(await upload(bearer('lede_not-a-key'))).toStrictEqual([401, ['UNAUTHENTICATED']]);
    expect(await upload(bearer(reader))).toStrictEqual([403, ['FORBIDDEN']]);
  });
});
