// Sends every bench variable of one page once to Lede and P0 (already running, from .scratch-serve.ts)
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { databaseUrl } from './database.ts';
import { makeVariables, requestFor } from './operations.ts';
const op = process.argv[2] as any;
const server = process.env.DATABASE_URL as string;
const db = process.env.DB ?? 'lede_bench_l';
const data = new pg.Client({ connectionString: databaseUrl(server, db) });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), db === 'lede_bench_l' ? 'L' : 'S', 100, 11);
await data.end();
for (const entry of (variables as any)[op]) {
  for (const [who, base] of [['lede', 'http://127.0.0.1:5801'], ['p0', 'http://127.0.0.1:5802']]) {
    const r = requestFor(who as any, op, entry);
    const res = await fetch(base + r.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: r.body });
    await res.text();
  }
}
console.log('sent', (variables as any)[op].length);
