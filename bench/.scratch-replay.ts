import { readFileSync } from 'node:fs';
import pg from 'pg';
import { databaseUrl } from './database.ts';
const calls = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { name: string; text: string; values: (string | null)[] }[];
const repeats = Number(process.argv[3] ?? 5);
const server = process.env.DATABASE_URL as string;
const db = process.env.DB ?? 'lede_bench_l';
const groups: Record<string, typeof calls> = { lede: [], p0: [] };
for (const c of calls.filter((c) => c.name !== '<unnamed>')) (c.name.startsWith('p0_') ? groups.p0 : groups.lede).push(c);
const clients: Record<string, { client: pg.Client; pid: number }> = {};
for (const g of Object.keys(groups)) {
  const client = new pg.Client({ connectionString: databaseUrl(server, db) });
  await client.connect();
  const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  clients[g] = { client, pid };
}
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
async function run(g: string, n: number) {
  const { client } = clients[g];
  for (let r = 0; r < n; r++) for (const c of groups[g]) await client.query({ name: c.name, text: c.text, values: c.values });
}
for (const g of Object.keys(groups)) await run(g, 2);
for (let round = 1; round <= 3; round++) {
  for (const g of round % 2 ? ['lede', 'p0'] : ['p0', 'lede']) {
    const before = ticks(clients[g].pid); const t0 = performance.now();
    await run(g, repeats);
    const ms = (ticks(clients[g].pid) - before) * 10;
    const requests = repeats * groups[g].length / (g === 'lede' ? Number(process.env.LEDE_PER_REQUEST ?? 1) : 1);
    console.log(round, g, `statements ${groups[g].length * repeats}`, `PG CPU per request ${(ms / requests).toFixed(3)} ms`, `wall per request ${((performance.now() - t0) / requests).toFixed(3)} ms`);
  }
}
process.exit(0);
