import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const ARTICLE_FIELDS =
  'id slug headline status version publishedAt standfirst paragraphs formerSlugs section { slug } bylines { role person { slug } }';
const RESULT = `
  __typename
  ... on Error { message }
  ... on ValidationError { problems { field message } }
  ... on ConflictError { expectedVersion currentVersion changedFields }
  ... on NotFoundError { field }`;

const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { ${RESULT} ... on CreateArticleSuccess { article { ${ARTICLE_FIELDS} } } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { ${RESULT} ... on UpdateArticleSuccess { article { ${ARTICLE_FIELDS} } } }
}`;
const PUBLISH = `mutation ($input: PublishArticleInput!) {
  publishArticle(input: $input) { ${RESULT} ... on PublishArticleSuccess { article { ${ARTICLE_FIELDS} } } }
}`;
const DELETE = `mutation ($input: VersionedArticleInput!) {
  deleteArticle(input: $input) { ${RESULT} ... on DeleteArticleSuccess { deletedId } }
}`;
const BY_SLUG = 'query ($slug: String!) { article(slug: $slug) { id slug status } }';

const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');

describe(`article mutations (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let reader: string;
  let sectionId: string;
  let personId: string;
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
    reader = await lede.apiKey('READER');
    sectionId = id('Section', (await lede.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } })).id);
    personId = id('Person', (await lede.database.prisma.person.findFirstOrThrow({ where: { slug: 'maya-chen' } })).id);
  });

  const create = async (input: Record<string, unknown>) => {
    const { createArticle } = await lede.data(
      CREATE,
      {
        input: { section: sectionId, paragraphs: ['First paragraph.', 'Second one.'], ...input },
      },
      { apiKey: editor },
    );
    return createArticle;
  };

  it('creates a draft that only API-key holders can see, anywhere', async () => {
    const result = await create({ headline: 'Harbour Tunnel Plan Leaks', bylines: [{ person: personId }] });
    assert.equal(result.__typename, 'CreateArticleSuccess');
    const article = result.article;
    assert.equal(article.slug, 'harbour-tunnel-plan-leaks');
    assert.equal(article.status, 'DRAFT');
    assert.equal(article.version, 1);
    assert.equal(article.publishedAt, null);
    assert.deepEqual(article.bylines, [{ role: 'AUTHOR', person: { slug: 'maya-chen' } }]);

    const everywhere = `query ($id: ID!, $slug: String!, $section: ID!) {
      bySlug: article(slug: $slug) { id }
      byId: node(id: $id) { id }
      list: articles(first: 100, filter: { sections: [$section] }) { totalCount edges { node { id } } }
      section: node(id: $section) { ... on Section { articleCount articles(first: 100) { totalCount } } }
      author: person(slug: "maya-chen") { articleCount articles(first: 100) { edges { node { id } } } }
    }`;
    const variables = { id: article.id, slug: article.slug, section: sectionId };
    const anonymous = await lede.data(everywhere, variables);
    const preview = await lede.data(everywhere, variables, { apiKey: reader });
    assert.equal(anonymous.bySlug, null);
    assert.equal(anonymous.byId, null);
    assert.ok(!anonymous.list.edges.some((edge: { node: { id: string } }) => edge.node.id === article.id));
    assert.ok(!anonymous.author.articles.edges.some((edge: { node: { id: string } }) => edge.node.id === article.id));
    assert.equal(preview.bySlug.id, article.id);
    assert.equal(preview.byId.id, article.id);
    assert.equal(preview.list.totalCount, anonymous.list.totalCount + 1);
    assert.equal(preview.section.articleCount, anonymous.section.articleCount + 1);
    assert.equal(preview.section.articles.totalCount, anonymous.section.articles.totalCount + 1);
    assert.equal(preview.author.articleCount, anonymous.author.articleCount + 1);
  });

  it('publishes now, or schedules for later and goes public on time without a restart', async () => {
    const { article } = await create({ headline: 'Ferry Timetable Changes' });
    const now = await lede.data(
      PUBLISH,
      { input: { article: article.id, version: article.version } },
      { apiKey: editor },
    );
    assert.equal(now.publishArticle.article.status, 'PUBLISHED');
    assert.equal(now.publishArticle.article.version, 2);
    assert.equal((await lede.data(BY_SLUG, { slug: article.slug })).article.id, article.id);

    const { article: later } = await create({ headline: 'Embargoed Budget Leak' });
    const at = new Date(Date.now() + 4000).toISOString();
    const scheduled = await lede.data(PUBLISH, { input: { article: later.id, version: 1, at } }, { apiKey: editor });
    assert.equal(scheduled.publishArticle.article.publishedAt, at);
    assert.equal((await lede.data(BY_SLUG, { slug: later.slug })).article, null, 'not public before its time');
    await new Promise((resolve) => setTimeout(resolve, Date.parse(at) - Date.now() + 100));
    assert.equal((await lede.data(BY_SLUG, { slug: later.slug })).article.id, later.id, 'public once its time comes');
  });

  it('keeps the slug when the headline changes, and old slugs keep resolving when the slug does', async () => {
    const { article } = await create({ headline: 'Original Headline', status: 'PUBLISHED' });
    const renamed = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, headline: 'Better Headline' } },
      { apiKey: editor },
    );
    assert.equal(renamed.updateArticle.article.slug, 'original-headline');
    const moved = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 2, slug: 'better-headline' } },
      { apiKey: editor },
    );
    assert.equal(moved.updateArticle.article.slug, 'better-headline');
    assert.deepEqual(moved.updateArticle.article.formerSlugs, ['original-headline']);
    const old = await lede.data(BY_SLUG, { slug: 'original-headline' });
    assert.deepEqual(old.article, { id: article.id, slug: 'better-headline', status: 'PUBLISHED' });
  });

  it('rejects a stale version with a conflict that says what changed, and writes nothing', async () => {
    const { article } = await create({ headline: 'Conflict Story' });
    const first = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, headline: 'Editor A' } },
      { apiKey: editor },
    );
    assert.equal(first.updateArticle.article.version, 2);
    const stale = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, paragraphs: ['Editor B rewrote it.'] } },
      { apiKey: editor },
    );
    assert.equal(stale.updateArticle.__typename, 'ConflictError');
    assert.equal(stale.updateArticle.currentVersion, 2);
    assert.deepEqual(stale.updateArticle.changedFields, ['headline']);
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: article.slug } });
    assert.equal(stored.body, 'First paragraph.\n\nSecond one.');
  });

  it('lets exactly one of many concurrent saves of the same version win', async () => {
    const { article } = await create({ headline: 'Race Story' });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        lede.data(UPDATE, { input: { article: article.id, version: 1, headline: `Writer ${n}` } }, { apiKey: editor }),
      ),
    );
    const outcomes = attempts.map((attempt) => attempt.updateArticle.__typename).sort();
    assert.deepEqual(outcomes, ['ConflictError', ...Array(6).fill('ConflictError'), 'UpdateArticleSuccess'].sort());
    const winner = attempts.find((attempt) => attempt.updateArticle.__typename === 'UpdateArticleSuccess');
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: article.slug } });
    assert.equal(stored.version, 2);
    assert.equal(stored.headline, winner?.updateArticle.article.headline);
  });

  it('returns typed errors a form can show per field', async () => {
    const blank = await create({ headline: '   ' });
    assert.equal(blank.__typename, 'ValidationError');
    assert.deepEqual(blank.problems, [{ field: 'headline', message: 'must not be empty' }]);

    const huge = await create({ headline: 'Huge', paragraphs: ['x'.repeat(100_001)] });
    assert.equal(huge.__typename, 'ValidationError');
    assert.match(huge.problems[0].message, /limit is 100000/);

    const existing = await lede.database.prisma.article.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const duplicate = await create({ headline: 'Duplicate', slug: existing.slug });
    assert.equal(duplicate.__typename, 'ValidationError');
    assert.equal(duplicate.problems[0].field, 'slug');

    const unknownSection = await create({ headline: 'Lost', section: id('Section', 999999) });
    assert.equal(unknownSection.__typename, 'NotFoundError');
    assert.equal(unknownSection.field, 'section');

    const badDate = await lede.execute(
      PUBLISH,
      { input: { article: id('Article', existing.id), version: 1, at: 'next Tuesday' } },
      { apiKey: editor },
    );
    assert.match(badDate.errors?.[0]?.message ?? '', /at/);
  });

  it('enforces roles: anonymous and readers may not write, and nothing is written', async () => {
    const before = await lede.database.prisma.article.count();
    const input = { headline: 'Forbidden', section: sectionId, paragraphs: ['No.'] };
    const anonymous = await lede.execute(CREATE, { input });
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const asReader = await lede.execute(CREATE, { input }, { apiKey: reader });
    assert.equal(asReader.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const badKey = await lede.gatewayResponse(CREATE, { input }, 'lede_not-a-real-key');
    assert.equal(badKey.status, 401);
    assert.equal(await lede.database.prisma.article.count(), before);
  });

  it('deletes with the current version only', async () => {
    const { article } = await create({ headline: 'Short Lived' });
    const stale = await lede.data(DELETE, { input: { article: article.id, version: 7 } }, { apiKey: editor });
    assert.equal(stale.deleteArticle.__typename, 'ConflictError');
    const done = await lede.data(DELETE, { input: { article: article.id, version: 1 } }, { apiKey: editor });
    assert.equal(done.deleteArticle.deletedId, article.id);
    assert.equal(await lede.database.prisma.article.count({ where: { slug: article.slug } }), 0);
  });
});
