import { builder } from '../builder.ts';
import { ConflictError, NotFoundError, ValidationError } from '../services/errors.ts';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'Something a client can fix and try again. Every mutation result union includes its error types.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, in a sentence for people.' }),
  }),
});

const FieldProblem = builder.objectRef<{ field: string; message: string }>('FieldProblem').implement({
  description: 'A problem with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'Path of the input field, such as `headline` or `bylines[1].person`.',
    }),
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
