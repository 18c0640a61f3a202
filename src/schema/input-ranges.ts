/**
 * What the database can store, so that an argument out of range is refused as the client's error
 * instead of failing in SQL: ids are PostgreSQL `integer`s, instants `timestamp(3)`s, and text
 * never holds a NUL character.
 */

/** Ids are PostgreSQL `integer`s (serial): 1 to 2^31 − 1. */
export const MAX_DATABASE_ID = 2 ** 31 - 1;

export function isDatabaseId(id: unknown): id is number {
  return Number.isSafeInteger(id) && (id as number) >= 1 && (id as number) <= MAX_DATABASE_ID;
}

/**
 * Instants from year 1 to 9999: the four-digit years of ISO 8601 and RFC 3339. JavaScript dates
 * reach years −271821 and 275760, and PostgreSQL and the drivers do not agree on years around 0.
 */
const EARLIEST_INSTANT = new Date('0001-01-01T00:00:00.000Z').getTime();
const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z').getTime();

export const INSTANT_RANGE = 'between 0001-01-01 and 9999-12-31';

export function isStorableInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= EARLIEST_INSTANT && time <= LATEST_INSTANT;
}

/** PostgreSQL's text types cannot hold U+0000. */
export function containsNul(text: string): boolean {
  return text.includes('\u0000');
}
