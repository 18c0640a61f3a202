import { parsePrismaCursor } from '@pothos/plugin-prisma';

/** Every connection pages on an integer primary key, so a valid cursor decodes to one. */
export function isWellFormedCursor(cursor: string): boolean {
  try {
    return Number.isSafeInteger(parsePrismaCursor(cursor));
  } catch {
    return false;
  }
}
