import { PrismaClient } from '../../generated/prisma/client.ts';
import { type DatabaseTarget, openDatabaseDriver } from './adapter.ts';
import { applyMigrations } from './migrate.ts';

export type Database = {
  prisma: PrismaClient;
  description: string;
  close: () => Promise<void>;
};

export type OpenDatabaseOptions = DatabaseTarget & {
  /** Called with the text of every SQL statement Prisma sends. */
  onQuery?: (sql: string) => void;
};

/** Opens the configured database, brings its schema up to date and returns a Prisma client. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const driver = await openDatabaseDriver(options);
  try {
    await applyMigrations(driver.adapter);
    const prisma = new PrismaClient({
      adapter: await driver.queryAdapter(),
      log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
    });
    if (options.onQuery) {
      const onQuery = options.onQuery;
      prisma.$on('query' as never, (event: { query: string }) => onQuery(event.query));
    }
    let closing: Promise<void> | undefined;
    return {
      prisma,
      description: driver.description,
      close: () => {
        closing ??= prisma.$disconnect().then(() => driver.close());
        return closing;
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
