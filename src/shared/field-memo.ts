import type { GraphQLResolveInfo } from 'graphql';
import { fixedArguments } from '../engine/json-find-many.ts';

/**
 * Where a resolver may keep what it works out the same way for every request of a document, when
 * the field is run by direct execution (src/engine/): one map per field of a planned document,
 * kept with the document's plan, so it lives as long as that plan. A direct plan has no
 * directives and no Prisma field with arguments, so below the field nothing depends on the
 * request's variables. Values kept here must not depend on the request (its viewer, its clock,
 * its arguments) but through the key the resolver gives them. Under graphql-js there is none.
 */
export type FieldMemo = { get: (key: string) => unknown; set: (key: string, value: unknown) => void };

/** The property of a direct execution's `info` that holds the field's memo. */
export const FIELD_MEMO = Symbol('lede.fieldMemo');

/** The bound on one field's memo: its keys are few (a list's orders), so this only guards against a mistake. */
const MAX_ENTRIES = 16;

export function fieldMemo(info: GraphQLResolveInfo): FieldMemo | undefined {
  const memo = (info as { [FIELD_MEMO]?: Map<string, unknown> })[FIELD_MEMO];
  if (!memo) return undefined;
  return {
    get: (key) => memo.get(key),
    set: (key, value) => {
      if (memo.size < MAX_ENTRIES || memo.has(key)) memo.set(key, value);
    },
  };
}

/**
 * `plan()`'s value for this field, worked out once under direct execution and kept in the field's
 * memo under `key` as a frozen copy, whose shape the statement cache then reads once
 * (`fixedArguments`). Under graphql-js, or for a value holding anything but plain data, `plan()`
 * runs on every call.
 */
export async function plannedOnce<T extends object>(
  info: GraphQLResolveInfo,
  key: string,
  plan: () => Promise<T>,
): Promise<T> {
  const memo = fieldMemo(info);
  const kept = memo?.get(key) as T | undefined;
  if (kept) return kept;
  const value = await plan();
  const fixed = memo && fixedArguments(value);
  if (!memo || !fixed) return value;
  memo.set(key, fixed);
  return fixed;
}

/**
 * The memo of a field below this one that this field's resolver plans for it (a child's page read
 * in the parent's statement), kept in this field's memo under `key`; undefined under graphql-js.
 */
export function childMemo(info: GraphQLResolveInfo, key: string): Map<string, unknown> | undefined {
  const memo = (info as { [FIELD_MEMO]?: Map<string, unknown> })[FIELD_MEMO];
  if (!memo) return undefined;
  let child = memo.get(key) as Map<string, unknown> | undefined;
  if (!child) {
    child = new Map();
    if (memo.size < MAX_ENTRIES) memo.set(key, child);
  }
  return child;
}
