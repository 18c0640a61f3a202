import DataLoader from 'dataloader';
import type {
  Article,
  ArticleImage,
  Image,
  Organization,
  Person,
  Prisma,
  PrismaClient,
  Section,
} from '../generated/prisma/client.ts';
import { createRelatedArticlesLoader } from './articles/related.ts';
import { type Visibility, visibleArticleSql, visibleArticleWhere } from './articles/visibility.ts';
import { createCollectionLoaders } from './collections/loaders.ts';
import { jsonFindMany } from './engine/json-find-many.ts';
import { createCoMentionLoader } from './entities/co-mentions.ts';
import { createTimelineLoader } from './entities/timeline.ts';
import { SectionTree } from './sections/tree.ts';

/** What Pothos passes a Prisma field resolver: the columns and relations the query selects. */
type ArticleQuery = { select?: Prisma.ArticleSelect; include?: Prisma.ArticleInclude };

/** Loaders batch every lookup made while one request resolves; a new set is made per request. */
export type Loaders = ReturnType<typeof createLoaders>;

export function createLoaders(prisma: PrismaClient, visibility: Visibility) {
  const visible = (alias: string) => visibleArticleSql(visibility, alias);
  const byId = <T extends { id: number }>(rows: readonly T[], ids: readonly number[]) => {
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  };
  const countsById = (rows: { id: number; count: bigint | number }[], ids: readonly number[]) => {
    const map = new Map(rows.map((row) => [row.id, Number(row.count)]));
    return ids.map((id) => map.get(id) ?? 0);
  };

  let sectionTree: Promise<SectionTree> | undefined;
  const loadSectionTree = () => {
    // Every section page and section filter needs it: one JSON statement, not Prisma's row mapping.
    sectionTree ??= jsonFindMany<Section>(prisma, 'Section', {}).then((sections) => new SectionTree(sections));
    return sectionTree;
  };

  // One loader per distinct Pothos selection, so articles found by hand-written SQL (related,
  // timelines) load with exactly the columns and relations the GraphQL query asks for.
  const articleLoadersBySelection = new Map<string, DataLoader<number, Article | null>>();
  const articlesSelecting = (query: ArticleQuery) => {
    const key = JSON.stringify(query);
    let loader = articleLoadersBySelection.get(key);
    if (!loader) {
      loader = new DataLoader<number, Article | null>(async (ids) =>
        byId(
          await jsonFindMany<Article>(prisma, 'Article', {
            ...query,
            where: { id: { in: [...ids] }, ...visibleArticleWhere(visibility) },
          }),
          ids,
        ),
      );
      articleLoadersBySelection.set(key, loader);
    }
    return loader;
  };

  return {
    sectionTree: loadSectionTree,
    articlesSelecting,

    article: new DataLoader<number, Article | null>(async (ids) =>
      byId(
        await jsonFindMany<Article>(prisma, 'Article', {
          where: { id: { in: [...ids] }, ...visibleArticleWhere(visibility) },
        }),
        ids,
      ),
    ),
    section: new DataLoader<number, Section | null>(async (ids) => {
      const tree = await loadSectionTree();
      return ids.map((id) => tree.get(id) ?? null);
    }),
    person: new DataLoader<number, Person | null>(async (ids) =>
      byId(await jsonFindMany<Person>(prisma, 'Person', { where: { id: { in: [...ids] } } }), ids),
    ),
    organization: new DataLoader<number, Organization | null>(async (ids) =>
      byId(await jsonFindMany<Organization>(prisma, 'Organization', { where: { id: { in: [...ids] } } }), ids),
    ),

    /** Public articles filed in a section or any section below it, counted once each. */
    sectionArticleCount: new DataLoader<number, number>(async (ids) => {
      const tree = await loadSectionTree();
      const roots: number[] = [];
      const members: number[] = [];
      for (const id of ids) {
        for (const member of tree.subtreeIds(id)) {
          roots.push(id);
          members.push(member);
        }
      }
      const rows = await prisma.$queryRaw<{ id: number; count: bigint }[]>`
        WITH placement AS (
          SELECT a."id" AS article_id, a."sectionId" AS section_id FROM "Article" a
          WHERE ${visible('a')}
          UNION
          SELECT x."articleId", x."sectionId" FROM "ArticleSection" x
          JOIN "Article" a ON a."id" = x."articleId"
          WHERE ${visible('a')}
        )
        SELECT tree.root AS id, count(DISTINCT placement.article_id) AS count
        FROM unnest(${roots}::int[], ${members}::int[]) AS tree(root, member)
        JOIN placement ON placement.section_id = tree.member
        GROUP BY tree.root`;
      return countsById(rows, ids);
    }),

    /** Public articles with the person in the byline. */
    personArticleCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await prisma.$queryRaw`
          SELECT b."personId" AS id, count(DISTINCT b."articleId") AS count
          FROM "Byline" b JOIN "Article" a ON a."id" = b."articleId"
          WHERE b."personId" = ANY(${[...ids]}::int[])
            AND ${visible('a')}
          GROUP BY b."personId"`,
        ids,
      ),
    ),

    /** Public articles that mention the person. */
    personMentionCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await prisma.$queryRaw`
          SELECT m."personId" AS id, count(*) AS count
          FROM "PersonMention" m JOIN "Article" a ON a."id" = m."articleId"
          WHERE m."personId" = ANY(${[...ids]}::int[])
            AND ${visible('a')}
          GROUP BY m."personId"`,
        ids,
      ),
    ),

    /** Public articles that mention the organization. */
    organizationMentionCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await prisma.$queryRaw`
          SELECT m."organizationId" AS id, count(*) AS count
          FROM "OrganizationMention" m JOIN "Article" a ON a."id" = m."articleId"
          WHERE m."organizationId" = ANY(${[...ids]}::int[])
            AND ${visible('a')}
          GROUP BY m."organizationId"`,
        ids,
      ),
    ),

    image: new DataLoader<number, Image | null>(async (ids) =>
      byId(await prisma.image.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    /** An article's body images with their image rows, in reading order. */
    articleBodyImages: new DataLoader<number, (ArticleImage & { image: Image })[]>(async (ids) => {
      const rows = await prisma.articleImage.findMany({
        where: { articleId: { in: [...ids] } },
        include: { image: true },
        orderBy: [{ articleId: 'asc' }, { position: 'asc' }],
      });
      return ids.map((id) => rows.filter((row) => row.articleId === id));
    }),

    relatedArticles: createRelatedArticlesLoader(prisma, visibility),
    coMentions: {
      personPeople: createCoMentionLoader(prisma, visibility, 'Person', 'Person'),
      personOrganizations: createCoMentionLoader(prisma, visibility, 'Person', 'Organization'),
      organizationPeople: createCoMentionLoader(prisma, visibility, 'Organization', 'Person'),
      organizationOrganizations: createCoMentionLoader(prisma, visibility, 'Organization', 'Organization'),
    },
    collections: createCollectionLoaders(prisma, visibility, loadSectionTree),
    personTimeline: createTimelineLoader(prisma, visibility, 'Person'),
    organizationTimeline: createTimelineLoader(prisma, visibility, 'Organization'),
  };
}
