/** SQLSTATE query_canceled: what PostgreSQL answers when `statement_timeout` stops a statement. */
const QUERY_CANCELED = '57014';

type AdapterCause = { code?: unknown; originalCode?: unknown };

/**
 * Whether Prisma's error is a statement stopped by `statement_timeout`. The driver adapter's error
 * arrives as it is (ORM queries), or inside a Prisma error's `meta` (raw queries, P2010).
 */
export function isStatementTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const adapterError =
    (error as { name?: unknown }).name === 'DriverAdapterError'
      ? error
      : (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  const cause = (adapterError as { cause?: AdapterCause } | undefined)?.cause;
  return cause?.code === QUERY_CANCELED || cause?.originalCode === QUERY_CANCELED;
}
