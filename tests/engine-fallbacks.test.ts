import type { Counter } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// Every operation direct execution leaves to graphql-js is counted in
// lede_direct_execution_fallbacks_total, labelled with why.

describe(`operations left to graphql-js are counted by reason (${databaseKind})`, () => {
  let lede: TestGateway;
  beforeAll(async () => {
    lede = await startTestGateway();
  });
  afterAll(() => lede?.close());

  const counts = async () => {
    const counter = lede.metrics.registry.getSingleMetric('lede_direct_execution_fallbacks_total') as
      | Counter
      | undefined;
    const { values } = (await counter?.get()) ?? { values: [] };
    return Object.fromEntries(values.map((value) => [value.labels.reason, value.value]));
  };

  it('counts each reason once per operation, and nothing for what runs directly', async () => {
    const page = '{ articles(first: 2) { edges { node { slug } } } }';
    await lede.data(page);
    await lede.data(page);
    expect(await counts(), 'planned queries are not counted').toStrictEqual({});

    await lede.data('{ __schema { queryType { name } } }');
    await lede.data('{ articles(first: 2) { edges { node { slug @include(if: true) } } } }');
    await lede.data('{ articles(first: 2) { edges { node { slug @include(if: true) } } } }');
    await lede.execute('mutation { deleteSection(input: { section: "x" }) { __typename } }');
    // A cursor from a list in another order: the resolver refuses it.
    const oldest = await lede.data('{ articles(first: 1, orderBy: OLDEST_FIRST) { pageInfo { endCursor } } }');
    const refused = await lede.execute(
      'query ($after: String) { articles(first: 2, after: $after) { edges { node { slug } } } }',
      {
        after: oldest.articles.pageInfo.endCursor,
      },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toStrictEqual({
      introspection: 1,
      directives: 2,
      not_a_query: 1,
      resolver_error: 1,
    });
    expect(lede.executions.direct, 'the planned pages ran directly').toBe(3);

    const exposition = await lede.metrics.registry.metrics();
    expect(exposition).toContain('# TYPE lede_direct_execution_fallbacks_total counter');
    expect(exposition).toContain('lede_direct_execution_fallbacks_total{reason="directives"} 2');
  });
});
