import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { ENTITY_PAGE_QUERY } from '../src/example-queries.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

describe(`README entity page example (${databaseKind})`, () => {
  let lede: TestGateway;
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway();
  });

  it('runs on the sample content for a person and for an organization', async () => {
    const person = (await lede.data(ENTITY_PAGE_QUERY)).route;
    assert.equal(person.redirectTo, null);
    assert.equal(person.node.__typename, 'Person');
    assert.ok(person.node.coMentionedPeople.length > 0, 'the example person shares stories with someone');
    assert.ok(person.node.timeline.some((month: { articles: number }) => month.articles > 0));
    assert.ok(
      person.node.mentionedIn.edges.some((edge: { node: { related: unknown[] } }) => edge.node.related.length > 0),
    );

    const organization = (await lede.data(ENTITY_PAGE_QUERY, { path: '/organizations/harbourview-city-council' }))
      .route;
    assert.equal(organization.node.__typename, 'Organization');
    assert.ok(organization.node.coMentionedPeople.length > 0);
  });

  it('is shown verbatim in the README', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    assert.ok(readme.includes(`\`\`\`graphql\n${ENTITY_PAGE_QUERY}\`\`\``), `README lacks:\n${ENTITY_PAGE_QUERY}`);
  });
});
