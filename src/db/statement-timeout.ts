/** SQLSTATE query_canceled: what PostgreSQL answers when `statement_timeout` stops a statement. */
const QUERY_CANCELED = '57014';

type WithCode = { code?: unknown; originalCode?: unknown };

/**
 * Whether an error is a statement stopped by `statement_timeout`. It arrives as the `pg` driver's
 * own error (statements Lede sends itself), as Prisma's driver adapter error (ORM queries), or
 * inside a Prisma error's `meta` (raw queries, P2010).
 */
export function isStatementTimeout(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const adapterError =
    (error as { name?: unknown }).name === 'DriverAdapterError'
      ? error
      : (error as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError;
  const cause = (adapterError as { cause?: WithCode } | undefined)?.cause;
  return [(error as WithCode).code, cause?.code, cause?.originalCode].includes(QUERY_CANCELED);
}
