import { readdirSync, readFileSync } from 'node:fs';
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type GraphQLField, type GraphQLObjectType, isObjectType } from 'graphql';
import { expect, test } from 'vitest';
import type PrismaTypes from '../generated/pothos-types.ts';
import { getDatamodel } from '../generated/pothos-types.ts';
import { fieldInternals, POTHOS_FIELD_KEYS, POTHOS_TYPE_KEYS, typeInternals } from '../src/engine/pothos-internals.ts';

// Direct execution plans fields from extension keys that Pothos sets but does not document
// (src/engine/pothos-internals.ts). A schema with the plugins Lede uses declares each kind of field
// the planner tells apart; each key must still be where the planner reads it, or this fails naming
// the key, before direct execution silently misplans after an upgrade.

const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  AuthScopes: { editor: boolean };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin, ErrorsPlugin],
  defaultFieldNullability: false,
  scopeAuth: { authScopes: () => ({ editor: true }) },
  // The schema is only built, never run: no client is asked for.
  prisma: { client: () => undefined as never, dmmf: getDatamodel() },
});

const resolveHeadline = (article: { headline: string }) => article.headline.toUpperCase();

builder.prismaObject('Section', { fields: (t) => ({ name: t.exposeString('name') }) });
builder.prismaObject('Byline', { fields: (t) => ({ position: t.exposeInt('position') }) });
builder.prismaObject('Article', {
  authScopes: { editor: true },
  fields: (t) => ({
    headline: t.exposeString('headline'),
    section: t.relation('section'),
    sectionOrError: t.relation('section', { onNull: 'error' }),
    bylines: t.relation('bylines'),
    firstBylines: t.relation('bylines', { args: { first: t.arg.int() }, query: (args) => ({ take: args.first ?? 1 }) }),
    shouted: t.string({ select: { headline: true }, resolve: resolveHeadline }),
    computedSelect: t.string({ select: () => ({ headline: true }), resolve: resolveHeadline }),
    scoped: t.string({ authScopes: { editor: true }, resolve: resolveHeadline }),
  }),
});
builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });
const schema = builder.toSchema();

const objectType = (name: string): GraphQLObjectType => {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type;
};
const articleField = (name: string): GraphQLField<unknown, unknown> => {
  const field = objectType('Article').getFields()[name];
  if (!field) throw new Error(`Article.${name} missing`);
  return field as GraphQLField<unknown, unknown>;
};

const fieldKey = (key: keyof typeof POTHOS_FIELD_KEYS, field: string, what: string) =>
  `Pothos no longer sets the field extension \`${POTHOS_FIELD_KEYS[key]}\` (${what}) on Article.${field}; ` +
  'direct execution reads it (src/engine/pothos-internals.ts): find where the new version keeps it and read it there';
const typeKey = (key: keyof typeof POTHOS_TYPE_KEYS, type: string, what: string) =>
  `Pothos no longer sets the type extension \`${POTHOS_TYPE_KEYS[key]}\` (${what}) on ${type}; ` +
  'direct execution reads it (src/engine/pothos-internals.ts): find where the new version keeps it and read it there';

test('a prismaObject carries its model and its declared options', () => {
  expect(typeInternals(objectType('Article')).prismaModel, typeKey('prismaModel', 'Article', 'the model')).toBe(
    'Article',
  );
  expect(typeInternals(objectType('Query')).prismaModel, 'a plain object type has no model').toBeUndefined();
  expect(typeInternals(objectType('Article')).options?.authScopes, typeKey('options', 'Article', 'authScopes')).toEqual(
    { editor: true },
  );
  expect(typeInternals(objectType('Section')).options?.authScopes, 'a type without scopes has none').toBeUndefined();
});

test('a t.relation field names its relation, and its own resolver reads the row', () => {
  for (const name of ['section', 'bylines', 'firstBylines']) {
    const internals = fieldInternals(articleField(name));
    const relation = name === 'firstBylines' ? 'bylines' : name;
    expect(internals.prismaRelationField?.name, fieldKey('prismaRelationField', name, '{ name }')).toBe(relation);
    // A function of the arguments and the nested query, so the planner keys the row by the relation's name.
    expect(typeof internals.prismaSelect, fieldKey('prismaSelect', name, 'the relation to load')).toBe('function');
    const row = { [relation]: ['loaded'] };
    expect(
      internals.originalResolve?.(row, {}, undefined, undefined as never),
      fieldKey('originalResolve', name, "the relation's resolver"),
    ).toStrictEqual(['loaded']);
  }
});

test("a relation's onNull is kept out of sight, so Lede declares none", () => {
  // plugin-prisma keeps `onNull` in the resolver's closure, not in the field's options: direct
  // execution reads a relation off the row and cannot call it. Lede's schema uses no onNull.
  expect(fieldInternals(articleField('sectionOrError')).options, 'options without onNull').not.toHaveProperty('onNull');
  const declaring = readdirSync(new URL('../src/', import.meta.url), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.startsWith('engine'))
    .filter((file) => /\bonNull\s*:/.test(readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8')));
  expect(declaring, 'files declaring onNull, which direct execution would not call').toStrictEqual([]);
});

test('a field selecting by a fixed object keeps that object and its own resolver', () => {
  const internals = fieldInternals(articleField('shouted'));
  expect(internals.prismaSelect, fieldKey('prismaSelect', 'shouted', 'the fixed selection')).toStrictEqual({
    headline: true,
  });
  expect(internals.originalResolve, fieldKey('originalResolve', 'shouted', 'the declared resolver')).toBe(
    resolveHeadline,
  );
  expect(internals.prismaRelationField, 'a field that is no relation names none').toBeUndefined();
  expect(articleField('shouted').resolve, 'plugins wrap the declared resolver').not.toBe(resolveHeadline);
  expect(
    typeof fieldInternals(articleField('computedSelect')).prismaSelect,
    fieldKey('prismaSelect', 'computedSelect', 'a function'),
  ).toBe('function');
});

test("a field's authScopes are among its options, and an exposed column selects nothing", () => {
  expect(
    fieldInternals(articleField('scoped')).options?.authScopes,
    fieldKey('options', 'scoped', 'authScopes'),
  ).toEqual({
    editor: true,
  });
  expect(fieldInternals(articleField('headline')).prismaSelect, 'an exposed column needs no selection').toBeFalsy();
});
