import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const CREATE = `mutation ($name: String!, $role: ApiKeyRole!) {
  createApiKey(name: $name, role: $role) { secret apiKey { id name role prefix revokedAt } }
}`;
const REVOKE = `mutation ($id: ID!) {
  revokeApiKey(id: $id) {
    __typename
    ... on RevokeApiKeySuccess { apiKey { id revokedAt } }
    ... on NotFoundError { field message }
  }
}`;
const LIST = '{ apiKeys { id name role revokedAt } }';
const ARTICLES = '{ articles(first: 1) { totalCount } }';

type Created = { secret: string; apiKey: { id: string; name: string; role: string; prefix: string; revokedAt: null } };

describe(`API keys through the API (${databaseKind})`, () => {
  let lede: TestGateway;
  let admin: string;
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    admin = await lede.apiKey('ADMIN');
  });
  afterAll(() => lede?.close());

  it('an admin creates a key that works at once, sees it listed, and revokes it', async () => {
    const { createApiKey } = await lede.data<{ createApiKey: Created }>(
      CREATE,
      { name: '  Politics desk  ', role: 'READER' },
      { apiKey: admin },
    );
    expect(createApiKey.apiKey).toMatchObject({ name: 'Politics desk', role: 'READER', revokedAt: null });
    expect(createApiKey.secret.startsWith(createApiKey.apiKey.prefix), 'the prefix is the start of the secret').toBe(
      true,
    );

    const asReader = await lede.execute(ARTICLES, {}, { apiKey: createApiKey.secret });
    expect(asReader.errors).toBe(undefined);

    const { apiKeys } = await lede.data<{ apiKeys: { id: string; name: string }[] }>(LIST, {}, { apiKey: admin });
    expect(apiKeys.map((key) => key.name)).toContain('Politics desk');
    expect(
      apiKeys.map((key) => Number(key.id)),
      'newest first',
    ).toStrictEqual(apiKeys.map((key) => Number(key.id)).sort((a, b) => b - a));

    const { revokeApiKey } = await lede.data(REVOKE, { id: createApiKey.apiKey.id }, { apiKey: admin });
    expect(revokeApiKey.__typename).toBe('RevokeApiKeySuccess');
    expect(revokeApiKey.apiKey.revokedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const refused = await lede.gatewayResponse(ARTICLES, {}, createApiKey.secret);
    expect(refused.status, 'a revoked key is refused').toBe(401);
    await refused.text();
  });

  it('answers NotFoundError for a key that does not exist or is already revoked', async () => {
    const { createApiKey } = await lede.data<{ createApiKey: Created }>(
      CREATE,
      { name: 'Short-lived', role: 'EDITOR' },
      { apiKey: admin },
    );
    const first = await lede.data(REVOKE, { id: createApiKey.apiKey.id }, { apiKey: admin });
    expect(first.revokeApiKey.__typename).toBe('RevokeApiKeySuccess');
    for (const id of [createApiKey.apiKey.id, '999999', 'not-a-number']) {
      const { revokeApiKey } = await lede.data(REVOKE, { id }, { apiKey: admin });
      expect(revokeApiKey, id).toMatchObject({ __typename: 'NotFoundError', field: 'id' });
    }
  });

  it('refuses an empty name with a validation error and creates nothing', async () => {
    const before = await lede.database.prisma.apiKey.count();
    const result = await lede.execute(CREATE, { name: '   ', role: 'READER' }, { apiKey: admin });
    expect(result.data ?? null).toBe(null);
    expect(result.errors?.[0]?.message).toMatch(/name/);
    expect(await lede.database.prisma.apiKey.count()).toBe(before);
  });

  it('lets only admins list, create and revoke keys', async () => {
    const target = await lede.apiKey('READER');
    const before = await lede.database.prisma.apiKey.count();
    for (const role of ['READER', 'EDITOR'] as const) {
      const key = await lede.apiKey(role);
      for (const [query, variables] of [
        [LIST, {}],
        [CREATE, { name: 'Escalation', role: 'ADMIN' }],
        [REVOKE, { id: '1' }],
      ] as const) {
        const result = await lede.execute(query, variables, { apiKey: key });
        expect(result.errors?.[0]?.extensions?.code, `${role}: ${query}`).toBe('FORBIDDEN');
      }
    }
    const anonymous = await lede.execute(CREATE, { name: 'Escalation', role: 'ADMIN' });
    expect(anonymous.errors?.[0]?.extensions?.code, 'no key at all').toBe('UNAUTHENTICATED');
    expect(await lede.database.prisma.apiKey.count(), 'only the two test keys were added').toBe(before + 2);
    const stillWorks = await lede.execute(ARTICLES, {}, { apiKey: target });
    expect(stillWorks.errors).toBe(undefined);
  });
});
