import DataLoader from 'dataloader';
import type { Article, Prisma } from '../../generated/prisma/client.ts';
import type { Db } from '../db/client.ts';
import { jsonFindMany } from '../engine/json-find-many.ts';
import { createRelatedArticlesLoader } from './related.ts';
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
  articlesSelecting: (scope: Scope) => {
    const loaders = new Map<string, DataLoader<number, Article | null>>();
    return (query: ArticleQuery) => {
      const key = JSON.stringify(query);
      let loader = loaders.get(key);
      if (!loader) {
        loader = visibleArticlesLoader(scope, query);
        loaders.set(key, loader);
      }
      return loader;
    };
  },
  relatedArticles: (scope: Scope) => createRelatedArticlesLoader(scope.prisma, scope),
};
