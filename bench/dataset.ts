// Deterministic benchmark dataset, loaded with set-based SQL (INSERT … SELECT over generate_series)
// into a database that Lede's own migrations have just created. No randomness: every value is a
// function of the row number, so two loads of one size give byte-identical tables.
//
//   npx tsx bench/dataset.ts S|L [postgres://…/db]   (without a URL: prints the SQL)
import pg from 'pg';

export type DatasetSize = 'S' | 'L';

export const DATASETS: Record<DatasetSize, { articles: number; people: number; organizations: number }> = {
  S: { articles: 10_000, people: 1_000, organizations: 2_000 },
  L: { articles: 100_000, people: 5_000, organizations: 10_000 },
};

/** Every article is published this long before the newest one; no article is scheduled in the future. */
export const NEWEST_ARTICLE = '2026-11-01T12:00:00Z';
export const MINUTES_BETWEEN_ARTICLES = 13;

/** Top-level sections and their children: [slug, name, parent slug]. */
export const SECTIONS: [string, string, string | null][] = [
  ['news', 'News', null],
  ['world', 'World', null],
  ['europe', 'Europe', 'world'],
  ['americas', 'Americas', 'world'],
  ['asia', 'Asia', 'world'],
  ['africa', 'Africa', 'world'],
  ['politics', 'Politics', null],
  ['business', 'Business', null],
  ['markets', 'Markets', 'business'],
  ['sport', 'Sport', null],
  ['football', 'Football', 'sport'],
  ['tennis', 'Tennis', 'sport'],
  ['culture', 'Culture', null],
  ['science', 'Science', null],
  ['climate', 'Climate', 'science'],
  ['opinion', 'Opinion', null],
];

// Pseudo-words from syllables: enough distinct terms that a two-word search matches a few percent
// of the articles, as a real search does, instead of all or none of them.
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tas', 'vor', 'bel', 'dun', 'fra', 'gil', 'hob', 'jun', 'mar', 'nest'];
const COMMON = `the of and to in a is that for on was with he it as at by from his an were are which this be has had
not but they their one new said after over two more first city council police government year people report
court state minister plan vote budget water school health market energy river bridge road club match season`
  .split(/\s+/)
  .filter(Boolean);
export const TOPIC_WORDS: string[] = SYLLABLES.flatMap((a) =>
  SYLLABLES.flatMap((b) => SYLLABLES.map((c) => `${a}${b}${c}`)),
);

const FIRST_NAMES = `Elena Darius Amara Jonas Priya Mateo Ingrid Kwame Sofia Tomasz Leila Ravi Hanna Oscar Mei Farid
Clara Nikolai Aisha Lukas Yara Emeka Greta Kenji Nadia Pablo Ines Samir Freya Tariq`.split(/\s+/);
const LAST_NAMES = `Voss Okafor Lindqvist Moreau Haddad Kowalski Tanaka Mensah Novak Ferreira Quist Adeyemi Brandt
Castillo Ivanova Nakamura Osei Petrov Rahman Silva Weber Zhou Abara Dubois Eriksen Garcia Hoffmann Jensen Kaur Lopez`.split(
  /\s+/,
);
const ORG_WORDS = `Northern Harbour Civic Green Union Federal Metro Coastal Valley Summit United Central Capital Atlas
Meridian Pioneer Horizon Liberty Granite Silver`.split(/\s+/);
const ORG_NOUNS = `Council Party Holdings Trust Foundation Authority Bank Institute Alliance Group Ministry Agency
Network Works Academy Club Media Partners Commission League`.split(/\s+/);
const KINDS =
  `GOVERNMENT_BODY POLITICAL_PARTY COMPANY NON_PROFIT MEDIA FACILITY EDUCATION INTERNATIONAL_BODY SPORTS_CLUB OTHER`.split(
    /\s+/,
  );

const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]`;

/**
 * A uniform number in [0, 1) from a row number and a salt, through PostgreSQL's own integer hash
 * (hashint8, stable across platforms and in PGlite). `expr` is an SQL integer expression. In
 * float8, which holds every such value exactly: `numeric` made the link tables 20 times slower.
 */
const unit = (expr: string, salt: number) =>
  `((hashint8((${expr})::bigint * 1000 + ${salt})::float8 + 2147483648) / 4294967296)`;

/** The section an article is first filed in; `expr` is its id as an SQL integer expression. */
const sectionOf = (expr: string) => `(1 + floor(${unit(expr, 4)} * ${SECTIONS.length})::int)`;

/**
 * Everything, in an order that satisfies every constraint: the tables articles need, the articles,
 * their links to sections, people and organizations, then the finishing touches.
 */
export function datasetSql(size: DatasetSize): string[] {
  return [
    ...beforeArticlesSql(size),
    articlesSql(size, 1, DATASETS[size].articles),
    ...linksSql(size),
    ...finishSql(size),
  ];
}

/** Sections, people, organizations and the paragraph table bodies are made of. */
export function beforeArticlesSql(size: DatasetSize): string[] {
  const { people, organizations } = DATASETS[size];
  const sectionRows = SECTIONS.map(
    ([slug, name, parent], index) =>
      `(${index + 1}, '${slug}', '${name}', ${parent ? SECTIONS.findIndex(([other]) => other === parent) + 1 : 'NULL'}, ${index})`,
  );
  return [
    `INSERT INTO "Section" ("id", "slug", "name", "parentId", "position", "updatedAt")
     SELECT id, slug, name, parent, position, now() FROM (VALUES ${sectionRows.join(', ')}) AS s(id, slug, name, parent, position)`,
    `SELECT setval(pg_get_serial_sequence('"Section"', 'id'), ${SECTIONS.length})`,
    // People: "Elena Voss", slugs made unique with the row number.
    `INSERT INTO "Person" ("id", "slug", "name", "description", "updatedAt")
     SELECT i, lower(f || '-' || l) || '-' || i, f || ' ' || l,
       f || ' ' || l || ' is a person who appears in the news, entry number ' || i || '.', now()
     FROM generate_series(1, ${people}) AS i,
       LATERAL (SELECT (${sqlArray(FIRST_NAMES)})[1 + (i * 7) % ${FIRST_NAMES.length}] AS f,
                       (${sqlArray(LAST_NAMES)})[1 + (i * 11 + i / ${FIRST_NAMES.length}) % ${LAST_NAMES.length}] AS l) AS n`,
    `SELECT setval(pg_get_serial_sequence('"Person"', 'id'), ${people})`,
    `INSERT INTO "Organization" ("id", "slug", "name", "kind", "description", "country", "updatedAt")
     SELECT i, lower(w || '-' || n) || '-' || i, w || ' ' || n || ' ' || i, k::"OrganizationKind",
       'The ' || w || ' ' || n || ', organization number ' || i || '.', 'GB', now()
     FROM generate_series(1, ${organizations}) AS i,
       LATERAL (SELECT (${sqlArray(ORG_WORDS)})[1 + (i * 3) % ${ORG_WORDS.length}] AS w,
                       (${sqlArray(ORG_NOUNS)})[1 + (i * 7 + i / ${ORG_WORDS.length}) % ${ORG_NOUNS.length}] AS n,
                       (${sqlArray(KINDS)})[1 + i % ${KINDS.length}] AS k) AS x`,
    `SELECT setval(pg_get_serial_sequence('"Organization"', 'id'), ${organizations})`,
    // 2,000 paragraphs of about 400 bytes; each article body is ten of them (~4 KB).
    `CREATE UNLOGGED TABLE bench_paragraph AS
     SELECT p AS id, string_agg(
         CASE WHEN ${unit('p * 64 + w', 1)} < 0.25
           THEN (${sqlArray(TOPIC_WORDS)})[1 + floor(${unit('p * 64 + w', 2)} * ${TOPIC_WORDS.length})::int]
           ELSE (${sqlArray(COMMON)})[1 + floor(${unit('p * 64 + w', 3)} * ${COMMON.length})::int] END,
         ' ' ORDER BY w) || '.' AS text
     FROM generate_series(0, 1999) AS p, generate_series(1, 64) AS w GROUP BY p`,
    'ALTER TABLE bench_paragraph ADD PRIMARY KEY (id)',
  ];
}

/**
 * Each article's second section, bylines and mentions: one statement per table, each a function of
 * the article number alone (not of the article rows), so they can load beside the articles while
 * foreign keys are deferred.
 */
export function linksSql(size: DatasetSize): string[] {
  const { articles, people, organizations } = DATASETS[size];
  return [
    // Every 10th article also appears in a second section.
    `INSERT INTO "ArticleSection" ("articleId", "sectionId")
     SELECT i, 1 + (${sectionOf('i')} + 4) % ${SECTIONS.length} FROM generate_series(10, ${articles}, 10) AS i`,
    // 1–3 bylines in order: an author, then contributors or a photographer; distinct people.
    `INSERT INTO "Byline" ("articleId", "personId", "role", "position")
     SELECT i, 1 + (floor(${unit('i', 9)} * ${people})::int + k * 101) % ${people},
       CASE k WHEN 0 THEN 'AUTHOR' WHEN 1 THEN 'CONTRIBUTOR' ELSE 'PHOTOGRAPHER' END::"BylineRole", k
     FROM generate_series(1, ${articles}) AS i, generate_series(0, 2) AS k
     WHERE k < 1 + floor(${unit('i', 10)} * 3)::int`,
    // 2–5 organizations, skewed so a few are mentioned often (u^1.5), and 0–3 people, mentioned 1–4 times.
    `INSERT INTO "OrganizationMention" ("articleId", "organizationId", "count")
     SELECT DISTINCT ON (i, o) i, o, 1 + floor(${unit('i * 8 + k', 11)} * 4)::int
     FROM generate_series(1, ${articles}) AS i, generate_series(0, 4) AS k,
       LATERAL (SELECT 1 + floor(power(${unit('i * 8 + k', 12)}, 1.5) * ${organizations})::int AS o) AS x
     WHERE k < 2 + floor(${unit('i', 13)} * 4)::int`,
    `INSERT INTO "PersonMention" ("articleId", "personId", "count")
     SELECT DISTINCT ON (i, p) i, p, 1 + floor(${unit('i * 8 + k', 14)} * 4)::int
     FROM generate_series(1, ${articles}) AS i, generate_series(0, 2) AS k,
       LATERAL (SELECT 1 + floor(power(${unit('i * 8 + k', 15)}, 1.5) * ${people})::int AS p) AS x
     WHERE k < floor(${unit('i', 16)} * 4)::int`,
  ];
}

/** After everything else: the article sequence, dropping the paragraphs, fresh planner statistics. */
export function finishSql(size: DatasetSize): string[] {
  return [
    `SELECT setval(pg_get_serial_sequence('"Article"', 'id'), ${DATASETS[size].articles})`,
    'DROP TABLE bench_paragraph',
    'ANALYZE',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = (process.argv[2] ?? 'S') as DatasetSize;
  const url = process.argv[3];
  if (!url) {
    console.log(`${datasetSql(size).join(';\n\n')};`);
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const started = performance.now();
    for (const statement of datasetSql(size)) await client.query(statement);
    console.log(`dataset ${size} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await client.end();
  }
}

/**
 * Articles `from` to `to` (ids), so the slowest part (bodies and their tsvectors) can load over
 * several connections at once.
 */
export function articlesSql(size: DatasetSize, from: number, to: number): string {
  const { articles } = DATASETS[size];
  if (from < 1 || to > articles) throw new Error(`articles ${from}–${to} outside 1–${articles}`);
  return (
    // Newest first by id: article 1 is the newest. Every 40th is a draft (no date), every 97th archived.
    `INSERT INTO "Article" ("id", "slug", "headline", "standfirst", "body", "status", "publishedAt", "updatedAt",
       "wordCount", "sectionId")
     SELECT i, 'story-' || i || '-' || t1 || '-' || t2,
       initcap(t1) || ' and ' || t2 || ': ' || c || ' ' || t3 || ' story ' || i,
       'What the ' || t2 || ' ' || t3 || ' means for the ' || c || '.',
       (SELECT string_agg(p.text, E'\\n\\n' ORDER BY k) FROM generate_series(0, 9) AS k
         JOIN bench_paragraph p ON p.id = (i * (7 + 6 * k) + k) % 2000),
       CASE WHEN i % 40 = 0 THEN 'DRAFT' WHEN i % 97 = 0 THEN 'ARCHIVED' ELSE 'PUBLISHED' END::"ArticleStatus",
       CASE WHEN i % 40 = 0 THEN NULL
         ELSE timestamptz '${NEWEST_ARTICLE}' - (i - 1) * interval '${MINUTES_BETWEEN_ARTICLES} minutes' END,
       now(), 640, ${sectionOf('i')}
     FROM generate_series(${from}, ${to}) AS i,
       LATERAL (SELECT (${sqlArray(TOPIC_WORDS)})[1 + floor(${unit('i', 5)} * ${TOPIC_WORDS.length})::int] AS t1,
                       (${sqlArray(TOPIC_WORDS)})[1 + floor(${unit('i', 6)} * ${TOPIC_WORDS.length})::int] AS t2,
                       (${sqlArray(TOPIC_WORDS)})[1 + floor(${unit('i', 7)} * ${TOPIC_WORDS.length})::int] AS t3,
                       (${sqlArray(COMMON)})[1 + floor(${unit('i', 8)} * ${COMMON.length})::int] AS c) AS words`
  );
}
