import { builder } from '../builder.ts';
import {
  ConflictError,
  type FieldProblem as FieldProblemShape,
  NotFoundError,
  type ProblemCode,
  ValidationError,
} from '../shared/errors.ts';

const ErrorCode = builder.enumType('ErrorCode', {
  description: 'Which kind of error a mutation returned, for a client to switch on.',
  values: {
    VALIDATION: { description: 'A `ValidationError`: the input cannot be saved; see its `problems`.' },
    CONFLICT: { description: 'A `ConflictError`: the object changed since it was read.' },
    NOT_FOUND: { description: 'A `NotFoundError`: an object the input names does not exist.' },
  } as const,
});

// By name, not class: under vitest the error that reaches this resolver is a ValidationError by
// name but not by prototype (the class is loaded twice there), so `instanceof` fails.
const CODES: Record<string, 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND'> = {
  ValidationError: 'VALIDATION',
  ConflictError: 'CONFLICT',
  NotFoundError: 'NOT_FOUND',
};

const codeOf = (error: Error): 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND' => {
  const code = CODES[error.name];
  if (!code) throw new Error(`${error.name} is not an error type of the schema`);
  return code;
};

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description:
    'Something a client can fix and try again. Every mutation result union includes its error types; `code` tells them apart without `__typename`.',
  fields: (t) => ({
    code: t.field({ type: ErrorCode, description: 'Which kind of error this is.', resolve: codeOf }),
    message: t.exposeString('message', { description: 'What went wrong, in a sentence for people.' }),
  }),
});

const PROBLEM_DESCRIPTIONS: Record<ProblemCode, string> = {
  REQUIRED: 'A value is needed: the field is empty or missing (an image without the alt text publishing needs, too).',
  TOO_LONG: 'The text is longer than the field allows; the message gives the limit.',
  TOO_MANY: 'The list holds more items than allowed; the message gives the limit.',
  TOO_LARGE: 'The file is larger than allowed, in bytes or pixels; the message gives the limit.',
  INVALID_FORMAT: 'The value does not have the required form (a slug, a language tag, a country code, a key).',
  OUT_OF_RANGE: 'The number or date lies outside the allowed range, or before a date it must follow.',
  ALREADY_USED: 'The value is already taken by another object (a slug), or was used for something else (a key).',
  CYCLE: 'The change would make an object its own ancestor or merge it into itself.',
  IN_USE: 'The object is still needed by others (bylines, sections below, published articles); free it first.',
  UNSUPPORTED_FILE: 'The file is not an image Lede accepts, or cannot be read.',
  TRY_AGAIN: 'Another save took the value at the same moment: send the same request again.',
};

const FieldProblemCode = builder.enumType('FieldProblemCode', {
  description: 'What is wrong with an input field, for a client to switch on; `message` says it for people.',
  values: Object.fromEntries(
    Object.entries(PROBLEM_DESCRIPTIONS).map(([code, description]) => [code, { description }]),
  ) as Record<ProblemCode, { description: string }>,
});

const FieldProblem = builder.objectRef<FieldProblemShape>('FieldProblem').implement({
  description: 'A problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'Path of the input field, such as `headline` or `bylines[1].person`.',
    }),
    code: t.field({ type: FieldProblemCode, description: 'What kind of problem it is.', resolve: (p) => p.code }),
    message: t.exposeString('message', { description: 'What is wrong with it.' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input cannot be saved; `problems` says why, field by field. Nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    problems: t.field({
      type: [FieldProblem],
      description: 'One entry per invalid field.',
      resolve: (error) => error.problems,
    }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'Someone changed the object after you read it. Nothing was written: reload, reapply and save again.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    expectedVersion: t.exposeInt('expectedVersion', { description: 'The version your change was based on.' }),
    currentVersion: t.exposeInt('currentVersion', { description: 'The version stored now.' }),
    changedFields: t.exposeStringList('changedFields', {
      description: 'Fields that differ between your version and the current one.',
    }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'An object the input refers to does not exist.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The input field that named it.' }),
  }),
});

/** The error types every write can return. */
export const writeErrors = [ValidationError, ConflictError, NotFoundError];
