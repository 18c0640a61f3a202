import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { textStatement } from '../db/client.ts';
import type { Visibility } from './visibility.ts';
import { visibleArticleSql } from './visibility.ts';

export const MAX_RELATED_ARTICLES = 20;
export const DEFAULT_RELATED_ARTICLES = 5;
/** Days apart at which two stories' shared-entity weight is halved. */
export const RELATED_HALF_WEIGHT_DAYS = 30;

export const RELATED_RANKING = [
  'Other articles that mention at least one of the same people or organizations, best first.',
  'Each person or organization both articles mention adds the smaller of its two mention counts;',
  `that sum is multiplied by ${RELATED_HALF_WEIGHT_DAYS} / (${RELATED_HALF_WEIGHT_DAYS} + days between the two publication times),`,
  `so a story ${RELATED_HALF_WEIGHT_DAYS} days away counts half (an unscheduled draft counts as published now; scores are compared to six decimal places).`,
  'Ties go to the article sharing more words (stemmed, English stop words ignored) between its headline and',
  "standfirst and this article's headline and standfirst, then to the newer article, then to the higher ID.",
  'Never the article itself; only articles the viewer may see.',
].join(' ');

export type RelatedKey = { articleId: number; first: number };

/**
 * The ids of related articles for many articles in one statement, best first: each source article
 * is scored once, at the largest `first` asked for it, and every key takes its own prefix. The
 * schema loads the articles themselves with the columns its query selects, in the same statement
 * where the engine can (articles/loaders.ts `relatedArticlesSelecting`), otherwise by id.
 */
export function createRelatedArticlesLoader(prisma: PrismaClient, visibility: Visibility) {
  return new DataLoader<RelatedKey, number[], string>(
    async (keys) => {
      // A named prepared statement where the client allows: PostgreSQL parses and plans its long text once per connection.
      const sql = Prisma.sql`WITH ${relatedRankingWith(keys, visibility)} SELECT ${RANKED_PAIRS}::text AS pairs`;
      return idsByKey(keys, JSON.parse((await textStatement(prisma, sql.text, sql.values)) ?? '[]'));
    },
    { cacheKeyFn: relatedKeyOf },
  );
}

export const relatedKeyOf = (key: RelatedKey) => `${key.articleId}:${key.first}`;

/** Over the ranking's `ranked`: the pairs kept, `[[source id, related id], …]`, each source's best first. */
export const RANKED_PAIRS = Prisma.sql`(SELECT coalesce(json_agg(json_build_array(source_id, other_id) ORDER BY source_id, position), '[]') FROM ranked WHERE position <= depth)`;
/** Over the ranking's `ranked`: the ids of every related article kept, as an int[]. */
export const RANKED_IDS = Prisma.sql`ARRAY(SELECT other_id FROM ranked WHERE position <= depth)`;

/** Each key's related ids, best first, from the ranked pairs. */
export function idsByKey(keys: readonly RelatedKey[], pairs: [number, number][]): number[][] {
  const ranked = new Map<number, number[]>();
  for (const [sourceId, otherId] of pairs) {
    const list = ranked.get(sourceId) ?? [];
    list.push(otherId);
    ranked.set(sourceId, list);
  }
  return keys.map((key) => (ranked.get(key.articleId) ?? []).slice(0, key.first));
}

const WORDS = (alias: string) =>
  Prisma.raw(
    `tsvector_to_array(to_tsvector('english', "${alias}"."headline" || ' ' || coalesce("${alias}"."standfirst", '')))`,
  );

/**
 * The ranking's WITH list for `keys`, each source article scored once at the largest `first` asked
 * for it; it ends with `ranked` (source_id, other_id, depth, position), read by RANKED_PAIRS and
 * RANKED_IDS.
 */
export function relatedRankingWith(keys: readonly RelatedKey[], visibility: Visibility): Prisma.Sql {
  const depth = new Map<number, number>();
  for (const key of keys) depth.set(key.articleId, Math.max(depth.get(key.articleId) ?? 0, key.first));
  const ids = [...depth.keys()];
  const depths = ids.map((id) => depth.get(id) as number);
  const now = Prisma.sql`${visibility.now}::timestamptz`;
  // One source article (an article page) is looked up by its key. PostgreSQL reckons `unnest` of
  // an array parameter at ten rows, which prices the statement's generic plan so far above a
  // custom one that it would plan the statement again on every call.
  const [onlyId] = ids;
  const source =
    ids.length === 1
      ? Prisma.sql`
      SELECT a."id", ${depths[0]}::int AS depth, coalesce(a."publishedAt", ${now}) AS at, ${WORDS('a')} AS words
      FROM "Article" a WHERE a."id" = ${onlyId}::int`
      : Prisma.sql`
      SELECT a."id", s.depth, coalesce(a."publishedAt", ${now}) AS at, ${WORDS('a')} AS words
      FROM unnest(${ids}::int[], ${depths}::int[]) AS s(id, depth)
      JOIN "Article" a ON a."id" = s.id`;
  return Prisma.sql`
    source AS (${source}
    ),
    shared AS (
      SELECT src."id" AS source_id, theirs."articleId" AS other_id, least(mine."count", theirs."count") AS weight
      FROM source src
      JOIN "PersonMention" mine ON mine."articleId" = src."id"
      JOIN "PersonMention" theirs ON theirs."personId" = mine."personId" AND theirs."articleId" <> src."id"
      UNION ALL
      SELECT src."id", theirs."articleId", least(mine."count", theirs."count")
      FROM source src
      JOIN "OrganizationMention" mine ON mine."articleId" = src."id"
      JOIN "OrganizationMention" theirs
        ON theirs."organizationId" = mine."organizationId" AND theirs."articleId" <> src."id"
    ),
    candidates AS (
      SELECT source_id, other_id, sum(weight) AS weight FROM shared GROUP BY source_id, other_id
    ),
    scored AS (
      SELECT c.source_id, c.other_id, src.depth, o."publishedAt", o."headline", o."standfirst",
        -- In millionths, so equal scores compare equal whatever the floating-point rounding.
        round(
          c.weight * ${RELATED_HALF_WEIGHT_DAYS * 1e6}::float8
            / (${RELATED_HALF_WEIGHT_DAYS}::float8 + abs(date_part('epoch', coalesce(o."publishedAt", ${now}) - src.at)) / 86400)
        ) AS score
      FROM candidates c
      JOIN source src ON src."id" = c.source_id
      JOIN "Article" o ON o."id" = c.other_id
      WHERE ${visibleArticleSql(visibility, 'o')}
    ),
    -- Words are compared only for candidates that can still make the list: those scoring at least
    -- the depth-th best score. Popular names give thousands of candidates; this keeps the text work small.
    cutoff AS (
      SELECT source_id, min(score) AS score
      FROM (
        SELECT source_id, score, depth, row_number() OVER (PARTITION BY source_id ORDER BY score DESC) AS position
        FROM scored
      ) by_score
      WHERE position <= depth
      GROUP BY source_id
    ),
    finalists AS (
      SELECT s.source_id, s.other_id, s.depth, s.score, s."publishedAt",
        (SELECT count(*) FROM unnest(${WORDS('s')}) AS word WHERE word = ANY (src.words)) AS shared_words
      FROM scored s
      JOIN cutoff ON cutoff.source_id = s.source_id AND s.score >= cutoff.score
      JOIN source src ON src."id" = s.source_id
    ),
    ranked AS (
      SELECT source_id, other_id, depth,
        row_number() OVER (
          PARTITION BY source_id
          ORDER BY score DESC, shared_words DESC, "publishedAt" DESC NULLS LAST, other_id DESC
        ) AS position
      FROM finalists
    )`;
}
