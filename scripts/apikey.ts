// Manages API keys: npm run apikey -- create --role reader|editor|admin --name "…"
//                   npm run apikey -- list
//                   npm run apikey -- revoke <id>
// Talks to the running gateway when one serves the embedded database, else to the database.
import { parseArgs } from 'node:util';
import { createApiKey, revokeApiKey } from '../src/api-keys/keys.ts';
import { ConfigError, parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runningGateway } from '../src/db/gateway-lock.ts';

const usage = `Usage: npm run apikey -- create --role reader|editor|admin --name "<who it is for>"
       npm run apikey -- list
       npm run apikey -- revoke <id>`;

type KeyRow = {
  id: number | string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string | Date;
  revokedAt: string | Date | null;
};

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, argument] = positionals;
  const config = parseConfig();
  const gateway = config.databaseUrl ? null : await runningGateway(config.dataDir);

  const graphql = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(gateway?.url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway?.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (!body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
    return body.data;
  };
  const withDatabase = async <T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const database = await openDatabase(config);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };

  switch (command) {
    case 'create': {
      const role = values.role?.toUpperCase();
      if (role !== 'READER' && role !== 'EDITOR' && role !== 'ADMIN')
        throw new UsageError('--role must be reader, editor or admin');
      const name = values.name?.trim();
      if (!name) throw new UsageError('--name is required');
      const secret = gateway
        ? (
            await graphql<{ createApiKey: { secret: string } }>(
              'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }',
              { input: { name, role } },
            )
          ).createApiKey.secret
        : await withDatabase(async (db) => (await createApiKey(db, { name, role })).secret);
      console.log(
        `Created ${role === 'READER' ? 'a' : 'an'} ${role.toLowerCase()} key for "${name}". It is shown only this once:\n\n  ${secret}\n`,
      );
      console.log('Send it as the header  Authorization: Bearer <key>');
      return 0;
    }
    case 'list': {
      const keys: KeyRow[] = gateway
        ? (await graphql<{ apiKeys: KeyRow[] }>('{ apiKeys { id name role prefix createdAt revokedAt } }', {})).apiKeys
        : await withDatabase((db) => db.prisma.apiKey.findMany({ orderBy: { id: 'desc' } }));
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${new Date(key.revokedAt).toISOString()}` : 'active';
        console.log(`${key.id}\t${key.role.toLowerCase()}\t${key.prefix}…\t${state}\t${key.name}`);
      }
      if (keys.length === 0) console.log('No API keys yet.');
      return 0;
    }
    case 'revoke': {
      const id = Number(argument);
      if (!Number.isSafeInteger(id)) throw new UsageError('revoke needs the key number shown by `list`');
      const revoked = gateway
        ? (
            await graphql<{ revokeApiKey: { __typename: string } }>(
              'mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }',
              { input: { id: String(id) } },
            )
          ).revokeApiKey.__typename === 'RevokeApiKeySuccess'
        : await withDatabase((db) => revokeApiKey(db, id));
      console.log(revoked ? `Revoked key ${id}.` : `No active key ${id}.`);
      return revoked ? 0 : 1;
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  }
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`${error.message}\n${usage}`);
      process.exit(2);
    }
    console.error('apikey failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
