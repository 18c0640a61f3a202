// Errors a client is expected to handle; the schema returns them as typed results of mutations.

export type FieldProblem = { field: string; message: string };

/** Input that cannot be saved, with one message per offending field. */
export class ValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'ValidationError';
  }

  static of(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
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
