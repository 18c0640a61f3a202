import DataLoader from 'dataloader';
import type { Article, Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { jsonFindMany, jsonFindManyFrom } from '../engine/json-find-many.ts';
import {
  createRelatedArticlesLoader,
  idsByKey,
  RANKED_IDS,
  RANKED_PAIRS,
  type RelatedKey,
  relatedKeyOf,
  relatedRankingWith,
} from './related.ts';
import { type Visibility, visibleArticleWhere } from './visibility.ts';

type Scope = Db & Visibility;

/** What Pothos passes a Prisma field resolver: the columns and relations the query selects. */
export type ArticleQuery = { select?: Prisma.ArticleSelect; include?: Prisma.ArticleInclude };

/** Articles the viewer may see, by id, with the columns and relations `query` asks for. */
const visibleArticlesLoader = (scope: Scope, query: ArticleQuery) =>
  new DataLoader<number, Article | null>(async (ids) => {
    const rows = await jsonFindMany<Article>(scope.prisma, 'Article', {
      ...query,
      where: { id: { in: [...ids] }, ...visibleArticleWhere(scope) },
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** The articles' loaders, by the name the schema reads them under (`context.loaders.article`, …). */
export const articleLoaders = {
  article: (scope: Scope) => visibleArticlesLoader(scope, {}),
  /**
   * One loader per distinct Pothos selection, so articles found by hand-written SQL (related,
   * timelines) load with exactly the columns and relations the GraphQL query asks for.
   */
  articlesSelecting: (scope: Scope) => perSelection((query) => visibleArticlesLoader(scope, query)),
  relatedArticles: (scope: Scope) => createRelatedArticlesLoader(scope.prisma, scope),
  /**
   * Related articles with the columns and relations `query` asks for, ranked and loaded in one
   * statement; a selection the engine cannot compile loads the ids first, then the articles.
   */
  relatedArticlesSelecting: (scope: Scope, loaders: ArticleLoaders) =>
    perSelection(
      (query) =>
        new DataLoader<RelatedKey, Article[], string>(
          async (keys) => {
            const found = await jsonFindManyFrom<Article>(
              scope.prisma,
              'Article',
              { ...query, where: visibleArticleWhere(scope) },
              { with: relatedRankingWith(keys, scope), ids: RANKED_IDS, beside: RANKED_PAIRS },
            );
            if (!found) return Promise.all(keys.map((related) => relatedByIds(loaders, query, related)));
            const byId = new Map(found.rows.map((row) => [row.id, row]));
            return idsByKey(keys, found.beside as [number, number][]).map((ids) =>
              ids.flatMap((id) => byId.get(id) ?? []),
            );
          },
          { cacheKeyFn: relatedKeyOf },
        ),
    ),
};

/** One loader per distinct Pothos selection, made on first use and kept for the request. */
function perSelection<Loader>(make: (query: ArticleQuery) => Loader): (query: ArticleQuery) => Loader {
  const loaders = new Map<string, Loader>();
  return (query) => {
    const key = JSON.stringify(query);
    let loader = loaders.get(key);
    if (!loader) {
      loader = make(query);
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** The loaders `relatedByIds` reads (named here: the type of the whole set refers back to this one). */
type ArticleLoaders = {
  relatedArticles: DataLoader<RelatedKey, number[], string>;
  articlesSelecting: (query: ArticleQuery) => DataLoader<number, Article | null>;
};

/** Related articles in two statements: the ranking's ids, then the articles by id. */
async function relatedByIds(loaders: ArticleLoaders, query: ArticleQuery, key: RelatedKey): Promise<Article[]> {
  const ids = await loaders.relatedArticles.load(key);
  const articles = await Promise.all(ids.map((id) => loaders.articlesSelecting(query).load(id)));
  // An article unpublished between the two statements is left out rather than failing the list.
  return articles.filter((entry) => entry !== null);
}
