import {
  type DocumentNode,
  defaultFieldResolver,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { collectFields } from '../shared/selection.ts';
import type { ResponseText } from './json-statement.ts';
import { fieldInternals, typeInternals } from './pothos-internals.ts';

/**
 * What a field of a planned operation does for each row, decided once per document:
 * - `typename`: the object type's name;
 * - `loaded`: a Prisma relation or `select` field whose data the parent row carries when the
 *   query Pothos planned for the root field loaded it; its own resolver reads it off the row;
 * - `resolve`: the field's resolver as graphql-js would call it (plugins' wrappers included).
 */
export type FieldKind = 'typename' | 'loaded' | 'resolve';

export type FieldPlan = {
  responseKey: string;
  kind: FieldKind;
  field: GraphQLField<unknown, unknown>;
  fieldNodes: FieldNode[];
  parentType: GraphQLObjectType;
  /** For `loaded`: the row keys that must be present. */
  loadedKeys: string[];
  /** The relations among them, whose rows depend on the field that asked (a column is a column). */
  exclusiveKeys: string[];
  resolve: GraphQLFieldResolver<unknown, unknown>;
  /** Whether the resolver reads `info` (declares a fourth parameter); otherwise none is built per row. */
  wantsInfo: boolean;
  /** For a relation field: the Prisma relation it reads. */
  relation?: string;
  /** The fields selected below, when the field's named type is an object type. */
  selection?: SelectionPlan;
  /** When PostgreSQL can write this field's whole object as response text (set by response-plan.ts). */
  responseText?: ResponseText;
  /** What the field's resolver works out once for this field of this document (src/shared/field-memo.ts). */
  memo: Map<string, unknown>;
};

export type SelectionPlan = { type: GraphQLObjectType; fields: FieldPlan[] };

export type OperationPlan = {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  root: SelectionPlan;
};

/**
 * Why an operation went to graphql-js instead: found when planning (`not_a_query` … `prisma_field`)
 * or while running (`invalid_variables`, `unplanned_value`, `resolver_error`). A fixed list, as it
 * labels a metric.
 */
export const FALLBACK_REASONS = [
  'not_a_query',
  'document',
  'directives',
  'introspection',
  'fragment_on_other_type',
  'abstract_type',
  'auth_scopes',
  'prisma_field',
  'invalid_variables',
  'unplanned_value',
  'resolver_error',
] as const;

export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** An operation direct execution leaves to graphql-js; the message says which part of it. */
export class NotPlanned extends Error {
  constructor(
    readonly reason: FallbackReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Plans `operationName` of `document` for direct execution, or throws `NotPlanned` when graphql-js
 * must run it: anything but a query, directives (`@include`, `@defer`…), introspection, abstract
 * types, and Prisma fields whose data another field of the same selection could have loaded
 * differently.
 */
export function planOperation(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null) {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
    else throw new NotPlanned('document', `a ${definition.kind} definition`);
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation) throw new NotPlanned('document', 'no single operation');
  if (operation.operation !== 'query') throw new NotPlanned('not_a_query', `a ${operation.operation}`);
  if (operation.directives?.length) throw new NotPlanned('directives', 'operation directives');
  const queryType = schema.getQueryType();
  if (!queryType) throw new NotPlanned('document', 'no query type');
  const root = planSelection(queryType, [operation.selectionSet], fragments);
  for (const field of root.fields) {
    if (field.kind === 'loaded') throw new NotPlanned('prisma_field', 'a Prisma field at the root');
  }
  return { operation, fragments, root } satisfies OperationPlan;
}

function planSelection(
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): SelectionPlan {
  const grouped = collectFields(selectionSets, {
    fragments,
    included: (selection) => {
      if (selection.directives?.length) throw new NotPlanned('directives', 'directives');
      return true;
    },
    applies: (typeCondition) => {
      if (typeCondition !== type.name) throw new NotPlanned('fragment_on_other_type', 'a fragment on another type');
      return true;
    },
  });
  if (typeInternals(type).options?.authScopes !== undefined)
    throw new NotPlanned('auth_scopes', `${type.name} has auth scopes`);
  const prismaKeys = new Set<string>();
  const fields: FieldPlan[] = [];
  for (const [responseKey, fieldNodes] of grouped) {
    const name = (fieldNodes[0] as FieldNode).name.value;
    if (name === '__typename') {
      fields.push({
        responseKey,
        kind: 'typename',
        field: undefined as never,
        fieldNodes,
        parentType: type,
        loadedKeys: [],
        exclusiveKeys: [],
        resolve: () => type.name,
        wantsInfo: false,
        memo: new Map(),
      });
      continue;
    }
    if (name.startsWith('__')) throw new NotPlanned('introspection', 'introspection');
    const field = type.getFields()[name];
    if (!field) throw new NotPlanned('document', `${type.name}.${name} does not exist`);
    const plan = planField(type, field, responseKey, fieldNodes, fragments);
    for (const key of plan.exclusiveKeys) {
      // Two fields loading one relation (or column set) may ask for different rows of it; Pothos
      // tells them apart per field, which is what direct execution leaves out.
      if (prismaKeys.has(key)) throw new NotPlanned('prisma_field', `${type.name}: two fields load ${key}`);
      prismaKeys.add(key);
    }
    fields.push(plan);
  }
  return { type, fields };
}

function planField(
  parentType: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  responseKey: string,
  fieldNodes: FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): FieldPlan {
  const internals = fieldInternals(field);
  const named = getNamedType(field.type);
  if (isAbstractType(named))
    throw new NotPlanned('abstract_type', `${parentType.name}.${field.name} returns ${named.name}`);
  const selection = isObjectType(named)
    ? planSelection(
        named,
        fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
        fragments,
      )
    : undefined;
  const base = { responseKey, field, fieldNodes, parentType, selection, memo: new Map<string, unknown>() };
  const resolve = field.resolve;
  // No resolver: graphql-js reads the property named like the field.
  if (!resolve || resolve === defaultFieldResolver) {
    return {
      ...base,
      kind: 'resolve',
      loadedKeys: [],
      exclusiveKeys: [],
      resolve: readProperty(field.name),
      wantsInfo: false,
    };
  }
  const prismaSelect = internals.prismaSelect;
  const wrappedByPrisma = typeInternals(parentType).prismaModel !== undefined && !!prismaSelect;
  if (!wrappedByPrisma) {
    return { ...base, kind: 'resolve', loadedKeys: [], exclusiveKeys: [], resolve, wantsInfo: resolve.length >= 4 };
  }
  // A Prisma field: graphql-js would ask Pothos's plan whether the row carries its data (per row).
  // Planned here only when the row itself can answer: a relation without arguments (its key is on
  // the row) or a field selecting columns or relations by a fixed object.
  const options = internals.options;
  if (field.args.length > 0 || options?.authScopes !== undefined || options?.errors !== undefined) {
    throw new NotPlanned(
      'prisma_field',
      `${parentType.name}.${field.name}: a Prisma field with arguments, scopes or errors`,
    );
  }
  const relation = internals.prismaRelationField?.name;
  const loadedKeys = relation
    ? [relation]
    : typeof prismaSelect === 'object'
      ? Object.keys(prismaSelect as object)
      : undefined;
  if (!loadedKeys)
    throw new NotPlanned('prisma_field', `${parentType.name}.${field.name}: a computed Prisma selection`);
  const exclusiveKeys = loadedKeys.filter((key) => (prismaSelect as Record<string, unknown>)[key] !== true);
  // A relation's own resolver reads the row's property (Lede declares no `onNull`, which
  // plugin-prisma keeps where the planner cannot see it: tests/engine-pothos-internals.test.ts).
  if (relation) {
    return {
      ...base,
      kind: 'loaded',
      loadedKeys,
      exclusiveKeys,
      relation,
      resolve: readProperty(relation),
      wantsInfo: false,
    };
  }
  const original = internals.originalResolve;
  if (!original || original === defaultFieldResolver) {
    return { ...base, kind: 'loaded', loadedKeys, exclusiveKeys, resolve: readProperty(field.name), wantsInfo: false };
  }
  return { ...base, kind: 'loaded', loadedKeys, exclusiveKeys, resolve: original, wantsInfo: original.length >= 4 };
}

/**
 * graphql's default resolver for a field named `name`. graphql-js would call a method found there;
 * the error this throws instead leaves the operation to it, as every error during direct execution does.
 */
function readProperty(name: string): GraphQLFieldResolver<unknown, unknown> {
  return (parent) => {
    const value = (parent as Record<string, unknown>)[name];
    if (typeof value === 'function') throw new Error(`${name} is a method`);
    return value;
  };
}
