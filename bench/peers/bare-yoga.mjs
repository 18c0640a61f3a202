// GraphQL Yoga with nothing added: the version Lede uses, a one-field schema, no plugin of Lede's,
// no GraphiQL or landing page. What the framework itself costs per request, for
// `PEER=bare-yoga npm run bench:cpu-split -- pipeline` beside Lede's own `{ __typename }`.
// Usage: node bench/peers/bare-yoga.mjs <port>
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const port = Number(process.argv[2] ?? 0);
const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { "Nothing." nothing: Boolean }', resolvers: {} }),
  logging: false,
  graphiql: false,
  landingPage: false,
});
const server = createServer(yoga);
server.listen(port, '127.0.0.1', () => console.log(`bare Yoga ready at http://127.0.0.1:${port}`));
