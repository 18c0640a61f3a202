import type { Config } from './config.ts';
import { isEmpty, loadSampleContent } from './content/sample-content.ts';
import { type Database, openDatabase } from './db/client.ts';
import { newLocalToken, runningGateway } from './db/gateway-lock.ts';
import { createRateLimiter, type RateLimiter } from './plugins/use-rate-limit.ts';
import { createLedeYoga, type LedeYoga } from './yoga.ts';

export type Gateway = {
  yoga: LedeYoga;
  database: Database;
  sampleArticlesLoaded: number;
  /** Set on the embedded database: the secret local tools use to write through this gateway. */
  localToken?: string;
  /** Set when rate limiting is on; close it on shutdown (it may hold a Redis connection). */
  rateLimiter?: RateLimiter;
};

export class StartupError extends Error {}

/** Opens and migrates the database, loads the sample content into an empty one, and builds the server. */
export async function startGateway(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'loadSampleContent' | 'production' | 'rateLimit'>,
  options: { onQuery?: (sql: string) => void; logError?: (error: unknown) => void } = {},
): Promise<Gateway> {
  const embeddedFolder = !config.databaseUrl && !config.dataDir.startsWith('memory://') ? config.dataDir : undefined;
  if (embeddedFolder) {
    const other = await runningGateway(embeddedFolder);
    if (other) {
      throw new StartupError(
        `another Lede (process ${other.pid}) is serving ${embeddedFolder} at ${other.url}; stop it first or set LEDE_DATA_DIR to another folder`,
      );
    }
  }
  let database: Database;
  try {
    database = await openDatabase({ ...config, onQuery: options.onQuery });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const where = config.databaseUrl
      ? 'the PostgreSQL database at DATABASE_URL'
      : `the embedded database in ${config.dataDir}`;
    throw new StartupError(`cannot open ${where}: ${reason}`);
  }
  let sampleArticlesLoaded = 0;
  if (config.loadSampleContent && (await isEmpty(database.prisma))) {
    sampleArticlesLoaded = await loadSampleContent(database.prisma);
  }
  const localToken = embeddedFolder ? newLocalToken() : undefined;
  const rateLimiter = config.rateLimit ? createRateLimiter(config.rateLimit) : undefined;
  await rateLimiter?.ready;
  const yoga = createLedeYoga({
    prisma: database.prisma,
    production: config.production,
    localToken,
    logError: options.logError,
    rateLimiter,
  });
  return { yoga, database, sampleArticlesLoaded, localToken, rateLimiter };
}
