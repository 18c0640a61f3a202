// `npx tsx bench/p0-explain.ts <database url> [S|L]`: EXPLAIN (ANALYZE, BUFFERS) of every P0
// statement under the generic plan (what a named statement runs after its first executions), with
// parameters from the bench's own variables; Markdown for bench/RESULTS.md.
import pg from 'pg';
import type { DatasetSize } from './dataset.ts';
import { makeVariables, type OperationName } from './operations.ts';
import { P0_STATEMENTS, p0Statement } from './peers/p0-sql.ts';

const [url, size = 'S'] = process.argv.slice(2);
if (!url) throw new Error('usage: tsx bench/p0-explain.ts <database url> [S|L]');
const client = new pg.Client({ connectionString: url });
await client.connect();
const variables = await makeVariables((sql, params) => client.query(sql, params), size as DatasetSize, 5, 5);
// The section page as the bench asks for it (deep cursor) and its first page.
const cases: [OperationName, Record<string, unknown>][] = [
  ['front', {}],
  ['article', variables.article[0] ?? {}],
  ['section', { slug: variables.section[0]?.slug }],
  ['section', variables.section[0] ?? {}],
  ['search', variables.search[0] ?? {}],
  ['entity', variables.entity[0] ?? {}],
];
await client.query('SET plan_cache_mode = force_generic_plan');
const out: string[] = [];
for (const [operation, values] of cases) {
  const { name, values: parameters } = p0Statement(operation, values);
  await client.query(`PREPARE ${name} AS ${P0_STATEMENTS[name as keyof typeof P0_STATEMENTS]}`);
  const literals = parameters.map((value) => (value == null ? 'NULL' : client.escapeLiteral(String(value))));
  // Once to warm the cache, then measured.
  await client.query(`EXECUTE ${name}${literals.length ? `(${literals.join(', ')})` : ''}`);
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE ${name}${literals.length ? `(${literals.join(', ')})` : ''}`,
  );
  await client.query(`DEALLOCATE ${name}`);
  out.push(
    `#### \`${name}\` (dataset ${size}), parameters ${JSON.stringify(parameters)}`,
    '',
    '```',
    ...rows.map((row) => row['QUERY PLAN']),
    '```',
    '',
  );
}
await client.end();
console.log(out.join('\n'));
