// The five benchmark operations: their GraphQL documents (Lede's and PostGraphile's), random but
// seeded variables, each peer's request for them, and a normal form of each peer's response so
// responses can be compared field by field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeArticleCursor } from '../src/schema/cursor.ts';
import { DATASETS, type DatasetSize, SECTIONS, TOPIC_WORDS } from './dataset.ts';

export const OPERATIONS = ['front', 'article', 'section', 'search', 'entity'] as const;
export type OperationName = (typeof OPERATIONS)[number];
export type PeerKind = 'p0' | 'lede' | 'postgraphile';
export type Variables = Record<string, unknown>;

const here = path.dirname(new URL(import.meta.url).pathname);
const read = (file: string) => readFileSync(path.join(here, 'operations', file), 'utf8');
export const LEDE_DOCUMENTS = Object.fromEntries(OPERATIONS.map((name) => [name, read(`${name}.graphql`)])) as Record<
  OperationName,
  string
>;
export const POSTGRAPHILE_DOCUMENTS = Object.fromEntries(
  OPERATIONS.map((name) => [name, read(`postgraphile/${name}.graphql`)]),
) as Record<OperationName, string>;
export const POSTGRAPHILE_SECTION_CURSOR = read('postgraphile/section-cursor.graphql');

/** A section's visible articles, newest first: what its page lists (`$1`: the section's slug). */
const SECTION_ARTICLES = `
  WITH RECURSIVE tree AS (
    SELECT s."id" FROM "Section" s WHERE s."slug" = $1
    UNION ALL SELECT c."id" FROM "Section" c JOIN tree t ON c."parentId" = t."id"
  )
  SELECT a."id", a."publishedAt" FROM "Article" a
  WHERE a."status" = 'PUBLISHED' AND a."publishedAt" <= now()
    AND (a."sectionId" IN (SELECT "id" FROM tree)
      OR EXISTS (SELECT 1 FROM "ArticleSection" x WHERE x."articleId" = a."id" AND x."sectionId" IN (SELECT "id" FROM tree)))
  ORDER BY a."publishedAt" DESC, a."id" DESC`;

/** mulberry32: a small seeded generator, so every run asks for the same pages in the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * `count` variable sets per operation. Sections get `afterId` (the article whose page follows) and
 * Lede's keyset cursor for it; PostGraphile's cursor is added later, from PostGraphile itself.
 */
export async function makeVariables(
  query: Query,
  size: DatasetSize,
  count: number,
  seed: number,
): Promise<Record<OperationName, Variables[]>> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const { articles, organizations } = DATASETS[size];
  const articleIds = Array.from({ length: count }, () => 1 + Math.floor(random() * articles));
  const { rows: articleRows } = await query(
    `SELECT "id", "slug", "body" FROM "Article" WHERE "id" = ANY($1::int[]) AND "status" = 'PUBLISHED'`,
    [articleIds],
  );
  const topic = new Set(TOPIC_WORDS);
  const article: Variables[] = articleRows.map((row) => ({ slug: row.slug }));
  // Two topic words from one article's text, so every search finds something.
  const search: Variables[] = articleRows.map((row) => {
    const words = [
      ...new Set(
        String(row.body)
          .split(/[\s.]+/)
          .filter((word) => topic.has(word)),
      ),
    ];
    const first = pick(words);
    const second = pick(words.filter((word) => word !== first));
    return { query: `${first} ${second ?? ''}`.trim() };
  });
  const section: Variables[] = [];
  const sectionSizes = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const [slug] = pick(SECTIONS);
    if (!sectionSizes.has(slug)) {
      const { rows } = await query(`SELECT count(*)::int AS n FROM (${SECTION_ARTICLES}) list`, [slug]);
      sectionSizes.set(slug, Number(rows[0]?.n ?? 0));
    }
    // Deep in the list: between 40 % and 80 % of the section's articles.
    const depth = Math.floor((sectionSizes.get(slug) as number) * (0.4 + 0.4 * random()));
    const { rows: after } = await query(`${SECTION_ARTICLES} OFFSET $2 LIMIT 1`, [slug, depth]);
    const afterId = Number(after[0]?.id);
    const publishedAt = new Date(after[0]?.publishedAt as string | Date);
    const cursor = encodeArticleCursor({ order: 'NEWEST_FIRST', value: publishedAt, id: afterId });
    section.push({ slug, depth, afterId, afterPublishedAt: publishedAt.toISOString(), after: cursor });
  }
  const organizationIds = Array.from({ length: count }, () => 1 + Math.floor(random() * organizations));
  const { rows: organizationRows } = await query(`SELECT "slug" FROM "Organization" WHERE "id" = ANY($1::int[])`, [
    organizationIds,
  ]);
  return {
    front: Array.from({ length: count }, () => ({})),
    article,
    section,
    search,
    entity: organizationRows.map((row) => ({ slug: row.slug })),
  };
}

/** The path and JSON body one peer is sent for an operation and its variables. */
export function requestFor(
  kind: PeerKind,
  operation: OperationName,
  variables: Variables,
): { path: string; body: string } {
  if (kind === 'p0') return { path: `/${operation}`, body: JSON.stringify(variables) };
  if (kind === 'lede') {
    const { afterId: _afterId, afterPublishedAt: _at, depth: _depth, pgCursor: _pgCursor, ...rest } = variables;
    return { path: '/graphql', body: JSON.stringify({ query: LEDE_DOCUMENTS[operation], variables: rest }) };
  }
  const mapped = operation === 'section' ? { slug: variables.slug, after: variables.pgCursor } : variables;
  return { path: '/graphql', body: JSON.stringify({ query: POSTGRAPHILE_DOCUMENTS[operation], variables: mapped }) };
}

// biome-ignore lint/suspicious/noExplicitAny: responses of three different schemas are walked by hand.
type Json = Record<string, any>;

const time = (value: unknown) => (value == null ? null : new Date(String(value)).toISOString());
const pair = (value: Json | null | undefined) => (value ? [value.slug, value.name] : null);
const nodes = (connection: Json | undefined) =>
  (connection?.edges ?? connection?.nodes ?? []).map((entry: Json) => entry.node ?? entry);

/** One peer's response in a form all peers share: same data, same shape, names and formats. */
export function normalise(kind: PeerKind, operation: OperationName, response: Json): unknown {
  if (response.errors) return { errors: response.errors.map((error: Json) => error.message) };
  const data = response.data ?? {};
  const pg = kind === 'postgraphile';
  const section = (a: Json) => pair(pg ? a.sectionBySectionId : a.section);
  const bylines = (a: Json, description = false) =>
    nodes(pg ? a.bylinesByArticleId : { nodes: a.bylines }).map((b: Json) => {
      const person = pg ? b.personByPersonId : b.person;
      return description ? [b.role, person.slug, person.name, person.description] : [b.role, person.slug, person.name];
    });
  const mentions = (a: Json, what: 'organization' | 'person') => {
    const list = pg
      ? nodes(what === 'organization' ? a.organizationMentionsByArticleId : a.personMentionsByArticleId)
      : what === 'organization'
        ? a.mentionedOrganizations
        : a.mentionedPeople;
    return list.map((m: Json) => {
      const entity = pg ? (what === 'organization' ? m.organizationByOrganizationId : m.personByPersonId) : m[what];
      return [pg ? m.count : m.mentionCount, entity.slug, entity.name];
    });
  };
  const teaser = (a: Json) => [a.slug, a.headline, time(a.publishedAt)];
  switch (operation) {
    case 'front':
      return nodes(pg ? data.allPublicArticles : data.articles).map((a: Json) => [
        ...teaser(a),
        a.standfirst,
        section(a),
        bylines(a),
        mentions(a, 'organization'),
      ]);
    case 'article': {
      const a = pg ? data.publicArticleBySlug : data.article;
      if (!a) return null;
      return [
        ...teaser(a),
        a.standfirst,
        pg ? a.body : a.text,
        section(a),
        bylines(a, true),
        mentions(a, 'person'),
        mentions(a, 'organization'),
        nodes(pg ? a.related : { nodes: a.related }).map(teaser),
      ];
    }
    case 'section': {
      const s = pg ? data.sectionBySlug : data.section;
      if (!s) return null;
      const list = pg ? data.allPublicArticles : s.articles;
      return [
        s.slug,
        s.name,
        nodes(list).map((a: Json) => [...teaser(a), a.standfirst, bylines(a)]),
        list.pageInfo.hasNextPage,
      ];
    }
    case 'search':
      return (pg ? data.searchArticles.nodes : data.search.edges).map((hit: Json) => {
        const a = pg ? hit : hit.node;
        return [Number(Number(pg ? hit.searchRank : hit.rank).toPrecision(5)), ...teaser(a), section(a)];
      });
    case 'entity': {
      const o = pg ? data.organizationBySlug : data.organization;
      if (!o) return null;
      return [
        o.slug,
        o.name,
        o.kind,
        o.description,
        nodes(pg ? o.latestArticles : o.mentionedIn).map((a: Json) => [...teaser(a), section(a)]),
      ];
    }
  }
}
