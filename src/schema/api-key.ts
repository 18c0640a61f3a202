import { z } from 'zod';
import { builder } from '../builder.ts';
import { createApiKey, revokeApiKey } from '../services/api-keys.ts';
import { NotFoundError } from '../services/errors.ts';
import { writeErrors } from './errors.ts';

export const ApiKeyRoleEnum = builder.enumType('ApiKeyRole', {
  description: 'What an API key may do. Each role includes the ones before it.',
  values: {
    READER: { description: 'Reads everything, drafts and scheduled articles included (preview).' },
    EDITOR: { description: 'Creates and changes content: articles, sections, people, organizations.' },
    ADMIN: { description: 'Also manages API keys, and merges and deletes people and organizations.' },
  } as const,
});

const ApiKey = builder.prismaObject('ApiKey', {
  description: 'A credential for the `Authorization: Bearer` header. Its secret is shown once, at creation.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The key number, for `revokeApiKey`.' }),
    name: t.exposeString('name', { description: 'Who or what the key is for.' }),
    role: t.expose('role', { type: ApiKeyRoleEnum, description: 'What the key may do.' }),
    prefix: t.exposeString('prefix', { description: 'The start of the secret, to tell keys apart.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the key was created.' }),
    revokedAt: t.expose('revokedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the key was revoked; null while it works.',
    }),
  }),
});

const CreatedApiKey = builder.objectRef<{ secret: string; record: { id: number } }>('CreatedApiKey').implement({
  description: 'A new API key and its secret.',
  fields: (t) => ({
    secret: t.exposeString('secret', {
      description: 'The key to send as `Authorization: Bearer <secret>`. It is not stored and cannot be shown again.',
    }),
    apiKey: t.prismaField({
      type: 'ApiKey',
      description: 'The stored key.',
      resolve: (query, created, _args, context) =>
        context.prisma.apiKey.findUniqueOrThrow({ ...query, where: { id: created.record.id } }),
    }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: [ApiKey],
    description: 'Every API key, newest first. Admins only.',
    authScopes: { admin: true },
    resolve: (query, _root, _args, context) => context.prisma.apiKey.findMany({ ...query, orderBy: { id: 'desc' } }),
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    description: 'Creates an API key and returns its secret, once. Admins only.',
    authScopes: { admin: true },
    args: {
      name: t.arg.string({
        required: true,
        description: 'Who or what the key is for.',
        validate: z.string().trim().min(1).max(200),
      }),
      role: t.arg({ type: ApiKeyRoleEnum, required: true, description: 'What the key may do.' }),
    },
    resolve: (_root, args, context) => createApiKey(context.prisma, { name: args.name.trim(), role: args.role }),
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    description: 'Revokes an API key at once; requests that send it are refused from then on. Admins only.',
    authScopes: { admin: true },
    errors: { types: writeErrors, dataField: { name: 'apiKey', description: 'The revoked key.' } },
    args: { id: t.arg.id({ required: true, description: 'The key number (`ApiKey.id`).' }) },
    resolve: async (_root, args, context) => {
      const id = Number(args.id);
      if (!Number.isSafeInteger(id) || !(await revokeApiKey(context.prisma, id))) {
        throw new NotFoundError('id', 'An unrevoked API key with this number');
      }
      return context.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    },
  }),
}));
