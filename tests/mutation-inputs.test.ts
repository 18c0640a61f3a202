import { getNamedType, isInputObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { testPhoto } from './support/images.ts';

// Every mutation takes one `input:` of its own type (issue "client contract", item 3); the four
// that took loose arguments still accept them, deprecated, for clients written before.
describe('mutation inputs in the schema', () => {
  const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

  it('gives every mutation an `input` argument of a type no other mutation uses', () => {
    const owners = new Map<string, string[]>();
    for (const mutation of mutations) {
      const input = mutation.args.find((arg) => arg.name === 'input');
      expect(input, `${mutation.name} takes input`).toBeDefined();
      const type = getNamedType(input?.type);
      expect(isInputObjectType(type), `${mutation.name}'s input is an input object`).toBe(true);
      owners.set(type?.name ?? '', [...(owners.get(type?.name ?? '') ?? []), mutation.name]);
    }
    const shared = [...owners].filter(([, users]) => users.length > 1);
    expect(shared).toStrictEqual([]);
  });

  it('marks every other argument of a mutation deprecated, naming input', () => {
    for (const mutation of mutations) {
      for (const arg of mutation.args.filter((candidate) => candidate.name !== 'input')) {
        expect(arg.deprecationReason, `${mutation.name}(${arg.name})`).toBe('Use `input` instead.');
      }
    }
  });
});

describe(`mutations with input and with their deprecated arguments (${databaseKind})`, () => {
  let lede: TestGateway;
  let admin: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    admin = await lede.apiKey('ADMIN');
  });

  it('creates and revokes an API key through input, and still through the old arguments', async () => {
    const created = await lede.data(
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id name role } } }',
      { input: { name: ' desk tablet ', role: 'READER' } },
      { apiKey: admin },
    );
    expect(created.createApiKey.apiKey).toMatchObject({ name: 'desk tablet', role: 'READER' });
    const revoked = await lede.data(
      'mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }',
      { input: { id: created.createApiKey.apiKey.id } },
      { apiKey: admin },
    );
    expect(revoked.revokeApiKey.__typename).toBe('RevokeApiKeySuccess');
    const old = await lede.data(
      'mutation { createApiKey(name: "old client", role: EDITOR) { apiKey { name role } } }',
      {},
      { apiKey: admin },
    );
    expect(old.createApiKey.apiKey).toStrictEqual({ name: 'old client', role: 'EDITOR' });
  });

  it('refuses both forms at once, and neither, with BAD_USER_INPUT and nothing written', async () => {
    const before = await lede.database.prisma.apiKey.count();
    const both = await lede.execute(
      'mutation { createApiKey(input: { name: "a", role: READER }, name: "b", role: READER) { secret } }',
      {},
      { apiKey: admin },
    );
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const neither = await lede.execute('mutation { revokeApiKey { __typename } }', {}, { apiKey: admin });
    expect(neither.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(neither.errors?.[0]?.message).toMatch('pass `input`');
    const half = await lede.execute('mutation { createApiKey(role: READER) { secret } }', {}, { apiKey: admin });
    expect(half.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await lede.database.prisma.apiKey.count()).toBe(before);
  });

  it('imports through input, and through the old arguments', async () => {
    const content = 'Published Date: 01.04.2026 09:00 / Local\n\nTram Depot Opens\n\nThe new tram depot opened.\n';
    const viaInput = await lede.data(
      'mutation ($input: ImportArticlesInput!) { importArticles(input: $input) { outcome } }',
      { input: { files: [{ name: 'depot.txt', content }], dryRun: true } },
      { apiKey: admin },
    );
    expect(viaInput.importArticles).toStrictEqual([{ outcome: 'CREATED' }]);
    const viaArguments = await lede.data(
      'mutation ($files: [ImportFileInput!]!) { importArticles(files: $files, dryRun: true) { outcome } }',
      { files: [{ name: 'depot.txt', content }] },
      { apiKey: admin },
    );
    expect(viaArguments.importArticles).toStrictEqual([{ outcome: 'CREATED' }]);
  });

  it('uploads an image through the old loose arguments too', async () => {
    const form = new FormData();
    form.set(
      'operations',
      JSON.stringify({
        query:
          'mutation ($file: File!) { uploadImage(file: $file, alt: "Harbour") { __typename ... on UploadImageSuccess { image { alt } } } }',
        variables: { file: null },
      }),
    );
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new Blob([new Uint8Array(await testPhoto(400, 300))], { type: 'image/jpeg' }), 'harbour.jpg');
    const response = await lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${admin}` },
      body: form,
    });
    const body = (await response.json()) as { data: { uploadImage: { __typename: string; image: { alt: string } } } };
    expect(body.data.uploadImage).toStrictEqual({ __typename: 'UploadImageSuccess', image: { alt: 'Harbour' } });
  });
});
