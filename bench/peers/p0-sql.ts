// P0, the floor: the best single statement per page we can write. Each returns the finished JSON
// response (the same shape as Lede's) as text, so the server only copies bytes. Each is a named
// statement, so every pooled connection plans it once; every condition a page pages or looks up by
// stays an index condition under the generic plan PostgreSQL switches to after a few executions
// (`EXPLAIN (ANALYZE, BUFFERS)` of each in bench/RESULTS.md; `npx tsx bench/p0-explain.ts` prints them).
import type { OperationName, Variables } from '../operations.ts';

/** Lede's public visibility rule (src/articles/visibility.ts) over the article alias `a`. */
const visible = (a: string) => `${a}."status" = 'PUBLISHED' AND ${a}."publishedAt" <= now()`;

/** A LATERAL subquery giving `<alias>.list`, the article's bylines in order (`[]` when none). */
const bylines = (a: string, alias: string, withDescription = false) => `CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('role', b."role", 'person', json_build_object('slug', p."slug", 'name', p."name"${
      withDescription ? `, 'description', p."description"` : ''
    })) ORDER BY b."position", b."personId"), '[]') AS list
    FROM "Byline" b JOIN "Person" p ON p."id" = b."personId" WHERE b."articleId" = ${a}."id") ${alias}`;

const organizationMentions = (a: string, alias: string) => `CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('mentionCount', m."count", 'organization',
      json_build_object('slug', o."slug", 'name', o."name")) ORDER BY m."count" DESC, m."organizationId"), '[]') AS list
    FROM "OrganizationMention" m JOIN "Organization" o ON o."id" = m."organizationId" WHERE m."articleId" = ${a}."id") ${alias}`;

const personMentions = (a: string, alias: string) => `CROSS JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object('mentionCount', m."count", 'person',
      json_build_object('slug', p."slug", 'name', p."name")) ORDER BY m."count" DESC, m."personId"), '[]') AS list
    FROM "PersonMention" m JOIN "Person" p ON p."id" = m."personId" WHERE m."articleId" = ${a}."id") ${alias}`;

const words = (a: string) =>
  `tsvector_to_array(to_tsvector('english', ${a}."headline" || ' ' || coalesce(${a}."standfirst", '')))`;

/**
 * Ids of the `depth` articles related to article `sourceId` (an SQL expression), best first:
 * the ranking of src/articles/related.ts for one article. Also the body of PostGraphile's
 * `PublicArticle_related` function.
 */
export const relatedIdsSql = (sourceId: string, depth: string) => `
  WITH source AS (
    SELECT a."id", coalesce(a."publishedAt", now()) AS at, ${words('a')} AS words FROM "Article" a WHERE a."id" = ${sourceId}
  ),
  shared AS (
    SELECT theirs."articleId" AS other_id, least(mine."count", theirs."count") AS weight
    FROM source src
    JOIN "PersonMention" mine ON mine."articleId" = src."id"
    JOIN "PersonMention" theirs ON theirs."personId" = mine."personId" AND theirs."articleId" <> src."id"
    UNION ALL
    SELECT theirs."articleId", least(mine."count", theirs."count")
    FROM source src
    JOIN "OrganizationMention" mine ON mine."articleId" = src."id"
    JOIN "OrganizationMention" theirs ON theirs."organizationId" = mine."organizationId" AND theirs."articleId" <> src."id"
  ),
  candidates AS (SELECT other_id, sum(weight) AS weight FROM shared GROUP BY other_id),
  scored AS (
    SELECT c.other_id, o."publishedAt", o."headline", o."standfirst",
      round(c.weight * 30000000::float8
        / (30::float8 + abs(date_part('epoch', coalesce(o."publishedAt", now()) - src.at)) / 86400)) AS score
    FROM candidates c CROSS JOIN source src
    -- One primary-key lookup per candidate: OFFSET 0 keeps the planner from hashing the whole
    -- Article table when it overestimates the candidates (it did on dataset S).
    CROSS JOIN LATERAL (SELECT o.* FROM "Article" o WHERE o."id" = c.other_id AND ${visible('o')} OFFSET 0) o
  ),
  cutoff AS (SELECT min(score) AS score FROM (SELECT score FROM scored ORDER BY score DESC LIMIT ${depth}) best)
  SELECT s.other_id AS id, row_number() OVER (
      ORDER BY s.score DESC,
        (SELECT count(*) FROM unnest(${words('s')}) AS word WHERE word = ANY (src.words)) DESC,
        s."publishedAt" DESC NULLS LAST, s.other_id DESC) AS position
  FROM scored s CROSS JOIN source src
  WHERE s.score >= (SELECT score FROM cutoff)
  ORDER BY position LIMIT ${depth}`;

const response = (field: string, value: string) =>
  `json_build_object('data', json_build_object('${field}', ${value}))::text AS body`;

/** The article columns the pages show, for the subqueries that pick articles before their joins. */
const TEASER_COLUMNS = (a: string) =>
  `${a}."id", ${a}."slug", ${a}."headline", ${a}."standfirst", ${a}."publishedAt", ${a}."sectionId"`;

const FRONT = `
  SELECT ${response(
    'articles',
    `json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
      'slug', a."slug", 'headline', a."headline", 'standfirst', a."standfirst", 'publishedAt', a."publishedAt",
      'section', json_build_object('slug', s."slug", 'name', s."name"),
      'bylines', bl.list, 'mentionedOrganizations', om.list)) ORDER BY a."publishedAt" DESC, a."id" DESC), '[]'))`,
  )}
  FROM (
    SELECT ${TEASER_COLUMNS('a')} FROM "Article" a WHERE ${visible('a')}
    ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20
  ) a
  JOIN "Section" s ON s."id" = a."sectionId"
  ${bylines('a', 'bl')}
  ${organizationMentions('a', 'om')}`;

// $1: slug, current or former. Each half of the UNION ALL is a lookup in a unique index
// (Article_slug_key, ArticleSlugRedirect_pkey); the current slug wins.
const ARTICLE = `
  WITH art AS MATERIALIZED (
    SELECT a.* FROM (
      SELECT c."id" FROM "Article" c WHERE c."slug" = $1
      UNION ALL
      SELECT r."articleId" FROM "ArticleSlugRedirect" r WHERE r."slug" = $1
    ) hit
    JOIN "Article" a ON a."id" = hit."id"
    WHERE ${visible('a')}
    LIMIT 1
  )
  SELECT ${response(
    'article',
    `(SELECT json_build_object('slug', art."slug", 'headline', art."headline", 'standfirst', art."standfirst",
        'publishedAt', art."publishedAt", 'text', art."body", 'section', json_build_object('slug', s."slug", 'name', s."name"),
        'bylines', bl.list, 'mentionedPeople', pm.list, 'mentionedOrganizations', om.list, 'related', rel.list)
      FROM art
      JOIN "Section" s ON s."id" = art."sectionId"
      ${bylines('art', 'bl', true)}
      ${personMentions('art', 'pm')}
      ${organizationMentions('art', 'om')}
      CROSS JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('slug', o."slug", 'headline', o."headline",
          'publishedAt', o."publishedAt") ORDER BY r.position), '[]') AS list
        FROM (${relatedIdsSql('art."id"', '5')}) r JOIN "Article" o ON o."id" = r.id) rel)`,
  )}`;

/**
 * The section page, with or without a keyset cursor. $1: section slug; after the cursor, $2 and $3
 * are the publication time and id of the article the page continues after. The section tree's ids
 * are one array (an InitPlan), so `= ANY` is an index condition on ArticleSection_sectionId_articleId_idx
 * for the further sections; the newest-first walk runs on Article_status_publishedAt_id_idx with
 * the row comparison as an index condition.
 */
const section = (afterCursor: boolean) => `
  WITH RECURSIVE tree AS (
    SELECT s."id" FROM "Section" s WHERE s."slug" = $1
    UNION ALL
    SELECT c."id" FROM "Section" c JOIN tree t ON c."parentId" = t."id"
  ),
  ids AS MATERIALIZED (SELECT array_agg("id") AS ids FROM tree),
  page AS MATERIALIZED (
    SELECT ${TEASER_COLUMNS('a')} FROM "Article" a
    WHERE ${visible('a')}
      ${afterCursor ? 'AND (a."publishedAt", a."id") < ($2::timestamptz, $3::int)' : ''}
      AND (a."sectionId" = ANY ((SELECT ids FROM ids)::int[])
        OR a."id" IN (SELECT x."articleId" FROM "ArticleSection" x WHERE x."sectionId" = ANY ((SELECT ids FROM ids)::int[])))
    ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 21
  ),
  listed AS (
    SELECT a.*, row_number() OVER (ORDER BY a."publishedAt" DESC, a."id" DESC) AS n FROM page a
  )
  SELECT ${response(
    'section',
    `(SELECT json_build_object('slug', sec."slug", 'name', sec."name", 'articles', json_build_object(
        'edges', (
          SELECT coalesce(json_agg(json_build_object('node', json_build_object('slug', a."slug", 'headline', a."headline",
            'standfirst', a."standfirst", 'publishedAt', a."publishedAt", 'bylines', bl.list)) ORDER BY a.n), '[]')
          FROM listed a ${bylines('a', 'bl')}
          WHERE a.n <= 20),
        'pageInfo', json_build_object(
          'hasNextPage', (SELECT count(*) > 20 FROM page),
          'endCursor', (SELECT json_build_array(l."publishedAt", l."id") FROM listed l WHERE l.n = 20))))
      FROM "Section" sec WHERE sec."slug" = $1)`,
  )}`;

// $1: the search text. One tsquery for the GIN lookup and the rank; the rank is computed only for
// matching, visible articles, and the page's sections are joined after the top 20 are chosen.
const SEARCH = `
  SELECT ${response(
    'search',
    `json_build_object('edges', coalesce(json_agg(json_build_object('rank', h.rank, 'node', json_build_object(
      'slug', h."slug", 'headline', h."headline", 'publishedAt', h."publishedAt",
      'section', json_build_object('slug', s."slug", 'name', s."name"))) ORDER BY h.rank DESC, h."id" DESC), '[]'))`,
  )}
  FROM (
    SELECT a."id", a."slug", a."headline", a."publishedAt", a."sectionId", ts_rank_cd(a."searchVector", q.query, 32) AS rank
    FROM (SELECT websearch_to_tsquery('english', $1) AS query) q
    JOIN "Article" a ON a."searchVector" @@ q.query
    WHERE ${visible('a')}
    ORDER BY rank DESC, a."id" DESC LIMIT 20
  ) h
  JOIN "Section" s ON s."id" = h."sectionId"`;

// $1: organization slug. Its mentions through OrganizationMention_organizationId_articleId_idx,
// each article by its primary key, the newest 20 of the visible ones.
const ENTITY = `
  SELECT ${response(
    'organization',
    `(SELECT json_build_object('slug', o."slug", 'name', o."name", 'kind', o."kind", 'description', o."description",
        'mentionedIn', json_build_object('edges', latest.list))
      FROM "Organization" o
      CROSS JOIN LATERAL (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object('slug', a."slug", 'headline', a."headline",
          'publishedAt', a."publishedAt", 'section', json_build_object('slug', s."slug", 'name', s."name")))
          ORDER BY a."publishedAt" DESC, a."id" DESC), '[]') AS list
        FROM (
          SELECT ${TEASER_COLUMNS('a')} FROM "OrganizationMention" m JOIN "Article" a ON a."id" = m."articleId"
          WHERE m."organizationId" = o."id" AND ${visible('a')}
          ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20
        ) a
        JOIN "Section" s ON s."id" = a."sectionId"
      ) latest
      WHERE o."slug" = $1)`,
  )}`;

export type P0Statement = { name: string; text: string; values: unknown[] };

/** Every statement P0 sends, by name (each is prepared once per connection). */
export const P0_STATEMENTS = {
  p0_front: FRONT,
  p0_article: ARTICLE,
  p0_section_first: section(false),
  p0_section_after: section(true),
  p0_search: SEARCH,
  p0_entity: ENTITY,
} as const;

/** The statement and parameters for one request. */
export function p0Statement(operation: OperationName, variables: Variables): P0Statement {
  const named = (name: keyof typeof P0_STATEMENTS, values: unknown[]) => ({ name, text: P0_STATEMENTS[name], values });
  switch (operation) {
    case 'front':
      return named('p0_front', []);
    case 'article':
      return named('p0_article', [variables.slug]);
    case 'section':
      return variables.afterId == null
        ? named('p0_section_first', [variables.slug])
        : named('p0_section_after', [variables.slug, variables.afterPublishedAt, variables.afterId]);
    case 'search':
      return named('p0_search', [variables.query]);
    case 'entity':
      return named('p0_entity', [variables.slug]);
  }
}
