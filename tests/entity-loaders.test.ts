import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// Counts every DataLoader the gateway makes: a request's loaders are made on first use only.
const made = vi.hoisted(() => ({ loaders: 0 }));
vi.mock('dataloader', async (importOriginal) => {
  const { default: DataLoader } = await importOriginal<{ default: typeof import('dataloader') }>();
  class CountedDataLoader<K, V, C = K> extends DataLoader<K, V, C> {
    constructor(...args: ConstructorParameters<typeof DataLoader<K, V, C>>) {
      super(...args);
      made.loaders++;
    }
  }
  return { default: CountedDataLoader };
});

const PEOPLE = (fields: string) => `{ people(first: 5) { edges { node { slug ${fields} } } } }`;

describe(`a request's loaders, made on first use (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });
  beforeEach(() => {
    made.loaders = 0;
  });

  it('a request that touches no loader makes none', async () => {
    await lede.data('{ __typename }');
    expect(made.loaders).toBe(0);
    const data = await lede.data(PEOPLE('name'));
    expect(data.people.edges.length).toBe(5);
    expect(made.loaders, 'a page of people reads no loader').toBe(0);
  });

  it('makes a loader once per request and batches every parent through it', async () => {
    const data = await lede.data(PEOPLE('articleCount'));
    expect(data.people.edges.length).toBe(5);
    expect(made.loaders, 'only personArticleCount').toBe(1);
    const counts = lede.statements.filter((sql) => sql.includes('"Byline"'));
    expect(counts.length, lede.statements.join('\n\n')).toBe(1);
  });

  it('makes only the loaders of the fields asked for, group members included', async () => {
    await lede.data(PEOPLE('mentionCount coMentionedPeople(first: 2) { sharedArticles } timeline { month }'));
    expect(made.loaders, 'personMentionCount, coMentions.personPeople and personTimeline').toBe(3);
  });

  it('makes fresh loaders for each request', async () => {
    await lede.data(PEOPLE('articleCount'));
    await lede.data(PEOPLE('articleCount'));
    expect(made.loaders).toBe(2);
  });
});
