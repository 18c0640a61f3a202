import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const DELETE = `mutation ($input: DeleteArticleInput!) {
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
  afterAll(() => lede?.close());
  beforeAll(async () => {
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
    expect(result.__typename).toBe('CreateArticleSuccess');
    const article = result.article;
    expect(article.slug).toBe('harbour-tunnel-plan-leaks');
    expect(article.status).toBe('DRAFT');
    expect(article.version).toBe(1);
    expect(article.publishedAt).toBe(null);
    expect(article.bylines).toStrictEqual([{ role: 'AUTHOR', person: { slug: 'maya-chen' } }]);

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
    expect(anonymous.bySlug).toBe(null);
    expect(anonymous.byId).toBe(null);
    expect(!anonymous.list.edges.some((edge: { node: { id: string } }) => edge.node.id === article.id)).toBeTruthy();
    expect(
      !anonymous.author.articles.edges.some((edge: { node: { id: string } }) => edge.node.id === article.id),
    ).toBeTruthy();
    expect(preview.bySlug.id).toBe(article.id);
    expect(preview.byId.id).toBe(article.id);
    expect(preview.list.totalCount).toBe(anonymous.list.totalCount + 1);
    expect(preview.section.articleCount).toBe(anonymous.section.articleCount + 1);
    expect(preview.section.articles.totalCount).toBe(anonymous.section.articles.totalCount + 1);
    expect(preview.author.articleCount).toBe(anonymous.author.articleCount + 1);
  });

  it('publishes now, or schedules for later and goes public on time without a restart', async () => {
    const { article } = await create({ headline: 'Ferry Timetable Changes' });
    const now = await lede.data(
      PUBLISH,
      { input: { article: article.id, version: article.version } },
      { apiKey: editor },
    );
    expect(now.publishArticle.article.status).toBe('PUBLISHED');
    expect(now.publishArticle.article.version).toBe(2);
    expect((await lede.data(BY_SLUG, { slug: article.slug })).article.id).toBe(article.id);

    const { article: later } = await create({ headline: 'Embargoed Budget Leak' });
    const at = new Date(Date.now() + 4000).toISOString();
    const scheduled = await lede.data(PUBLISH, { input: { article: later.id, version: 1, at } }, { apiKey: editor });
    expect(scheduled.publishArticle.article.publishedAt).toBe(at);
    expect((await lede.data(BY_SLUG, { slug: later.slug })).article, 'not public before its time').toBe(null);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(at) - Date.now() + 100));
    expect((await lede.data(BY_SLUG, { slug: later.slug })).article.id, 'public once its time comes').toBe(later.id);
  });

  it('keeps the slug when the headline changes, and old slugs keep resolving when the slug does', async () => {
    const { article } = await create({ headline: 'Original Headline', status: 'PUBLISHED' });
    const renamed = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, headline: 'Better Headline' } },
      { apiKey: editor },
    );
    expect(renamed.updateArticle.article.slug).toBe('original-headline');
    const moved = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 2, slug: 'better-headline' } },
      { apiKey: editor },
    );
    expect(moved.updateArticle.article.slug).toBe('better-headline');
    expect(moved.updateArticle.article.formerSlugs).toStrictEqual(['original-headline']);
    const old = await lede.data(BY_SLUG, { slug: 'original-headline' });
    expect(old.article).toStrictEqual({ id: article.id, slug: 'better-headline', status: 'PUBLISHED' });
  });

  it('rejects a stale version with a conflict that says what changed, and writes nothing', async () => {
    const { article } = await create({ headline: 'Conflict Story' });
    const first = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, headline: 'Editor A' } },
      { apiKey: editor },
    );
    expect(first.updateArticle.article.version).toBe(2);
    const stale = await lede.data(
      UPDATE,
      { input: { article: article.id, version: 1, paragraphs: ['Editor B rewrote it.'] } },
      { apiKey: editor },
    );
    expect(stale.updateArticle.__typename).toBe('ConflictError');
    expect(stale.updateArticle.currentVersion).toBe(2);
    expect(stale.updateArticle.changedFields).toStrictEqual(['headline']);
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: article.slug } });
    expect(stored.body).toBe('First paragraph.\n\nSecond one.');
  });

  it('lets exactly one of many concurrent saves of the same version win', async () => {
    const { article } = await create({ headline: 'Race Story' });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        lede.data(UPDATE, { input: { article: article.id, version: 1, headline: `Writer ${n}` } }, { apiKey: editor }),
      ),
    );
    const outcomes = attempts.map((attempt) => attempt.updateArticle.__typename).sort();
    expect(outcomes).toStrictEqual(['ConflictError', ...Array(6).fill('ConflictError'), 'UpdateArticleSuccess'].sort());
    const winner = attempts.find((attempt) => attempt.updateArticle.__typename === 'UpdateArticleSuccess');
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: article.slug } });
    expect(stored.version).toBe(2);
    expect(stored.headline).toBe(winner?.updateArticle.article.headline);
  });

  it('returns typed errors a form can show per field', async () => {
    const blank = await create({ headline: '   ' });
    expect(blank.__typename).toBe('ValidationError');
    expect(blank.problems).toStrictEqual([{ field: 'headline', message: 'must not be empty' }]);

    const huge = await create({ headline: 'Huge', paragraphs: ['x'.repeat(100_001)] });
    expect(huge.__typename).toBe('ValidationError');
    expect(huge.problems[0].message).toMatch(/limit is 100000/);

    const existing = await lede.database.prisma.article.findFirstOrThrow({ where: { status: 'PUBLISHED' } });
    const duplicate = await create({ headline: 'Duplicate', slug: existing.slug });
    expect(duplicate.__typename).toBe('ValidationError');
    expect(duplicate.problems[0].field).toBe('slug');

    const unknownSection = await create({ headline: 'Lost', section: id('Section', 999999) });
    expect(unknownSection.__typename).toBe('NotFoundError');
    expect(unknownSection.field).toBe('section');

    const badDate = await lede.execute(
      PUBLISH,
      { input: { article: id('Article', existing.id), version: 1, at: 'next Tuesday' } },
      { apiKey: editor },
    );
    expect(badDate.errors?.[0]?.message ?? '').toMatch(/at/);
  });

  it('enforces roles: anonymous and readers may not write, and nothing is written', async () => {
    const before = await lede.database.prisma.article.count();
    const input = { headline: 'Forbidden', section: sectionId, paragraphs: ['No.'] };
    const anonymous = await lede.execute(CREATE, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const asReader = await lede.execute(CREATE, { input }, { apiKey: reader });
    expect(asReader.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badKey = await lede.gatewayResponse(CREATE, { input }, 'lede_not-a-real-key');
    expect(badKey.status).toBe(401);
    expect(await lede.database.prisma.article.count()).toBe(before);
  });

  it('deletes with the current version only', async () => {
    const { article } = await create({ headline: 'Short Lived' });
    const stale = await lede.data(DELETE, { input: { article: article.id, version: 7 } }, { apiKey: editor });
    expect(stale.deleteArticle.__typename).toBe('ConflictError');
    const done = await lede.data(DELETE, { input: { article: article.id, version: 1 } }, { apiKey: editor });
    expect(done.deleteArticle.deletedId).toBe(article.id);
    expect(await lede.database.prisma.article.count({ where: { slug: article.slug } })).toBe(0);
  });
});
