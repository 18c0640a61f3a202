import { decodeBase64, encodeBase64 } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { isDatabaseId } from './input-ranges.ts';

export type NodeTypeName = 'Article' | 'Section' | 'Person' | 'Organization';
/** Types with IDs: the nodes, and affiliations and images (which `node(id:)` does not fetch). */
export type IdTypeName = NodeTypeName | 'Affiliation' | 'Image' | 'Collection';

export function encodeGlobalId(typename: IdTypeName, id: number): string {
  return encodeBase64(`${typename}:${id}`);
}

/** Decodes a global ID passed in `argument`; errors name the argument and say what was wrong. */
export function decodeGlobalId<T extends IdTypeName>(
  argument: string,
  value: string,
  types: readonly T[],
): { typename: T; id: number } {
  let typename: string | undefined;
  let rawId: string | undefined;
  try {
    [typename, rawId] = decodeBase64(value).split(':');
  } catch {
    // falls through to the error below
  }
  const id = Number(rawId);
  if (!typename || !rawId || !/^\d+$/.test(rawId) || !isDatabaseId(id)) {
    throw invalidArgument(argument, `"${truncate(value)}" is not a global ID issued by this API`);
  }
  if (!(types as readonly string[]).includes(typename)) {
    throw invalidArgument(argument, `"${truncate(value)}" is a ${typename} ID; expected ${types.join(' or ')}`);
  }
  return { typename: typename as T, id };
}

export function decodeGlobalIds<T extends IdTypeName>(
  argument: string,
  values: readonly string[],
  types: readonly T[],
): number[] {
  return values.map((value, index) => decodeGlobalId(`${argument}[${index}]`, value, types).id);
}

export function invalidArgument(argument: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${problem}.`, {
    extensions: { code: 'BAD_USER_INPUT', argument },
  });
}

function truncate(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}
