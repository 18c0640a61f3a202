import { readFileSync } from 'node:fs';
import pg from 'pg';
import { databaseUrl } from './database.ts';
type Call = { name: string; text: string; values: (string | null)[]; group: string };
const calls = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Call[];
const repeats = Number(process.argv[3] ?? 5);
const db = process.env.DB ?? 'lede_bench_l';
const groups = new Map<string, Call[]>();
for (const c of calls) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
const client = new pg.Client({ connectionString: databaseUrl(process.env.DATABASE_URL as string, db) });
await client.connect();
const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
const ticks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const sizes = new Map<string, number>();
async function run(g: string, n: number) {
  let bytes = 0;
  for (let r = 0; r < n; r++) for (const c of groups.get(g)!) { const res = await client.query({ name: c.name, text: c.text, values: c.values, rowMode: 'array' }); bytes += JSON.stringify(res.rows).length; }
  sizes.set(g, bytes / n / groups.get(g)!.length);
}
const names = [...groups.keys()];
for (const g of names) await run(g, 2);
const results = new Map<string, number[]>();
for (let round = 1; round <= 3; round++) {
  for (const g of round % 2 ? names : [...names].reverse()) {
    const before = ticks();
    await run(g, repeats);
    results.set(g, [...(results.get(g) ?? []), ((ticks() - before) * 10) / (repeats * groups.get(g)!.length)]);
  }
}
for (const [g, v] of results) console.log(g.padEnd(12), v.map((x) => x.toFixed(3)).join(' '), 'ms PG CPU per statement; bytes', Math.round(sizes.get(g)!));
process.exit(0);
