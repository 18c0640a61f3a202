import { expect } from 'vitest';

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
