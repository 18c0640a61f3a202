import { expect, vi } from 'vitest';
import type { PrismaClient } from '../../generated/prisma/client.ts';

/**
 * `expect(value, message).toBeTruthy()` that also narrows, as an `if (value)` would, for the lines
 * after it: a test checks that a row or field exists and then reads it.
 */
export function expectTruthy(value: unknown, message?: string): asserts value {
  expect(value, message).toBeTruthy();
}

/** The error `run` throws; the test fails if it returns normally. */
export function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  return expect.unreachable('expected the call to throw');
}

/** The error `promise` rejects with; the test fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  return expect.unreachable('expected the promise to reject');
}

/**
 * Sends a request while the API-key lookup fails as a database outage would, and checks that the
 * client gets the masked "Unexpected error" with none of the driver's text.
 */
export async function expectKeyLookupFailureMasked(prisma: PrismaClient, send: () => Promise<Response>): Promise<void> {
  const lookup = vi
    .spyOn(prisma.apiKey, 'findUnique')
    .mockRejectedValue(new Error('connect ECONNREFUSED db.internal:5432'));
  try {
    const text = await (await send()).text();
    expect(text).not.toMatch(/ECONNREFUSED|db\.internal/);
    expect(JSON.parse(text).errors[0].message).toMatch(/Unexpected error/);
  } finally {
    lookup.mockRestore();
  }
}
