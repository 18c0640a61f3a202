import { EXAMPLE_OPERATIONS } from '../../src/example-queries.ts';

/** One request a load client can send: a query with its variables. */
export type LoadOperation = { name: string; query: string; variables: Record<string, unknown> };

export type LoadResult = {
  requests: number;
  /** Transport failures and non-200 answers, with the first few described. */
  errors: number;
  /** Requests that had no answer within the client's timeout. */
  timeouts: number;
  /** Answers with status 200 whose body carried `errors` or no `data`. */
  graphqlErrors: number;
  samples: string[];
  durationMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
};

const SITE_INDEX = `{
  articles(first: 100) { edges { node { slug headline } } }
  people(first: 100) { edges { node { slug urlPath } } }
  organizations(first: 100) { edges { node { slug urlPath } } }
  sections { slug }
}`;

type SiteIndex = {
  articles: { edges: { node: { slug: string; headline: string } }[] };
  people: { edges: { node: { slug: string; urlPath: string } }[] };
  organizations: { edges: { node: { slug: string; urlPath: string } }[] };
  sections: { slug: string }[];
};

/**
 * The example operations (what GraphiQL and docs/api.md show readers), each with variables taken
 * from the live content: every article, section and person, entity pages of people and
 * organizations, and searches for words from the headlines.
 */
export async function readOperations(url: string): Promise<LoadOperation[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SITE_INDEX }),
  });
  const { data } = (await response.json()) as { data: SiteIndex };
  const byName = new Map(
    EXAMPLE_OPERATIONS.map(({ query }) => [/(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '', query]),
  );
  const query = (name: string) => {
    const text = byName.get(name);
    if (!text) throw new Error(`no example operation ${name}`);
    return text;
  };
  const words = [
    ...new Set(
      data.articles.edges.flatMap(({ node }) =>
        node.headline
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter((word) => word.length > 4),
      ),
    ),
  ];
  return [
    { name: 'FrontPage', query: query('FrontPage'), variables: {} },
    { name: 'Preview', query: query('Preview'), variables: {} },
    ...data.articles.edges.map(({ node }) => ({
      name: 'ArticleScreen',
      query: query('ArticleScreen'),
      variables: { slug: node.slug },
    })),
    ...data.sections.map(({ slug }) => ({ name: 'SectionPage', query: query('SectionPage'), variables: { slug } })),
    ...data.people.edges.map(({ node }) => ({
      name: 'PersonPage',
      query: query('PersonPage'),
      variables: { slug: node.slug },
    })),
    ...[...data.people.edges, ...data.organizations.edges].map(({ node }) => ({
      name: 'EntityPage',
      query: query('EntityPage'),
      variables: { path: node.urlPath },
    })),
    ...words.slice(0, 40).map((word) => ({
      name: 'SearchPage',
      query: query('SearchPage'),
      variables: { query: word },
    })),
  ];
}

/**
 * Runs `clients` concurrent clients for `durationMs`; each sends one operation after another
 * (picked in turn from a different starting point, so the mix is even) and waits for its answer.
 */
export async function runLoad(options: {
  url: string;
  operations: LoadOperation[];
  clients: number;
  durationMs: number;
  /** A request unanswered after this long counts as a timeout. Default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const { url, operations, clients, durationMs, timeoutMs = 30_000 } = options;
  const latencies: number[] = [];
  const result = { requests: 0, errors: 0, timeouts: 0, graphqlErrors: 0, samples: [] as string[] };
  const note = (text: string) => {
    if (result.samples.length < 10) result.samples.push(text);
  };
  const started = performance.now();
  const deadline = started + durationMs;

  const client = async (index: number) => {
    let next = (index * 7) % operations.length;
    while (performance.now() < deadline) {
      const operation = operations[next % operations.length] as LoadOperation;
      next += 1;
      const sent = performance.now();
      result.requests += 1;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...options.headers },
          body: JSON.stringify({ query: operation.query, variables: operation.variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        latencies.push(performance.now() - sent);
        if (response.status !== 200) {
          result.errors += 1;
          note(`${operation.name}: HTTP ${response.status} ${text.slice(0, 200)}`);
          continue;
        }
        const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
        if (body.errors?.length || !body.data) {
          result.graphqlErrors += 1;
          note(`${operation.name} ${JSON.stringify(operation.variables)}: ${text.slice(0, 300)}`);
        }
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        if (timedOut) result.timeouts += 1;
        else result.errors += 1;
        note(`${operation.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return {
    ...result,
    durationMs: elapsed,
    p50Ms: percentile(0.5),
    p99Ms: percentile(0.99),
    maxMs: latencies.at(-1) ?? 0,
    requestsPerSecond: (result.requests / elapsed) * 1000,
  };
}

export function describeLoad(result: LoadResult, clients: number): string {
  return (
    `${clients} clients, ${(result.durationMs / 1000).toFixed(1)} s: ${result.requests} requests, ` +
    `${result.requestsPerSecond.toFixed(1)} requests/s, p50 ${result.p50Ms.toFixed(0)} ms, ` +
    `p99 ${result.p99Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms; errors ${result.errors}, ` +
    `timeouts ${result.timeouts}, GraphQL errors ${result.graphqlErrors}`
  );
}
