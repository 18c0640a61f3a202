// P0, the floor: one hand-written SQL statement per operation that returns the finished JSON
// response (the same shape as Lede's) as text, so the server only copies bytes.
import type { OperationName } from '../operations.ts';

/** Lede's public visibility rule (src/articles/visibility.ts) over the article alias `a`. */
const visible = (a: string) => `${a}."status" = 'PUBLISHED' AND ${a}."publishedAt" <= now()`;

const section = (a: string) =>
  `(SELECT json_build_object('slug', s."slug", 'name', s."name") FROM "Section" s WHERE s."id" = ${a}."sectionId")`;

const bylines = (a: string, withDescription = false) => `(
  SELECT coalesce(json_agg(json_build_object('role', b."role", 'person', json_build_object('slug', p."slug", 'name', p."name"${
    withDescription ? `, 'description', p."description"` : ''
  })) ORDER BY b."position", b."personId"), '[]')
  FROM "Byline" b JOIN "Person" p ON p."id" = b."personId" WHERE b."articleId" = ${a}."id")`;

const organizations = (a: string) => `(
  SELECT coalesce(json_agg(json_build_object('mentionCount', m."count", 'organization',
    json_build_object('slug', o."slug", 'name', o."name")) ORDER BY m."count" DESC, m."organizationId"), '[]')
  FROM "OrganizationMention" m JOIN "Organization" o ON o."id" = m."organizationId" WHERE m."articleId" = ${a}."id")`;

const people = (a: string) => `(
  SELECT coalesce(json_agg(json_build_object('mentionCount', m."count", 'person',
    json_build_object('slug', p."slug", 'name', p."name")) ORDER BY m."count" DESC, m."personId"), '[]')
  FROM "PersonMention" m JOIN "Person" p ON p."id" = m."personId" WHERE m."articleId" = ${a}."id")`;

const words = (a: string) =>
  `tsvector_to_array(to_tsvector('english', ${a}."headline" || ' ' || coalesce(${a}."standfirst", '')))`;

/**
 * Ids of the `depth` articles related to article `sourceId` (an SQL expression), best first:
 * the ranking of src/articles/related.ts for one article. Also the body of PostGraphile's
 * `Article.related` function.
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
    FROM candidates c CROSS JOIN source src JOIN "Article" o ON o."id" = c.other_id
    WHERE ${visible('o')}
  ),
  cutoff AS (SELECT min(score) AS score FROM (SELECT score FROM scored ORDER BY score DESC LIMIT ${depth}) best)
  SELECT s.other_id AS id, row_number() OVER (
      ORDER BY s.score DESC,
        (SELECT count(*) FROM unnest(${words('s')}) AS word WHERE word = ANY (src.words)) DESC,
        s."publishedAt" DESC NULLS LAST, s.other_id DESC) AS position
  FROM scored s CROSS JOIN source src
  WHERE s.score >= (SELECT score FROM cutoff)
  ORDER BY position LIMIT ${depth}`;

const articleList = (from: string, fields: (a: string) => string) =>
  `(SELECT coalesce(json_agg(json_build_object('node', ${fields('a')}) ORDER BY a."publishedAt" DESC, a."id" DESC), '[]') FROM ${from} a)`;

const response = (field: string, value: string) =>
  `SELECT json_build_object('data', json_build_object('${field}', ${value}))::text AS body`;

export const P0_SQL: Record<OperationName, string> = {
  front: response(
    'articles',
    `json_build_object('edges', ${articleList(
      `(SELECT * FROM "Article" a WHERE ${visible('a')} ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20)`,
      (a) => `json_build_object('slug', ${a}."slug", 'headline', ${a}."headline", 'standfirst', ${a}."standfirst",
        'publishedAt', ${a}."publishedAt", 'section', ${section(a)}, 'bylines', ${bylines(a)},
        'mentionedOrganizations', ${organizations(a)})`,
    )})`,
  ),
  article: `
    WITH art AS (
      SELECT * FROM "Article" a
      WHERE (a."slug" = $1 OR a."id" IN (SELECT r."articleId" FROM "ArticleSlugRedirect" r WHERE r."slug" = $1)) AND ${visible('a')}
      LIMIT 1
    )
    ${response(
      'article',
      `(SELECT json_build_object('slug', a."slug", 'headline', a."headline", 'standfirst', a."standfirst",
        'publishedAt', a."publishedAt", 'text', a."body", 'section', ${section('a')}, 'bylines', ${bylines('a', true)},
        'mentionedPeople', ${people('a')}, 'mentionedOrganizations', ${organizations('a')},
        'related', (SELECT coalesce(json_agg(json_build_object('slug', o."slug", 'headline', o."headline",
            'publishedAt', o."publishedAt") ORDER BY r.position), '[]')
          FROM (${relatedIdsSql('(SELECT "id" FROM art)', '5')}) r JOIN "Article" o ON o."id" = r.id))
      FROM art a)`,
    )}`,
  // $1 section slug, $2 id of the article to continue after (keyset on publishedAt, id).
  section: `
    WITH RECURSIVE sec AS (SELECT * FROM "Section" WHERE "slug" = $1),
    tree AS (SELECT "id" FROM sec UNION ALL SELECT c."id" FROM "Section" c JOIN tree t ON c."parentId" = t."id"),
    page AS (
      SELECT a.* FROM "Article" a
      WHERE ${visible('a')}
        AND (a."sectionId" IN (SELECT "id" FROM tree)
          OR EXISTS (SELECT 1 FROM "ArticleSection" x WHERE x."articleId" = a."id" AND x."sectionId" IN (SELECT "id" FROM tree)))
        AND ($2::int IS NULL OR (a."publishedAt", a."id") < (SELECT c."publishedAt", c."id" FROM "Article" c WHERE c."id" = $2::int))
      ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 21
    )
    ${response(
      'section',
      `(SELECT json_build_object('slug', sec."slug", 'name', sec."name", 'articles', json_build_object(
        'edges', ${articleList(
          '(SELECT * FROM page ORDER BY "publishedAt" DESC, "id" DESC LIMIT 20)',
          (a) => `json_build_object('slug', ${a}."slug", 'headline', ${a}."headline", 'standfirst', ${a}."standfirst",
            'publishedAt', ${a}."publishedAt", 'bylines', ${bylines(a)})`,
        )},
        'pageInfo', json_build_object('hasNextPage', (SELECT count(*) > 20 FROM page),
          'endCursor', (SELECT "id"::text FROM page ORDER BY "publishedAt" DESC, "id" DESC OFFSET 19 LIMIT 1))))
      FROM sec)`,
    )}`,
  search: `
    WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
    hits AS (
      SELECT a."id", ts_rank_cd(a."searchVector", q.query, 32) AS rank
      FROM "Article" a, q WHERE a."searchVector" @@ q.query AND ${visible('a')}
      ORDER BY rank DESC, a."id" DESC LIMIT 20
    )
    ${response(
      'search',
      `json_build_object('edges', (
        SELECT coalesce(json_agg(json_build_object('rank', h.rank, 'node', json_build_object('slug', a."slug",
          'headline', a."headline", 'publishedAt', a."publishedAt", 'section', ${section('a')})) ORDER BY h.rank DESC, h."id" DESC), '[]')
        FROM hits h JOIN "Article" a ON a."id" = h."id"))`,
    )}`,
  entity: response(
    'organization',
    `(SELECT json_build_object('slug', o."slug", 'name', o."name", 'kind', o."kind", 'description', o."description",
      'mentionedIn', json_build_object('edges', ${articleList(
        `(SELECT * FROM "Article" a WHERE ${visible('a')}
           AND a."id" IN (SELECT m."articleId" FROM "OrganizationMention" m WHERE m."organizationId" = o."id")
           ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT 20)`,
        (a) => `json_build_object('slug', ${a}."slug", 'headline', ${a}."headline", 'publishedAt', ${a}."publishedAt",
          'section', ${section(a)})`,
      )}))
    FROM "Organization" o WHERE o."slug" = $1)`,
  ),
};

/** Parameters of each statement, from an operation's variables. */
export function p0Parameters(operation: OperationName, variables: Record<string, unknown>): unknown[] {
  switch (operation) {
    case 'front':
      return [];
    case 'section':
      return [variables.slug, variables.afterId ?? null];
    case 'search':
      return [variables.query];
    default:
      return [variables.slug];
  }
}
