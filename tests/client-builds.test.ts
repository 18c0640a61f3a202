import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/shared/project-root.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

// The two client stacks news front ends use, run against Lede as their teams would (issue
// "client contract"): relay-compiler builds examples/relay-client against generated/schema.graphql
// and its queries run; Apollo Client pages with relayStylePagination and normalises a mutation.

/** Compiles examples/relay-client in a scratch folder; returns the generated artifacts by name. */
function compileRelayExample(): Map<string, string> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'lede-relay-'));
  try {
    // The same layout as the repository, so the config's path to the schema holds.
    const example = path.join(scratch, 'examples/relay-client');
    cpSync(path.join(projectRoot, 'examples/relay-client'), example, { recursive: true });
    mkdirSync(path.join(scratch, 'generated'));
    cpSync(path.join(projectRoot, 'generated/schema.graphql'), path.join(scratch, 'generated/schema.graphql'));
    execFileSync(path.join(projectRoot, 'node_modules/.bin/relay-compiler'), [], { cwd: example, stdio: 'pipe' });
    const folder = path.join(example, 'src/__generated__');
    return new Map(readdirSync(folder).map((file) => [file, readFileSync(path.join(folder, file), 'utf8')]));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The operation text relay-compiler wrote into a query artifact. */
function operationText(artifact: string): string {
  const literal = /"text": ("(?:[^"\\]|\\.)*")/.exec(artifact)?.[1];
  if (!literal) throw new Error('the artifact has no operation text');
  return JSON.parse(literal);
}

describe(`Relay and Apollo Client against Lede (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
  });

  it('compiles the Relay example (connections, refetchable fragments, a mutation) and runs its queries', async () => {
    let artifacts: Map<string, string>;
    try {
      artifacts = compileRelayExample();
    } catch (error) {
      const { stdout, stderr } = error as { stderr?: Buffer; stdout?: Buffer };
      const output = `${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}` || String(error);
      expect.unreachable(`relay-compiler failed:\n${output}`);
    }
    expect([...artifacts.keys()]).toEqual(
      expect.arrayContaining(['listsFrontPageQuery.graphql.ts', 'FrontPagePaginationQuery.graphql.ts']),
    );
    const front = await lede.execute(operationText(artifacts.get('listsFrontPageQuery.graphql.ts') as string));
    expect(front.errors).toBeUndefined();
    const edges = (front.data as { articles: { edges: unknown[] } }).articles.edges;
    expect(edges.length).toBeGreaterThan(0);
    const section = await lede.execute(operationText(artifacts.get('listsSectionQuery.graphql.ts') as string), {
      slug: 'local',
    });
    expect(section.errors).toBeUndefined();
  });

  it('pages with relayStylePagination and updates the normalised cache after a mutation', async () => {
    const client = new ApolloClient({
      link: new HttpLink({
        uri: 'http://lede.test/graphql',
        fetch: (input, init) => Promise.resolve(lede.yoga.fetch(String(input), init as RequestInit)),
        headers: { authorization: `Bearer ${editor}` },
      }),
      cache: new InMemoryCache({
        possibleTypes: { Error: ['ConflictError', 'NotFoundError', 'ValidationError'] },
        typePolicies: { Query: { fields: { articles: relayStylePagination(['filter', 'orderBy']) } } },
      }),
    });
    const FRONT = gql`
      query ApolloFront($after: String) {
        articles(first: 2, after: $after) {
          edges { cursor node { id headline version } }
          pageInfo { hasNextPage endCursor }
        }
      }
    `;
    type Front = {
      articles: {
        edges: { node: { id: string; headline: string; version: number } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = await client.query<Front>({ query: FRONT });
    const firstPage = first.data?.articles as Front['articles'];
    expect(firstPage.edges).toHaveLength(2);
    // The next page merges into the same list: relayStylePagination keys it by filter and order only.
    const more = await client.query<Front>({
      query: FRONT,
      variables: { after: firstPage.pageInfo.endCursor },
      fetchPolicy: 'network-only',
    });
    expect(more.data?.articles.edges.length).toBeGreaterThan(0);
    const merged = client.readQuery<Front>({ query: FRONT }) as Front;
    const ids = merged.articles.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);

    const target = merged.articles.edges[0]?.node as Front['articles']['edges'][number]['node'];
    const UPDATE = gql`
      mutation ApolloRename($input: UpdateArticleInput!) {
        updateArticle(input: $input) {
          __typename
          ... on UpdateArticleSuccess { article { id headline version } }
          ... on Error { code message }
        }
      }
    `;
    const renamed = await client.mutate<{ updateArticle: { __typename: string } }>({
      mutation: UPDATE,
      variables: { input: { article: target.id, version: target.version, headline: 'Renamed by Apollo' } },
    });
    expect(renamed.data?.updateArticle.__typename).toBe('UpdateArticleSuccess');
    const cached = client.readQuery<Front>({ query: FRONT }) as Front;
    expect(cached.articles.edges[0]?.node.headline).toBe('Renamed by Apollo');
    // A stale version comes back as an Error the cache matches through possibleTypes.
    const stale = await client.mutate<{ updateArticle: { __typename: string; code?: string } }>({
      mutation: UPDATE,
      variables: { input: { article: target.id, version: target.version, headline: 'Too late' } },
    });
    expect(stale.data?.updateArticle).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
  });
});
