import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { hasRole } from './api-keys/keys.ts';
import type { Context } from './context.ts';
import { LoadedColumnsPlugin } from './engine/use-direct-execution.ts';
import { connectionAwareFieldCost } from './guards/query-cost.ts';
import { isWellFormedCursor } from './schema/cursor.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const pageSize = z
  .number()
  .int()
  .min(1, 'must be at least 1')
  .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}; fetch further pages with the cursor`)
  .nullish();

const cursor = z
  .string()
  .refine(isWellFormedCursor, 'is not a cursor from this API; pass a startCursor or endCursor from pageInfo')
  .nullish();

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number };
    File: { Input: File; Output: never };
  };
  DefaultFieldNullability: false;
  AuthScopes: { reader: boolean; editor: boolean; admin: boolean };
}>({
  plugins: [
    ScopeAuthPlugin,
    RelayPlugin,
    LoadedColumnsPlugin,
    PrismaPlugin,
    ValidationPlugin,
    ErrorsPlugin,
    ComplexityPlugin,
  ],
  defaultFieldNullability: false,
  // Only prices fields; the limit is enforced per request by guards/use-query-cost.ts.
  complexity: {
    fieldComplexity: connectionAwareFieldCost({ default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE }),
  },
  scopeAuth: {
    authScopes: (context) => ({
      reader: hasRole(context.viewer, 'READER'),
      editor: hasRole(context.viewer, 'EDITOR'),
      admin: hasRole(context.viewer, 'ADMIN'),
    }),
    unauthorizedError: (_parent, context, _info, result) =>
      new GraphQLError(
        context.viewer
          ? `Your API key's role may not do this: ${result.message}`
          : 'This needs an API key in the Authorization header.',
        {
          extensions: { code: context.viewer ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
        },
      ),
  },
  errors: {
    defaultUnionOptions: {
      name: ({ fieldName }) => `${fieldName[0]?.toUpperCase()}${fieldName.slice(1)}Result`,
      description: 'What a mutation returns: its success payload, or one of the errors a client can fix and retry.',
    },
    defaultResultOptions: {
      name: ({ fieldName }) => `${fieldName[0]?.toUpperCase()}${fieldName.slice(1)}Success`,
      description: 'The mutation succeeded; the payload holds what it saved.',
    },
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'error',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // `node` and `nodes` are defined in schema/node.ts so that they load through our dataloaders
    // and can name the argument in their errors.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    nodeTypeOptions: {
      description: 'An object with a stable, opaque global ID that `node(id:)` can fetch again.',
    },
    // Beside `edges`, for clients that need no cursors per item (Apollo, codegen'd lists).
    nodesOnConnection: {
      description: 'The items of this page, in order: the `node` of each edge, without cursors.',
    },
    pageInfoTypeOptions: {
      description: 'Where a page sits in its connection, and the cursors to fetch the pages around it.',
    },
    idFieldOptions: {
      description: 'Opaque global ID; pass it to `node(id:)` to fetch this object again.',
    },
    firstArgOptions: {
      description: `Number of items from the start (or after \`after\`): 1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
      validate: pageSize,
    },
    lastArgOptions: {
      description: `Number of items from the end (or before \`before\`): 1 to ${MAX_PAGE_SIZE}.`,
      validate: pageSize,
    },
    afterArgOptions: {
      description: 'Return items after this cursor (an `endCursor` or edge cursor from an earlier page).',
      validate: cursor,
    },
    beforeArgOptions: {
      description: 'Return items before this cursor (a `startCursor` or edge cursor from an earlier page).',
      validate: cursor,
    },
    cursorFieldOptions: { description: 'Opaque cursor of this edge, for `after` or `before`.' },
    nodeFieldOptions: { description: 'The item at the end of this edge.' },
    edgesFieldOptions: { description: 'The items on this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Cursors and flags for fetching neighbouring pages.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on this page.' },
  },
});
