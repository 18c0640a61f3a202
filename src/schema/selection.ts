import { queryFromInfo } from '@pothos/plugin-prisma';
import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  type SelectionNode,
} from 'graphql';
import type { Context } from '../context.ts';
import { plannedOnce } from '../shared/field-memo.ts';
import { collectFields, type SelectionWalk } from '../shared/selection.ts';

/**
 * Names of the fields the operation selects at `path` (field names, aliases ignored) below the
 * field being resolved, through fragments, leaving out what `@skip` or `@include` turn off.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): Set<string> {
  const walk: SelectionWalk = { fragments: info.fragments, included: (selection) => included(selection, info) };
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    fields = subfields(fields, walk).filter((sub) => sub.name.value === name);
  }
  return new Set(subfields(fields, walk).map((field) => field.name.value));
}

function subfields(fields: readonly FieldNode[], walk: SelectionWalk): FieldNode[] {
  return [
    ...collectFields(
      fields.map((field) => field.selectionSet),
      walk,
    ).values(),
  ].flat();
}

function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false
  );
}

/**
 * What `t.prismaField` hands its resolver: Pothos's selection (columns and relations) for the
 * field's Prisma rows. Under direct execution it is worked out once per field of a document, as a
 * page of articles plans its own (planPage in article-connection.ts says why that depends on the
 * document alone); under graphql-js per request, where Pothos also records what the rows'
 * relation fields read.
 */
export function prismaQuery<Query extends object>(context: Context, info: GraphQLResolveInfo): Promise<Query> {
  return plannedOnce(
    info,
    'prismaQuery',
    async () => (await queryFromInfo({ context, info, awaitSelections: true })) as Query,
  );
}
