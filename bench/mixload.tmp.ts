import { createRequire } from 'node:module';
import pg from 'pg';
import { makeVariables, OPERATIONS, requestFor } from './operations.ts';
const data = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:54330/lede_bench_s' });
await data.connect();
const variables = await makeVariables((sql, params) => data.query(sql, params), 'S', 100, 11);
await data.end();
const autocannon = createRequire('/work/main/bench/package.json')('autocannon');
for (let round = 0; round < 2; round++)
  for (const operation of OPERATIONS) {
    const bodies = variables[operation].map((entry) => requestFor('lede', operation, entry).body);
    let next = 0;
    const r = await autocannon({ url: 'http://127.0.0.1:5799/graphql', connections: 10, amount: 1500,
      requests: [{ method: 'POST', setupRequest: (q: object) => ({ ...q, headers: { 'content-type': 'application/json' }, body: bodies[next++ % bodies.length] }) }] });
    if (r.non2xx) console.log('non2xx', operation, r.non2xx);
  }
