import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

// The schema's side of the rule is checked for every schema file in schema-boundary.test.ts.
describe(`an entity timeline counts published articles the viewer may see (${databaseKind})`, () => {
  let lede: TestGateway;
  let reader: string;
  let slug: string;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    reader = await lede.apiKey('READER');
    const newsroom = await Newsroom.open(lede);
    const section = await newsroom.section('News');
    const person = await newsroom.person('Sam Scheduled');
    slug = (await lede.data(`query ($id: ID!) { node(id: $id) { ... on Person { slug } } }`, { id: person })).node.slug;
    const people = { [person]: 1 };
    await newsroom.article({ headline: 'Out in May', section, publishedAt: '2025-05-02T09:00:00Z', people });
    await newsroom.article({ headline: 'Due in 2099', section, publishedAt: '2099-07-01T09:00:00Z', people });
    await newsroom.article({ headline: 'Drafted', section, status: 'DRAFT', people });
    await newsroom.article({
      headline: 'Archived',
      section,
      status: 'ARCHIVED',
      publishedAt: '2025-06-01T09:00:00Z',
      people,
    });
  });

  const timeline = async (apiKey?: string) =>
    (
      await lede.data(
        'query ($slug: String!) { person(slug: $slug) { timeline(to: "2025-12") { month articles } } }',
        { slug },
        { apiKey },
      )
    ).person.timeline;
  const scheduled = async (apiKey?: string) =>
    (
      await lede.data(
        'query ($slug: String!) { person(slug: $slug) { timeline(from: "2099-01") { month articles } } }',
        { slug },
        { apiKey },
      )
    ).person.timeline;

  it('anonymous clients: only the public article', async () => {
    expect(await timeline()).toStrictEqual([{ month: '2025-05', articles: 1 }]);
    expect(await scheduled()).toStrictEqual([]);
  });

  it('preview: the scheduled article too, never a draft or an archived one', async () => {
    expect(await timeline(reader)).toStrictEqual([{ month: '2025-05', articles: 1 }]);
    expect(await scheduled(reader)).toStrictEqual([{ month: '2099-07', articles: 1 }]);
  });
});
