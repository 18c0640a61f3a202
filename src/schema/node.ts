import { brandWithType } from '@pothos/core';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { Article } from './article.ts';
import { decodeGlobalId, type NodeTypeName } from './global-id.ts';
import { Organization } from './organization.ts';
import { Person } from './person.ts';
import { Section } from './section.ts';

export const MAX_NODES_PER_REQUEST = 100;

const NODE_TYPES: readonly NodeTypeName[] = ['Article', 'Section', 'Person', 'Organization'];

async function loadNode(argument: string, globalId: string, context: Context) {
  const { typename, id } = decodeGlobalId(argument, globalId, NODE_TYPES);
  // Branding tells the Node interface which object type a loaded row is.
  switch (typename) {
    case 'Article':
      return brandRow(await context.loaders.article.load(id), Article);
    case 'Section':
      return brandRow(await context.loaders.section.load(id), Section);
    case 'Person':
      return brandRow(await context.loaders.person.load(id), Person);
    case 'Organization':
      return brandRow(await context.loaders.organization.load(id), Organization);
  }
}

function brandRow<T extends object>(row: T | null, type: Parameters<typeof brandWithType>[1]): T | null {
  if (row) brandWithType(row, type);
  return row;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description:
      'Fetches any article, section, person or organization by its global ID; null when it does not exist or is not public.',
    args: { id: t.arg.id({ required: true, description: 'A global ID returned by this API.' }) },
    resolve: (_root, args, context) => loadNode('id', String(args.id), context),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: `Fetches up to ${MAX_NODES_PER_REQUEST} objects by global ID, in the order given; null for each one that does not exist or is not public.`,
    // Priced by the IDs given rather than the assumed list length (README "Limits and security").
    complexity: (args) => ({ field: 1, multiplier: Math.min(args.ids.length, MAX_NODES_PER_REQUEST) }),
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global IDs returned by this API, at most ${MAX_NODES_PER_REQUEST}.`,
        validate: z.array(z.unknown()).max(MAX_NODES_PER_REQUEST, `must hold at most ${MAX_NODES_PER_REQUEST} IDs`),
      }),
    },
    resolve: (_root, args, context) =>
      Promise.all(args.ids.map((id, index) => loadNode(`ids[${index}]`, String(id), context))),
  }),
}));
