import pg from 'pg';
import { writeFileSync } from 'node:fs';
import { databaseUrl } from './database.ts';
import { makeVariables, requestFor } from './operations.ts';
import { startLede, startP0 } from './peers.ts';
const server = process.env.DATABASE_URL as string;
const url = databaseUrl(server, process.env.DB ?? 'lede_bench_s');
const data = new pg.Client({ connectionString: url });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), (process.env.DB === 'lede_bench_l' ? 'L' : 'S'), 100, 11);
await data.end();
const lede = await startLede('Lede', 'pg', { databaseUrl: url }, 5801);
const p0 = await startP0('P0', 'pg', url, 5802);
const out: Record<string, unknown> = { lede: lede.url, p0: p0.url, ledePid: lede.pid, p0Pid: p0.pid };
for (const op of ['front', 'article', 'section', 'search', 'entity'] as const) {
  out[op] = { lede: requestFor('lede', op, (variables as any)[op][0]), p0: requestFor('p0', op, (variables as any)[op][0]) };
}
writeFileSync('/tmp/s27/serve.json', JSON.stringify(out, null, 1));
console.log('ready');
setInterval(() => {}, 1 << 30);
