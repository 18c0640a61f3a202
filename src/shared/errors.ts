// Errors a client is expected to handle; the schema returns them as typed results of mutations.

/**
 * What is wrong with an input field, for a client to switch on (the message is for people).
 * The schema's FieldProblemCode enum lists these with their meaning.
 */
export const PROBLEM_CODES = [
  'REQUIRED',
  'TOO_LONG',
  'TOO_MANY',
  'TOO_LARGE',
  'INVALID_FORMAT',
  'OUT_OF_RANGE',
  'ALREADY_USED',
  'CYCLE',
  'IN_USE',
  'UNSUPPORTED_FILE',
  'TRY_AGAIN',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type FieldProblem = { field: string; code: ProblemCode; message: string };

/** Input that cannot be saved, with one message per offending field. */
export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'ValidationError';
  }

  static of(field: string, code: ProblemCode, message: string): ValidationError {
    return new ValidationError([{ field, code, message }]);
  }
}

/** The object changed since the client read it; nothing was written. */
export class ConflictError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
    readonly changedFields: string[],
  ) {
    super(
      `This was changed by someone else (now version ${currentVersion}, you edited version ${expectedVersion})` +
        (changedFields.length ? `; changed since: ${changedFields.join(', ')}` : '') +
        '. Reload it and apply your change again.',
    );
    this.name = 'ConflictError';
  }
}

/** The object to change does not exist (or is not visible to the caller). */
export class NotFoundError extends Error {
  constructor(
    readonly field: string,
    what: string,
  ) {
    super(`${what} was not found.`);
    this.name = 'NotFoundError';
  }
}
