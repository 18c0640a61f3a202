import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { POTHOS_FIELD_KEYS } from './pothos-internals.ts';

/**
 * The columns a Prisma field with `select: { column: true, … }` reads, when nothing else stands
 * between it and its resolver: no arguments, no `errors`, a scalar or enum result. Undefined for
 * any other field.
 */
export function selectedColumns(fieldConfig: PothosOutputFieldConfig<SchemaTypes>): string[] | undefined {
  if (fieldConfig.kind !== 'PrismaObject') return undefined;
  const select = fieldConfig.extensions?.[POTHOS_FIELD_KEYS.prismaSelect];
  if (!select || typeof select !== 'object') return undefined;
  const entries = Object.entries(select as Record<string, unknown>);
  if (!entries.length || entries.some(([, value]) => value !== true)) return undefined;
  if (Object.keys(fieldConfig.args).length > 0 || fieldConfig.pothosOptions.errors !== undefined) return undefined;
  const type = fieldConfig.type.kind === 'List' ? fieldConfig.type.type : fieldConfig.type;
  if (type.kind !== 'Scalar' && type.kind !== 'Enum') return undefined;
  return entries.map(([column]) => column);
}

/**
 * A row that carries a field's columns answers it, whoever loaded the row. plugin-prisma asks
 * its plan, per row, whether the query that loaded the row selected them, and loads them again
 * when no plan answers: for a row read whole (a route's target, a mutation's payload, a node) a
 * statement per request for what the row already holds, and a lookup per row otherwise. Direct
 * execution reads such fields off the row the same way (src/engine/direct-plan.ts).
 */
export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const columns = selectedColumns(fieldConfig as PothosOutputFieldConfig<SchemaTypes>);
    const own = fieldConfig.resolve as GraphQLFieldResolver<unknown, Types['Context'], object> | undefined;
    if (!columns || !own) return resolver;
    return (parent, args, context, info) => {
      for (const column of columns) {
        if ((parent as Record<string, unknown>)[column] === undefined) return resolver(parent, args, context, info);
      }
      return own(parent, args, context, info);
    };
  }
}

const pluginName = 'loadedColumns';

SchemaBuilder.registerPlugin(pluginName, LoadedColumnsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}

export default pluginName;
