import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleLoaders } from '../src/articles/loaders.ts';
import { createRelatedArticlesLoader } from '../src/articles/related.ts';
import { lazyLoaders } from '../src/shared/lazy-loaders.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { Newsroom } from './support/newsroom.ts';

const RELATED = `query ($slug: String!, $first: Int) {
  article(slug: $slug) { id related(first: $first) { id slug } }
}`;
const RELATED_DEFAULT = 'query ($slug: String!) { article(slug: $slug) { related { slug } } }';

const day = (offset: number) => new Date(Date.UTC(2026, 5, 1, 12) + offset * 86_400_000).toISOString();

describe(`Article.related (${databaseKind})`, () => {
  let lede: TestGateway;
  let reader: string;
  afterAll(() => lede?.close());

  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    reader = await lede.apiKey('READER');
    const newsroom = await Newsroom.open(lede);
    const local = await newsroom.section('Local');
    const [mayor, clerk, filler] = [
      await newsroom.person('Ada Mayor'),
      await newsroom.person('Bo Clerk'),
      await newsroom.person('Cy Filler'),
    ];
    const council = await newsroom.organization('Harbour Council');
    const story = (slug: string, offset: number, extra: Partial<Parameters<Newsroom['article']>[0]>) =>
      newsroom.article({ slug, headline: slug.replace(/-/g, ' '), section: local, publishedAt: day(offset), ...extra });

    // The source: mayor ×3, clerk ×1, council ×2. Scores below are (shared mention weight) × 30 / (30 + days apart).
    await story('harbour-bridge-vote-delayed', 0, {
      people: { [mayor]: 3, [clerk]: 1 },
      organizations: { [council]: 2 },
    });
    await story('mayor-speaks', 1, { people: { [mayor]: 1 } }); // 1 × 30/31 ≈ 0.968
    await story('mayor-and-council-meet', 10, { people: { [mayor]: 3 }, organizations: { [council]: 2 } }); // 5 × 30/40 = 3.75
    await story('clerk-resigns', 0, { people: { [clerk]: 5 } }); // min(1, 5) = 1 × 30/30 = 1
    await story('mayor-on-holiday', 90, { people: { [mayor]: 2 } }); // 2 × 30/120 = 0.5
    // 2 × 30/60 = 1, and two headline words (harbour, bridge) in common: before the other 1s.
    await story('harbour-bridge-tolls-rise', -30, { people: { [mayor]: 1 }, organizations: { [council]: 1 } });
    // 1 × 30/30 = 1 and the same time as clerk-resigns: created later, so the higher ID goes first.
    await story('council-minutes-published', 0, { organizations: { [council]: 1 } });
    // Shares words but no one: never related.
    await story('harbour-bridge-opens', 2, { people: { [filler]: 1 } });
    // Hidden from the public: a draft and a scheduled story, both about the mayor.
    await story('mayor-draft', 0, { people: { [mayor]: 9 }, status: 'DRAFT', publishedAt: undefined });
    await story('mayor-scheduled', 0, { people: { [mayor]: 9 }, publishedAt: '2099-01-01T00:00:00.000Z' });
    // Filler stories that mention only each other's person, for the batching test.
    for (let index = 0; index < 20; index++) {
      await story(`filler-${index}`, 100 + index, { people: { [filler]: 1 + (index % 3) } });
    }
  });

  const related = async (slug: string, first?: number, apiKey?: string) => {
    const { article } = await lede.data(RELATED, { slug, first }, { apiKey });
    return article.related.map((entry: { slug: string }) => entry.slug);
  };

  it('ranks by shared people and organizations, weighted by mention counts and closeness in time', async () => {
    expect(await related('harbour-bridge-vote-delayed', 20)).toStrictEqual([
      'mayor-and-council-meet',
      'harbour-bridge-tolls-rise',
      'council-minutes-published',
      'clerk-resigns',
      'mayor-speaks',
      'mayor-on-holiday',
    ]);
  });

  it('returns 5 by default and at most `first`, the same prefix of the full ranking', async () => {
    const full = await related('harbour-bridge-vote-delayed', 20);
    const { article } = await lede.data(RELATED_DEFAULT, { slug: 'harbour-bridge-vote-delayed' });
    expect(article.related.map((entry: { slug: string }) => entry.slug)).toStrictEqual(full.slice(0, 5));
    expect(await related('harbour-bridge-vote-delayed', 2)).toStrictEqual(full.slice(0, 2));
  });

  it('never lists the article itself, and only lists articles that share someone', async () => {
    for (const slug of ['harbour-bridge-vote-delayed', 'mayor-speaks', 'filler-3', 'harbour-bridge-opens']) {
      const list = await related(slug, 20);
      expect(!list.includes(slug), `${slug} lists itself`).toBeTruthy();
    }
    expect(!(await related('harbour-bridge-vote-delayed', 20)).includes('harbour-bridge-opens')).toBeTruthy();
  });

  it('shows drafts and scheduled articles only with an API key', async () => {
    const anonymous = await related('mayor-speaks', 20);
    expect(!anonymous.includes('mayor-draft') && !anonymous.includes('mayor-scheduled')).toBeTruthy();
    const preview = await related('mayor-speaks', 20, reader);
    expect(preview.includes('mayor-draft') && preview.includes('mayor-scheduled'), preview.join(', ')).toBeTruthy();
  });

  it('refuses `first` outside 1 to 20 with a clear error', async () => {
    for (const first of [0, 21, -1]) {
      const result = await lede.execute(RELATED, { slug: 'mayor-speaks', first });
      expect(result.errors?.length).toBe(1);
      expect(result.errors?.[0]?.message ?? '').toMatch(/first/);
    }
  });

  it('loads related articles for a whole list in the same number of statements for 2 and 20 articles', async () => {
    const query = `query ($first: Int!) {
      articles(first: $first) { edges { node { slug related(first: 5) { slug section { name } } } } }
    }`;
    const few = await lede.data(query, { first: 2 });
    const fewStatements = lede.statements.length;
    const many = await lede.data(query, { first: 20 });
    expect(many.articles.edges.length).toBe(20);
    expect(
      few.articles.edges.every((edge: { node: { related: unknown[] } }) => edge.node.related.length > 0),
    ).toBeTruthy();
    expect(lede.statements.length, lede.statements.join('\n')).toBe(fewStatements);
  });

  it('ranks an article alone (an article page) as it ranks it among others (a list)', async () => {
    // One source article and several go through different statements (see relatedSql).
    const prisma = lede.database.prisma;
    const sources = await prisma.article.findMany({ where: { slug: { startsWith: 'harbour-bridge' } } });
    expect(sources.length).toBeGreaterThan(1);
    const visibility = { now: new Date(), preview: false };
    const together = await createRelatedArticlesLoader(prisma, visibility).loadMany(
      sources.map((source) => ({ articleId: source.id, first: 5 })),
    );
    const alone = [];
    for (const source of sources) {
      alone.push(await createRelatedArticlesLoader(prisma, visibility).load({ articleId: source.id, first: 5 }));
    }
    expect(together.flat().length).toBeGreaterThan(0);
    expect(alone).toStrictEqual(together);
  });

  it('loads the ranked articles in the ranking statement, and by id when the engine cannot compile the selection', async () => {
    const prisma = lede.database.prisma;
    const source = await prisma.article.findFirstOrThrow({ where: { slug: 'harbour-bridge-vote-delayed' } });
    const key = { articleId: source.id, first: 5 };
    const loaders = () => lazyLoaders({ prisma, now: new Date(), preview: false }, articleLoaders);
    lede.statements.length = 0;
    const inOne = await loaders()
      .relatedArticlesSelecting({ select: { id: true, slug: true } })
      .load(key);
    expect(lede.statements.length, 'one statement ranks and loads them').toBe(1);
    // `_count` is beyond the engine (json-statement.ts): the ids come first, then the articles.
    lede.statements.length = 0;
    const query = { select: { id: true, slug: true, _count: { select: { bylines: true } } } };
    const byIds = await loaders().relatedArticlesSelecting(query).load(key);
    expect(lede.statements.length, 'the ranking, then the articles').toBe(2);
    expect(inOne.map((article) => article.slug)).toStrictEqual([
      'mayor-and-council-meet',
      'harbour-bridge-tolls-rise',
      'council-minutes-published',
      'clerk-resigns',
      'mayor-speaks',
    ]);
    expect(byIds.map((article) => article.slug)).toStrictEqual(inOne.map((article) => article.slug));
    // A transaction's client has no text statements: the same statement goes through Prisma.
    const inTransaction = await prisma.$transaction((transaction) =>
      lazyLoaders({ prisma: transaction as typeof prisma, now: new Date(), preview: false }, articleLoaders)
        .relatedArticlesSelecting({ select: { id: true, slug: true } })
        .load(key),
    );
    expect(inTransaction).toStrictEqual(inOne);
  });

  it('ranks the same inside a transaction, where the statement goes through Prisma', async () => {
    const prisma = lede.database.prisma;
    const sources = await prisma.article.findMany({ where: { slug: { startsWith: 'harbour-bridge' } } });
    const keys = sources.map((source) => ({ articleId: source.id, first: 5 }));
    const visibility = { now: new Date(), preview: false };
    const outside = await createRelatedArticlesLoader(prisma, visibility).loadMany(keys);
    const inside = await prisma.$transaction((transaction) =>
      createRelatedArticlesLoader(transaction as typeof prisma, visibility).loadMany(keys),
    );
    expect(outside.flat().length).toBeGreaterThan(0);
    expect(inside).toStrictEqual(outside);
  });
});
