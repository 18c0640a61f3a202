import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { collectFields } from '../src/shared/selection.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// One walker of selections (src/shared/selection.ts) for the schema's helpers, the article
// connection and direct execution's planner.

const selectionOf = (query: string) => {
  const document = parse(query);
  const fragments = Object.fromEntries(
    document.definitions.flatMap((definition) =>
      definition.kind === 'FragmentDefinition' ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  if (operation?.kind !== 'OperationDefinition') throw new Error('no operation');
  return { selectionSet: operation.selectionSet, fragments };
};

const keysAndNames = (fields: Map<string, readonly { name: { value: string } }[]>) =>
  [...fields].map(([key, nodes]) => `${key}:${nodes.map((node) => node.name.value).join('+')}`);

test('fields are collected through inline and named fragments, grouped by alias, each fragment once', () => {
  const { selectionSet, fragments } = selectionOf(`
    { a: headline headline ... on Article { slug a: headline } ...More ...More ... { id } }
    fragment More on Article { headline b: slug }`);
  expect(keysAndNames(collectFields([selectionSet], { fragments }))).toStrictEqual([
    'a:headline+headline',
    'headline:headline+headline',
    'slug:slug',
    'b:slug',
    'id:id',
  ]);
});

test('a walk leaves out what it is told to: excluded selections and fragments on other types', () => {
  const { selectionSet, fragments } = selectionOf(`
    { id skipped @skip(if: true) ... on Person { name } ...OnPerson ...OnArticle }
    fragment OnPerson on Person { slug }
    fragment OnArticle on Article { headline }`);
  const fields = collectFields([selectionSet], {
    fragments,
    included: (selection) => !selection.directives?.length,
    applies: (type) => type === 'Article',
  });
  expect([...fields.keys()]).toStrictEqual(['id', 'headline']);
});

test('several selection sets are merged, a fragment spread in two of them collected once', () => {
  const first = selectionOf('{ ...F x } fragment F on Article { id }');
  const second = selectionOf('{ ...F y } fragment F on Article { id }');
  const fields = collectFields([first.selectionSet, undefined, second.selectionSet], { fragments: first.fragments });
  expect(keysAndNames(fields)).toStrictEqual(['id:id', 'x:x', 'y:y']);
});

describe(`the article connection reads no page for a count asked through a fragment (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway();
  });
  afterAll(() => lede?.close());

  it('sends the same statements for `totalCount` spelled out, in an inline fragment and in a named fragment', async () => {
    const plain = await lede.execute('{ articles { totalCount } }');
    const plainStatements = [...lede.statements];
    const inline = await lede.execute('{ articles { ... on ArticleConnection { totalCount } } }');
    const inlineStatements = [...lede.statements];
    const named = await lede.execute('{ articles { ...Count } } fragment Count on ArticleConnection { totalCount }');
    const namedStatements = [...lede.statements];
    expect(plain.errors).toBeUndefined();
    expect(inline).toStrictEqual(plain);
    expect(named).toStrictEqual(plain);
    expect(plainStatements.length, 'a count alone is one statement').toBe(1);
    expect(inlineStatements, 'an inline fragment asks for nothing more').toStrictEqual(plainStatements);
    expect(namedStatements, 'nor does a named fragment').toStrictEqual(plainStatements);
  });
});
