// `npm run bench:statement -- <statements.json> [calls]`: PostgreSQL's CPU per call of a few variants
// of one page's statement, on one connection, each a named (prepared) statement, the variants taking
// turns over three rounds after a warm-up of 300 calls each. It reads the backend's CPU from
// /proc/<pid>/stat, so it needs PostgreSQL on this machine. The file maps a variant's name to
// `{ text, values }` or to `{ p0: <name of a P0 statement> , values }`; in values, "$now" is the
// current time and "$slug" an organization's slug, taking turns over 300 of them. Database: dataset
// S in `lede_bench_s` on DATABASE_URL's server. bench/statements/ holds the files used so far.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { databaseUrl } from './database.ts';
import { P0_STATEMENTS } from './peers/p0-sql.ts';

type Variant = { text?: string; p0?: keyof typeof P0_STATEMENTS; values: unknown[] };

const file = process.argv[2];
if (!file) throw new Error('usage: npm run bench:statement -- <statements.json> [calls]');
const calls = Number(process.argv[3] ?? 3000);
const variants = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, Variant | string>).filter(
  (entry): entry is [string, Variant] => typeof entry[1] === 'object',
);

const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54330/postgres';
const client = new pg.Client({ connectionString: databaseUrl(server, 'lede_bench_l') });
await client.connect();
const slugs = (
  await client.query<{ slug: string }>('SELECT "slug" FROM "Organization" ORDER BY "id" LIMIT 300')
).rows.map((row) => row.slug);
const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;

/** User + system CPU of the connection's backend, in clock ticks (10 ms). */
function backendTicks(): number {
  const fields = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

function valuesFor(variant: Variant, call: number): unknown[] {
  return variant.values.map((value) => {
    if (value === '$now') return new Date();
    if (value === '$slug') return slugs[call % slugs.length];
    return value;
  });
}

async function run(name: string, variant: Variant, count: number): Promise<number> {
  const text = variant.text ?? P0_STATEMENTS[variant.p0 as keyof typeof P0_STATEMENTS];
  let bytes = 0;
  for (let call = 0; call < count; call++) {
    const result = await client.query({ name, text, values: valuesFor(variant, call), rowMode: 'array' });
    bytes += String(result.rows[0]?.[0] ?? '').length;
  }
  return bytes / count;
}

for (const [name, variant] of variants) await run(name, variant, 300);
const rows: Record<string, string>[] = [];
for (let round = 1; round <= 3; round++)
  for (const [name, variant] of variants) {
    const before = backendTicks();
    const bytes = await run(name, variant, calls);
    const ms = ((backendTicks() - before) * 10) / calls;
    rows.push({
      round: String(round),
      variant: name,
      'PostgreSQL ms per call': ms.toFixed(3),
      'bytes per answer': bytes.toFixed(0),
    });
  }
console.table(rows);
await client.end();
