// P0, the floor: plain node:http and one hand-written SQL statement per operation, on PostgreSQL
// (pg, a pool of 10 and a 5000 ms statement timeout like Lede's, named statements) or on an
// embedded PGlite folder. POST /<operation> with the
// variables as JSON; GET /statements gives the number of statements sent so far.
// Usage: tsx bench/peers/p0.ts <postgres url | pglite folder> <port>
import { createServer } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteExtensions } from '../../src/db/adapter.ts';
import { OPERATIONS, type OperationName } from '../operations.ts';
import { type P0Statement, p0Statement } from './p0-sql.ts';

const [target = '', port = '0'] = process.argv.slice(2);
type Run = (statement: P0Statement) => Promise<string>;

async function openBackend(): Promise<Run> {
  if (/^postgres(ql)?:/.test(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 10, statement_timeout: 5000 });
    pool.on('error', () => {});
    return async ({ name, text, values }) =>
      ((await pool.query<[string]>({ name, text, values, rowMode: 'array' })).rows[0]?.[0] as string) ?? 'null';
  }
  // PGlite has no named statements; each query is parsed and planned again.
  const pglite = await PGlite.create(target, { extensions: pgliteExtensions });
  await pglite.exec('SET statement_timeout = 5000');
  return async ({ text, values }) =>
    ((await pglite.query<[string]>(text, values, { rowMode: 'array' })).rows[0]?.[0] as string) ?? 'null';
}

const run = await openBackend();
let statements = 0;
const server = createServer((request, response) => {
  const operation = request.url?.slice(1) as OperationName;
  if (request.method === 'GET' && request.url === '/statements') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ statements }));
    return;
  }
  if (!OPERATIONS.includes(operation)) {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    statements += 1;
    const variables = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
    run(p0Statement(operation, variables)).then(
      (body) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(body);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
});
server.listen(Number(port), '127.0.0.1', () => {
  const address = server.address();
  console.log(`P0 ready at http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
});
