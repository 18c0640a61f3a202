import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '../api-keys/keys.ts';
import { builder } from '../builder.ts';
import { NotFoundError } from '../shared/errors.ts';
import { writeErrors } from './errors.ts';
import { inputOrLooseArguments, USE_INPUT } from './input-forms.ts';

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
      resolve: (query, created, _args, context) => findApiKey(context, created.record.id, query),
    }),
  }),
});

builder.queryField('apiKeys', (t) =>
  t.prismaField({
    type: [ApiKey],
    description: 'Every API key, newest first. Admins only.',
    authScopes: { admin: true },
    resolve: (query, _root, _args, context) => listApiKeys(context, query),
  }),
);

const apiKeyName = z.string().trim().min(1).max(200);

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  description: 'The key to create.',
  fields: (t) => ({
    name: t.string({
      required: true,
      description: 'Who or what the key is for, 1 to 200 characters.',
      validate: apiKeyName,
    }),
    role: t.field({ type: ApiKeyRoleEnum, required: true, description: 'What the key may do.' }),
  }),
});

const RevokeApiKeyInput = builder.inputType('RevokeApiKeyInput', {
  description: 'The key to revoke.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The key number (`ApiKey.id`).' }) }),
});

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKey,
    description: 'Creates an API key and returns its secret, once. Admins only.',
    authScopes: { admin: true },
    args: {
      input: t.arg({ type: CreateApiKeyInput, description: 'The key to create.' }),
      name: t.arg.string({
        description: 'Who or what the key is for.',
        validate: apiKeyName.nullish(),
        deprecationReason: USE_INPUT,
      }),
      role: t.arg({ type: ApiKeyRoleEnum, description: 'What the key may do.', deprecationReason: USE_INPUT }),
    },
    resolve: (_root, args, context) => {
      const loose = args.name != null || args.role != null ? { name: args.name, role: args.role } : undefined;
      const { name, role } = inputOrLooseArguments('createApiKey', args.input, loose);
      // The deprecated form needs both, as it did when they were required arguments.
      if (name == null || role == null) {
        throw new GraphQLError('createApiKey: `name` and `role` are required.', {
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      return createApiKey(context, { name: name.trim(), role });
    },
  }),
  revokeApiKey: t.field({
    type: ApiKey,
    description: 'Revokes an API key at once; requests that send it are refused from then on. Admins only.',
    authScopes: { admin: true },
    errors: { types: writeErrors, dataField: { name: 'apiKey', description: 'The revoked key.' } },
    args: {
      input: t.arg({ type: RevokeApiKeyInput, description: 'The key to revoke.' }),
      id: t.arg.id({ description: 'The key number (`ApiKey.id`).', deprecationReason: USE_INPUT }),
    },
    resolve: async (_root, args, context) => {
      const input = inputOrLooseArguments('revokeApiKey', args.input, args.id == null ? undefined : { id: args.id });
      const id = Number(input.id);
      if (!Number.isSafeInteger(id) || !(await revokeApiKey(context, id))) {
        throw new NotFoundError(args.input ? 'input.id' : 'id', 'An unrevoked API key with this number');
      }
      return findApiKey(context, id);
    },
  }),
}));
