import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_PAGE_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

describe(`docs/api.md entity page example (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });

  it('runs on the sample content for a person and for an organization', async () => {
    const person = (await lede.data(ENTITY_PAGE_QUERY)).route;
    expect(person.redirectTo).toBe(null);
    expect(person.node.__typename).toBe('Person');
    expect(person.node.coMentionedPeople.length > 0, 'the example person shares stories with someone').toBeTruthy();
    expect(person.node.timeline.some((month: { articles: number }) => month.articles > 0)).toBeTruthy();
    expect(
      person.node.mentionedIn.edges.some((edge: { node: { related: unknown[] } }) => edge.node.related.length > 0),
    ).toBeTruthy();

    const organization = (await lede.data(ENTITY_PAGE_QUERY, { path: '/organizations/harbourview-city-council' }))
      .route;
    expect(organization.node.__typename).toBe('Organization');
    expect(organization.node.coMentionedPeople.length > 0).toBeTruthy();
  });

  it('is shown verbatim in docs/api.md', async () => {
    const doc = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
    expect(
      doc.includes(`\`\`\`graphql\n${ENTITY_PAGE_QUERY}\`\`\``),
      `docs/api.md lacks:\n${ENTITY_PAGE_QUERY}`,
    ).toBeTruthy();
  });
});
