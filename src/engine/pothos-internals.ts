import type { GraphQLField, GraphQLFieldResolver, GraphQLObjectType } from 'graphql';

/**
 * The private extension keys of Pothos and @pothos/plugin-prisma that direct execution reads, all
 * in this one place. Nothing in Pothos documents them, so an upgrade may rename or drop any of
 * them; tests/engine-pothos-internals.test.ts builds a schema with the same plugins and fails,
 * naming the key, when one is gone.
 */
export const POTHOS_FIELD_KEYS = {
  /** @pothos/core: the resolver as the schema declared it, before plugins wrapped it. */
  originalResolve: 'pothosOriginalResolve',
  /** @pothos/core: the options the field was declared with (`authScopes`, `errors`…). */
  options: 'pothosOptions',
  /** plugin-prisma: on a `t.relation` field, the Prisma relation it reads (`{ name }`). */
  prismaRelationField: 'pothosPrismaRelationField',
  /** plugin-prisma: what a Prisma field needs loaded on its parent row (an object, or a function of the arguments). */
  prismaSelect: 'pothosPrismaSelect',
} as const;

export const POTHOS_TYPE_KEYS = {
  /** plugin-prisma: the Prisma model of a `prismaObject`. */
  prismaModel: 'pothosPrismaModel',
  /** @pothos/core: the options the type was declared with (`authScopes`…). */
  options: 'pothosOptions',
} as const;

export type PothosFieldInternals = {
  originalResolve?: GraphQLFieldResolver<unknown, unknown>;
  options?: { authScopes?: unknown; errors?: unknown };
  prismaRelationField?: { name: string };
  prismaSelect?: unknown;
};

export type PothosTypeInternals = { prismaModel?: string; options?: { authScopes?: unknown } };

export function fieldInternals(field: GraphQLField<unknown, unknown>): PothosFieldInternals {
  const extensions = (field.extensions ?? {}) as Record<string, unknown>;
  return {
    originalResolve: extensions[POTHOS_FIELD_KEYS.originalResolve] as PothosFieldInternals['originalResolve'],
    options: extensions[POTHOS_FIELD_KEYS.options] as PothosFieldInternals['options'],
    prismaRelationField: extensions[
      POTHOS_FIELD_KEYS.prismaRelationField
    ] as PothosFieldInternals['prismaRelationField'],
    prismaSelect: extensions[POTHOS_FIELD_KEYS.prismaSelect],
  };
}

export function typeInternals(type: GraphQLObjectType): PothosTypeInternals {
  const extensions = (type.extensions ?? {}) as Record<string, unknown>;
  return {
    prismaModel: extensions[POTHOS_TYPE_KEYS.prismaModel] as string | undefined,
    options: extensions[POTHOS_TYPE_KEYS.options] as PothosTypeInternals['options'],
  };
}
