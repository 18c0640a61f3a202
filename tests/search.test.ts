import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_PAGE_QUERY } from '../src/example-queries.ts';
import {
  articleFieldsOf,
  MAX_SEARCH_QUERY_LENGTH,
  normalizeSearchQuery,
  type SearchFields,
  searchArticles,
  searchArticlesByRows,
} from '../src/search/article-search.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { besidesSectionTree, startTestGateway, type TestGateway } from './support/gateway.ts';

type Range = { start: number; end: number };
type Highlighted = { html: string; text: string; matches: Range[] };
type Hit = { rank: number; headline: Highlighted; snippet: Highlighted; node: { slug: string; publishedAt: string } };
type Search = {
  totalCount: number;
  edges: (Hit & { cursor: string })[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

const SEARCH = `
  query Search($query: String!, $filter: ArticleFilter, $orderBy: SearchOrder, $first: Int, $after: String) {
    search(query: $query, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges {
        cursor rank
        headline { html text matches { start end } }
        snippet { html text matches { start end } }
        node { slug publishedAt }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

/** Queries over the sample articles and the article each must put first. */
const TOP_HITS: [query: string, slug: string][] = [
  ['smuggling', 'trial-opens-for-alleged-greywater-crew-smuggling-ring'],
  ['kelp', 'saltmarsh-researchers-report-kelp-forest-rebounding-after-urchin-cull'],
  ['tidal energy', 'harbourview-institute-of-technology-opens-tidal-energy-lab'],
  ['offshore wind', 'kestrel-bay-energy-bids-for-offshore-wind-lease-near-saltmarsh-point'],
  ['bike lane', 'council-approves-riverside-bike-lane-budget'],
  ['shuttle', 'city-unveils-matchday-shuttle-plan-for-quayside-park'],
  ['winter appeal', 'lanternlight-food-network-launches-winter-appeal-as-demand-hits-record'],
  ['fisheries quota', 'scientists-criticise-transoceanic-fisheries-quota-deal'],
  ['dock strike', 'dock-strike-in-costa-serena-strands-hundreds-of-containers'],
  ['property tax freeze', 'mayor-voss-unveils-2027-budget-with-property-tax-freeze'],
  ['late winner', 'mariners-snatch-late-winner-against-port-ellery'],
  ['four-year deal', 'whitaker-commits-future-to-mariners-with-four-year-deal'],
  ['trade bloc', 'costa-serena-joins-transoceanic-trade-bloc-after-marathon-talks'],
  ['record quarter', 'tessaline-shipping-posts-record-quarter-as-port-volumes-climb'],
  ['port security review', 'voss-orders-independent-review-of-port-security'],
  // Stemming: "pledges" and "pledge", "summits" and "summit".
  ['summits pledges', 'veldmark-summit-ends-with-pledge-to-green-shipping-lanes'],
];

describe(`full-text search (${databaseKind})`, () => {
  let lede: TestGateway;
  const search = async (variables: Record<string, unknown>, apiKey?: string) =>
    (await lede.data<{ search: Search }>(SEARCH, variables, { apiKey })).search;
  const slugs = (result: Search) => result.edges.map((edge) => edge.node.slug);

  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
    const prisma = lede.database.prisma;
    const section = await prisma.section.findFirstOrThrow({ where: { slug: 'local' } });
    const article = (slug: string, headline: string, body: string, status: 'DRAFT' | 'PUBLISHED' = 'PUBLISHED') =>
      prisma.article.create({
        data: {
          slug,
          headline,
          body,
          status,
          publishedAt: status === 'PUBLISHED' ? new Date('2026-11-01T09:00:00Z') : null,
          sectionId: section.id,
        },
      });
    await article(
      'court-halts-removal',
      'Court Halts Removal of Dock Workers',
      'A judge stopped the deportation of three dock workers on Friday.\n\nTheir lawyers welcomed the ruling.',
    );
    await article(
      'markup-in-the-text',
      'Tags <b>Bold</b> & "Quoted" Zephyrine',
      'The zephyrine report quoted <script>alert("x")</script> & other <i>markup</i> verbatim.',
    );
    await article(
      'unpublished-draft',
      'Quillfeather Plan Drafted',
      'The quillfeather plan is not public yet.',
      'DRAFT',
    );
  });

  it('puts the expected article first for each of a set of queries, best match first', async () => {
    for (const [query, slug] of TOP_HITS) {
      const result = await search({ query, first: 100 });
      expect(result.edges[0]?.node.slug, `top hit for "${query}": ${slugs(result).join(', ')}`).toBe(slug);
      expect(result.totalCount).toBe(result.edges.length);
      const ranks = result.edges.map((edge) => edge.rank);
      expect(ranks, `"${query}" is sorted by rank`).toStrictEqual([...ranks].sort((a, b) => b - a));
      expect(ranks.every((rank) => rank > 0 && rank < 1)).toBeTruthy();
    }
  });

  it('stems words: "deported" finds "deportation"', async () => {
    expect(slugs(await search({ query: 'deported' }))).toStrictEqual(['court-halts-removal']);
    expect(slugs(await search({ query: 'deportations' }))).toStrictEqual(['court-halts-removal']);
  });

  it('matches "exact phrases" in order only', async () => {
    const phrase = await search({ query: '"port security"', first: 100 });
    expect(phrase.edges[0]?.node.slug).toBe('voss-orders-independent-review-of-port-security');
    const reversed = await search({ query: '"security port"' });
    expect(reversed.totalCount).toBe(0);
    const words = await search({ query: 'security port', first: 100 });
    expect(words.totalCount >= phrase.totalCount && words.totalCount > 0).toBeTruthy();
  });

  it('leaves out -excluded words and finds either side of OR', async () => {
    const budget = slugs(await search({ query: 'budget', first: 100 }));
    const withoutBike = slugs(await search({ query: 'budget -bike', first: 100 }));
    const bike = slugs(await search({ query: 'bike', first: 100 }));
    expect(budget.includes('council-approves-riverside-bike-lane-budget')).toBeTruthy();
    expect(withoutBike.sort()).toStrictEqual(budget.filter((slug) => !bike.includes(slug)).sort());
    expect(withoutBike.length > 0).toBeTruthy();

    const either = slugs(await search({ query: 'kelp OR shuttle', first: 100 }));
    const kelp = slugs(await search({ query: 'kelp', first: 100 }));
    const shuttle = slugs(await search({ query: 'shuttle', first: 100 }));
    expect(either.sort()).toStrictEqual([...new Set([...kelp, ...shuttle])].sort());
    expect(kelp.length > 0 && shuttle.length > 0).toBeTruthy();
  });

  it('combines search with the article filter: the hits are the search hits that pass the filter', async () => {
    const { person, section } = await lede.data(`{
      person(slug: "elena-voss") { id }
      section(slug: "politics") { id }
    }`);
    const filters = [
      { mentionedPeople: [person.id] },
      { sections: [section.id] },
      { publishedAfter: '2026-10-20T00:00:00Z' },
      { sections: [section.id], mentionedPeople: [person.id] },
    ];
    const all = slugs(await search({ query: 'port OR budget OR council', first: 100 }));
    expect(all.length > 5).toBeTruthy();
    for (const filter of filters) {
      const filtered = await search({ query: 'port OR budget OR council', filter, first: 100 });
      const { articles } = await lede.data(
        'query ($filter: ArticleFilter) { articles(filter: $filter, first: 100) { edges { node { slug } } } }',
        {
          filter,
        },
      );
      const allowed = new Set(articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug));
      const expected = all.filter((slug) => allowed.has(slug));
      expect(
        expected.length > 0 && expected.length < all.length,
        `filter ${JSON.stringify(filter)} narrows`,
      ).toBeTruthy();
      expect(slugs(filtered), `filter ${JSON.stringify(filter)}`).toStrictEqual(expected);
      expect(filtered.totalCount).toBe(expected.length);
    }
  });

  it('searches the text as it is now: an edit is found at once', async () => {
    expect((await search({ query: 'marmalade' })).totalCount).toBe(0);
    await lede.database.prisma.article.update({
      where: { slug: 'court-halts-removal' },
      data: { standfirst: 'The marmalade factory workers may stay.' },
    });
    expect(slugs(await search({ query: 'marmalade' }))).toStrictEqual(['court-halts-removal']);
  });

  it('finds drafts only with an API key', async () => {
    expect((await search({ query: 'quillfeather' })).totalCount).toBe(0);
    const reader = await lede.apiKey('READER');
    expect(slugs(await search({ query: 'quillfeather' }, reader))).toStrictEqual(['unpublished-draft']);
  });

  it('marks matches in the headline and snippet, escaping the text so the HTML is safe', async () => {
    const [hit] = (await search({ query: 'zephyrine' })).edges;
    expectTruthy(hit);
    expect(hit.headline.text).toBe('Tags <b>Bold</b> & "Quoted" Zephyrine');
    expect(hit.headline.html).toBe('Tags &lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot; <mark>Zephyrine</mark>');
    expect(hit.snippet.html).toMatch(/<mark>zephyrine<\/mark>/);
    expect(hit.snippet.html).toMatch(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    expect(hit.snippet.html.replace(/<\/?mark>/g, ''), 'no markup but <mark>').not.toMatch(/[<>"]/);
    for (const highlight of [hit.headline, hit.snippet]) {
      expect(highlight.matches.length > 0).toBeTruthy();
      for (const { start, end } of highlight.matches) expect(highlight.text.slice(start, end)).toMatch(/^zephyrine$/i);
    }
    const [port] = (await search({ query: 'harbourview port' })).edges;
    expectTruthy(port && port.snippet.matches.length > 0);
    for (const { start, end } of port.snippet.matches)
      expect(port.snippet.text.slice(start, end)).toMatch(/^(harbourview|port)/i);
  });

  it('pages forward with cursors, in relevance or newest order, without repeats or gaps', async () => {
    for (const orderBy of ['RELEVANCE', 'NEWEST']) {
      const whole = await search({ query: 'port OR harbourview', orderBy, first: 100 });
      expect(whole.totalCount > 6).toBeTruthy();
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Search = await search({ query: 'port OR harbourview', orderBy, first: 4, after });
        paged.push(...slugs(page));
        expect(page.totalCount).toBe(whole.totalCount);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(paged, orderBy).toStrictEqual(slugs(whole));
      if (orderBy === 'NEWEST') {
        const times = whole.edges.map((edge) => edge.node.publishedAt);
        expect(times).toStrictEqual([...times].sort().reverse());
      }
    }
    const backwards = await lede.execute('{ search(query: "port", last: 2) { edges { cursor } } }');
    expect(backwards.errors?.[0]?.message ?? '').toMatch(/forward only/);
  });

  it('answers hostile input with results or a clear validation error, never an unexpected error', async () => {
    const hostile = [
      '"',
      '"unbalanced phrase',
      '\'; DROP TABLE "Article"; --',
      ') OR 1=1 --',
      '((( [[[ {{{',
      '!!! & | <-> :* ~',
      'port & !security',
      'kelp:*',
      '-',
      '- - -',
      'OR',
      'OR OR OR',
      '"" ""',
      'the and of',
      '🚀🔥 port',
      '🚀',
      'port\u0000security',
      '\u0000',
      '\uD800 lone surrogate',
      'x'.repeat(MAX_SEARCH_QUERY_LENGTH),
      'port '.repeat(51),
      '\\',
      '%_',
      '\uE000kelp\uE001',
    ];
    for (const query of hostile) {
      const response = await lede.gatewayResponse(SEARCH, { query, first: 5 });
      // Arguments failing their checks are found while the operation is priced, before it runs,
      // so they come back as a request error (400 for graphql-response+json clients).
      expect([200, 400].includes(response.status), JSON.stringify(query)).toBeTruthy();
      const result = (await response.json()) as { data?: { search: Search }; errors?: { message: string }[] };
      if (result.errors) {
        expect(result.errors[0]?.message ?? '', JSON.stringify(query)).toMatch(/query/);
      } else {
        expect(Array.isArray(result.data?.search.edges), JSON.stringify(query)).toBeTruthy();
      }
    }
    const rejected = ['', '   ', '\t\n', 'x'.repeat(10_000), 'port '.repeat(2000)];
    for (const query of rejected) {
      const result = await lede.execute(SEARCH, { query });
      expect(result.data?.search ?? null).toBe(null);
      expect(result.errors?.[0]?.message ?? '', JSON.stringify(query).slice(0, 40)).toMatch(
        /query: (must contain a word|must be at most 256 characters)/,
      );
    }
    // Text cannot hold NUL: refused before the operation runs, naming the variable.
    const nul = await lede.execute(SEARCH, { query: '\u0000\u0000' });
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(nul.errors?.[0]?.message ?? '').toMatch(/\$query.*NUL/);
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });

  it('sends the same number of SQL statements for 2 and 20 hits', async () => {
    const query = `query ($first: Int!) {
      search(query: "port OR harbourview OR council OR city", first: $first) {
        totalCount
        edges { rank snippet { html } node { headline urlPath section { name } bylines { person { name } } mentionedPeople { person { name } } } }
      }
    }`;
    const few = await lede.data(query, { first: 2 });
    const fewStatements = besidesSectionTree(lede.statements).length;
    const many = await lede.data(query, { first: 20 });
    expect(few.search.edges.length).toBe(2);
    expect(many.search.edges.length > 10).toBeTruthy();
    expect(besidesSectionTree(lede.statements).length, lede.statements.join('\n')).toBe(fewStatements);
    expect(fewStatements <= 8, `${fewStatements} statements`).toBeTruthy();
  });

  describe('does only the work the operation asks for', () => {
    const BENCH_SEARCH = readFileSync(new URL('../bench/operations/search.graphql', import.meta.url), 'utf8');
    const searchStatements = () => lede.statements.filter((sql) => sql.includes('websearch_to_tsquery'));
    const occurrences = (text: string, part: string) => text.split(part).length - 1;
    /**
     * Names of the Article columns a statement's JSON reads: the search reads its hits' articles in
     * its last part, as the JSON engine reads any list of articles.
     */
    const articleColumns = (sql: string) => {
      const list = sql.includes('websearch_to_tsquery')
        ? (sql.split('SELECT json_build_array(')[1] ?? '')
        : (sql.split(/\bFROM\b/)[0] ?? '');
      return new Set([...list.matchAll(/\bt\d+\."(\w+)"/g)].map((match) => match[1]).filter((name) => name !== 'id'));
    };

    it('runs the bench search operation in one SQL statement, with no highlights', async () => {
      const { search } = await lede.data(BENCH_SEARCH, { query: 'port OR council' });
      expect(search.edges.length > 5).toBeTruthy();
      for (const edge of search.edges) {
        expect(edge.rank > 0 && edge.rank < 1).toBeTruthy();
        expect(edge.node.slug && edge.node.headline && edge.node.publishedAt && edge.node.section.name).toBeTruthy();
      }
      expect(lede.statements.length, lede.statements.join('\n')).toBe(1);
      const [statement, ...more] = searchStatements();
      expectTruthy(statement && more.length === 0);
      expect(occurrences(statement, 'ts_headline'), statement).toBe(0);
      expect(occurrences(statement, 'ts_rank_cd'), 'the rank is computed once, as the sort key').toBe(1);
    });

    it('computes a highlight only when the operation selects it, through fragments and directives', async () => {
      const cases: [selection: string, variables: Record<string, unknown>, highlights: number][] = [
        ['cursor node { slug }', {}, 0],
        ['headline { html }', {}, 1],
        ['snippet { text }', {}, 1],
        ['headline { html } snippet { html }', {}, 2],
        ['title: headline { html } node { headline }', {}, 1],
        ['...Marked', {}, 2],
        ['... on SearchEdge { snippet { matches { start } } }', {}, 1],
        ['headline @include(if: $on) { html } snippet @skip(if: $on) { html }', { on: true }, 1],
        ['headline @include(if: $on) { html } snippet @skip(if: $on) { html }', { on: false }, 1],
        ['headline @skip(if: true) { html }', {}, 0],
      ];
      for (const [selection, variables, highlights] of cases) {
        const { search } = await lede.data(
          `query ${selection.includes('$on') ? '($on: Boolean!)' : ''} {
            search(query: "harbourview port", first: 3) { edges { ${selection} } }
          }
          ${selection.includes('...Marked') ? 'fragment Marked on SearchEdge { headline { text } snippet { text } }' : ''}`,
          variables,
        );
        expect(search.edges.length).toBe(3);
        const [statement] = searchStatements();
        expect(occurrences(statement ?? '', 'ts_headline'), `${selection} ${JSON.stringify(variables)}`).toBe(
          highlights,
        );
      }
    });

    it('highlights the same words whatever else is selected', async () => {
      const alone = await lede.data('{ search(query: "harbourview port", first: 5) { edges { snippet { html } } } }');
      const all = await search({ query: 'harbourview port', first: 5 });
      expect(alone.search.edges.map((edge: Hit) => edge.snippet.html)).toStrictEqual(
        all.edges.map((edge) => edge.snippet.html),
      );
      expect(all.edges.every((edge) => edge.snippet.html.includes('<mark>'))).toBeTruthy();
    });

    it('ranks newest-first hits only when rank is selected', async () => {
      const newest = 'search(query: "port OR council", orderBy: NEWEST, first: 10)';
      const plain = await lede.data(`{ ${newest} { edges { node { publishedAt } } } }`);
      expect(occurrences(searchStatements()[0] ?? '', 'ts_rank_cd')).toBe(0);
      const ranked = await lede.data(`{ ${newest} { edges { rank node { publishedAt } } } }`);
      expect(occurrences(searchStatements()[0] ?? '', 'ts_rank_cd')).toBe(1);
      expect(ranked.search.edges.map((edge: Hit) => edge.node)).toStrictEqual(
        plain.search.edges.map((edge: Hit) => edge.node),
      );
      expect(ranked.search.edges.every((edge: Hit) => edge.rank > 0 && edge.rank < 1)).toBeTruthy();
    });

    it("reads the hits' article columns in the search statement, the same ones article(slug:) reads", async () => {
      for (const node of ['slug headline publishedAt', 'id', 'urlPath wordCount', 'paragraphs excerpt']) {
        await lede.data(`{ article(slug: "council-approves-riverside-bike-lane-budget") { ${node} } }`);
        // article(slug:) reads through src/engine/json-find-many.ts: `FROM "Article" t0`.
        const listed = lede.statements.find((sql) => sql.includes('FROM "Article" t0'));
        expectTruthy(listed, lede.statements.join('\n'));
        const { search } = await lede.data(`{ search(query: "port", first: 3) { edges { node { ${node} } } } }`);
        expect(search.edges.length).toBe(3);
        const [statement] = searchStatements();
        if (statement?.includes(`'$response'`)) {
          // Nodes PostgreSQL writes whole read the columns they show and nothing beside.
          expect(articleColumns(statement), node).toStrictEqual(new Set(node.split(' ')));
        } else {
          expect(articleColumns(statement ?? ''), node).toStrictEqual(articleColumns(listed));
        }
        // The section tree is read by one statement of src/engine/json-find-many.ts.
        const sections = lede.statements.filter((sql) => sql.includes('FROM "Section" t0'));
        expect(lede.statements.length, lede.statements.join('\n')).toBe(1 + sections.length);
        expect(sections.length <= 1).toBeTruthy();
      }
      const { search } = await lede.data('{ search(query: "port", first: 3) { edges { cursor } } }');
      expect(search.edges.length).toBe(3);
      expect(searchStatements()[0] ?? '', 'no article row is read for cursors only').not.toMatch(/JOIN "Article"/);
      expect(lede.statements.length, 'nor any section without a section filter').toBe(1);
    });

    it("loads the hits' relations as the article field does", async () => {
      const [first] = (await search({ query: 'harbourview port', first: 1 })).edges;
      expectTruthy(first);
      const prisma = lede.database.prisma;
      const article = await prisma.article.findUniqueOrThrow({ where: { slug: first.node.slug } });
      const other = await prisma.section.findFirstOrThrow({ where: { id: { not: article.sectionId } } });
      await prisma.articleSection.create({ data: { articleId: article.id, sectionId: other.id } });
      await prisma.articleSlugRedirect.create({ data: { articleId: article.id, slug: `${article.slug}-old` } });
      const fields = `slug section { name } formerSlugs otherSections { slug } bylines { person { name } }
        mentionedPeople { mentionCount person { name } } mentionedOrganizations { organization { name } }`;
      const { search: hits } = await lede.data(
        `{ search(query: "harbourview port", first: 5) { edges { node { ${fields} } } } }`,
      );
      for (const { node } of hits.edges) {
        const { article: expected } = await lede.data(`{ article(slug: "${node.slug}") { ${fields} } }`);
        expect(node).toStrictEqual(expected);
      }
      expect(hits.edges[0].node.formerSlugs).toStrictEqual([`${article.slug}-old`]);
      expect(hits.edges[0].node.otherSections).toStrictEqual([{ slug: other.slug }]);
    });
  });

  it('answers the same in one statement as with the hits and their relations read apart', async () => {
    const prisma = lede.database.prisma;
    const selections: Record<string, SearchFields> = {
      'columns only': {
        rank: true,
        headline: false,
        snippet: false,
        columns: ['id', 'slug', 'headline', 'publishedAt'],
      },
      'every column and relation': {
        rank: true,
        headline: true,
        snippet: true,
        ...articleFieldsOf({
          include: {
            section: true,
            bylines: { include: { person: true }, orderBy: [{ position: 'asc' }, { personId: 'asc' }] },
            organizationMentions: {
              include: { organization: true },
              orderBy: [{ count: 'desc' }, { organizationId: 'asc' }],
            },
          },
        }),
      },
      'a relation, no rank': {
        rank: false,
        headline: true,
        snippet: false,
        ...articleFieldsOf({ select: { slug: true, section: { select: { slug: true, name: true } } } }),
      },
    };
    let compared = 0;
    for (const preview of [false, true]) {
      for (const order of ['RELEVANCE', 'NEWEST'] as const) {
        for (const [name, fields] of Object.entries(selections)) {
          for (const query of ['port OR council', 'harbourview port', 'budget -bike', 'quillfeather']) {
            const base = {
              query: normalizeSearchQuery(query),
              filter: {},
              sections: undefined,
              order,
              fields,
            };
            const reader = { prisma, now: new Date(), preview };
            let afterId: number | undefined;
            for (let page = 0; page < 3; page++) {
              const search = { ...base, first: 2, afterId };
              const folded = await searchArticles(reader, search);
              const apart = await searchArticlesByRows(reader, search);
              expect(folded, `${name} ${order} ${query} preview=${preview} page ${page}`).toStrictEqual(apart);
              compared += folded.hits.length;
              if (!folded.hasNextPage) break;
              afterId = folded.hits.at(-1)?.articleId;
            }
          }
        }
      }
    }
    expect(compared > 50, `${compared} hits compared`).toBeTruthy();
  });

  it('runs the search page example that docs/api.md shows', async () => {
    const { search: result, facets } = await lede.data(SEARCH_PAGE_QUERY);
    expect(result.edges[0].node.urlPath).toBe('/politics/voss-orders-independent-review-of-port-security');
    expect(result.edges[0].headline.html).toMatch(/<mark>Port<\/mark> <mark>Security<\/mark>/);
    expect(facets.months.reduce((sum: number, month: { count: number }) => sum + month.count, 0)).toBe(
      result.totalCount,
    );
    const doc = await readFile(new URL('../docs/api.md', import.meta.url), 'utf8');
    expect(
      doc.includes(`\`\`\`graphql\n${SEARCH_PAGE_QUERY}\`\`\``),
      'docs/api.md shows SEARCH_PAGE_QUERY verbatim',
    ).toBeTruthy();
  });
});
