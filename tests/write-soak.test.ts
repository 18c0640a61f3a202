import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { bySize } from './support/size.ts';

const RESULT = `__typename
  ... on Error { message }
  ... on ValidationError { problems { field message } }
  ... on ConflictError { currentVersion }`;
const CREATE = `mutation ($input: CreateArticleInput!) {
  createArticle(input: $input) { ${RESULT} ... on CreateArticleSuccess { article { id slug version } } }
}`;
const UPDATE = `mutation ($input: UpdateArticleInput!) {
  updateArticle(input: $input) { ${RESULT} ... on UpdateArticleSuccess { article { id headline version } } }
}`;
const VERSION = 'query ($id: ID!) { node(id: $id) { ... on Article { version headline } } }';

type Result = {
  __typename: string;
  message?: string;
  problems?: { field: string; message: string }[];
  currentVersion?: number;
  article?: { id: string; slug: string; headline: string; version: number };
};

const WRITERS = bySize(4, 8);
const ROUNDS = bySize(2, 6);

describe(`write soak and idempotency keys (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let otherEditor: string;
  let section: string;
  const statuses: number[] = [];

  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
    otherEditor = await lede.apiKey('EDITOR');
    const { id } = await lede.database.prisma.section.findFirstOrThrow({ where: { slug: 'local' } });
    section = Buffer.from(`Section:${id}`).toString('base64');
  });
  afterAll(() => lede?.close());

  /** Sends a mutation over the gateway's HTTP handler; every status is kept for the ≥500 check. */
  const send = async (query: string, input: Record<string, unknown>, apiKey = editor): Promise<Result> => {
    const response = await lede.gatewayResponse(query, { input }, apiKey);
    statuses.push(response.status);
    const body = (await response.json()) as { data?: Record<string, Result>; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBe(undefined);
    return Object.values(body.data ?? {})[0] as Result;
  };
  const articleCount = () => lede.database.prisma.article.count();

  it('a retry with the same key returns the first article and creates no second one', async () => {
    const input = { headline: 'Ferry Timetable Returns', paragraphs: ['Text.'], section, idempotencyKey: 'ferry-1' };
    const first = await send(CREATE, input);
    expect(first.__typename).toBe('CreateArticleSuccess');
    const before = await articleCount();
    const retried = await send(CREATE, { ...input });
    expect(retried).toStrictEqual(first);
    const reordered = await send(CREATE, {
      idempotencyKey: 'ferry-1',
      section,
      paragraphs: ['Text.'],
      headline: input.headline,
    });
    expect(reordered, 'the order of input fields does not matter').toStrictEqual(first);
    expect(await articleCount()).toBe(before);
  });

  it('refuses the same key with different input, and keeps keys of different API keys apart', async () => {
    const input = { headline: 'Harbour Fees Rise', paragraphs: ['Text.'], section, idempotencyKey: 'fees' };
    const first = await send(CREATE, input);
    const changed = await send(CREATE, { ...input, headline: 'Harbour Fees Fall' });
    expect(changed.__typename).toBe('ValidationError');
    expect(changed.problems?.[0]?.field).toBe('idempotencyKey');
    expect(changed.message ?? '').toMatch(/already used for a different article/);
    const other = await send(CREATE, input, otherEditor);
    expect(other.__typename).toBe('CreateArticleSuccess');
    expect(other.article?.id, 'another client has its own keys').not.toBe(first.article?.id);
    const tooLong = await send(CREATE, { ...input, idempotencyKey: 'k'.repeat(201) });
    expect(tooLong.problems?.[0]?.field).toBe('idempotencyKey');
  });

  it('concurrent requests with the same key make one article', async () => {
    const before = await articleCount();
    const input = { headline: 'Bridge Closure Extended', paragraphs: ['Text.'], section, idempotencyKey: 'bridge' };
    const results = await Promise.all(Array.from({ length: 6 }, () => send(CREATE, input)));
    expect(new Set(results.map((result) => result.article?.id)).size, JSON.stringify(results)).toStrictEqual(1);
    expect(await articleCount()).toBe(before + 1);
  });

  it(`${WRITERS} writers with retries and dropped answers: no duplicates, no lost update, rising versions`, async () => {
    const created = new Map<string, string>(); // slug → article id, as acknowledged
    const acknowledged: { id: string; version: number; headline: string }[] = [];
    const shared: string[] = [];
    const savedUnacknowledged: { id: string; headline: string }[] = [];
    let conflicts = 0;

    const createWithRetries = async (writer: number, round: number) => {
      const input = {
        headline: `Soak ${writer} ${round}`,
        paragraphs: [`Paragraph by writer ${writer}.`],
        section,
        idempotencyKey: `soak-${writer}-${round}`,
      };
      // Every other create's first answer is lost on the way back (sent, never read): the client
      // cannot know whether it was saved, so it sends the same request again, as it should.
      if ((writer + round) % 2 === 0) await send(CREATE, input);
      const result = await send(CREATE, input);
      expect(result.__typename, JSON.stringify(result)).toBe('CreateArticleSuccess');
      const article = result.article as NonNullable<Result['article']>;
      created.set(article.slug, article.id);
      shared.push(article.id);
    };

    const updateWithRetries = async (writer: number, round: number) => {
      const id = shared[(writer * 3 + round) % shared.length] as string;
      const headline = `Edit by ${writer} in round ${round}`;
      for (let attempt = 0; attempt < 20; attempt++) {
        const read = await lede.execute<{ node: { version: number; headline: string } }>(
          VERSION,
          { id },
          { apiKey: editor },
        );
        // After a lost answer and a conflict, the client looks whether its change is there.
        if (read.data?.node.headline === headline) {
          savedUnacknowledged.push({ id, headline });
          return;
        }
        const version = read.data?.node.version as number;
        const input = { article: id, version, headline };
        const dropped = (writer + round + attempt) % 3 === 0;
        if (dropped) await send(UPDATE, input);
        const result = await send(UPDATE, input);
        if (result.__typename === 'UpdateArticleSuccess') {
          acknowledged.push({ id, version: result.article?.version as number, headline });
          return;
        }
        expect(result.__typename, JSON.stringify(result)).toBe('ConflictError');
        conflicts += 1;
      }
      expect.unreachable(`writer ${writer} could not save its change in 20 attempts`);
    };

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        for (let round = 0; round < ROUNDS; round++) {
          await createWithRetries(writer, round);
          await updateWithRetries(writer, round);
        }
      }),
    );

    expect(created.size).toBe(WRITERS * ROUNDS);
    const soaked = await lede.database.prisma.article.findMany({
      where: { slug: { startsWith: 'soak-' } },
      select: { slug: true },
    });
    expect(soaked.length, 'exactly one article per idempotency key, none from retries').toBe(WRITERS * ROUNDS);
    expect(
      soaked.every(({ slug }) => /^soak-\d+-\d+$/.test(slug)),
      'no slug got a -2 suffix from a duplicate create',
    ).toBeTruthy();
    const ids = (value: string) => Number(Buffer.from(value, 'base64').toString().split(':')[1]);
    const versions = new Map<string, number[]>();
    for (const update of acknowledged) versions.set(update.id, [...(versions.get(update.id) ?? []), update.version]);
    for (const [id, list] of versions) {
      expect(new Set(list).size, `no two acknowledged updates of ${id} share a version`).toBe(list.length);
    }
    for (const update of acknowledged) {
      const revision = await lede.database.prisma.articleRevision.findUnique({
        where: { articleId_version: { articleId: ids(update.id), version: update.version } },
      });
      expect(
        (revision?.fields as { headline?: string } | undefined)?.headline,
        'each acknowledged update is the saved version it reported',
      ).toBe(update.headline);
    }
    for (const id of new Set(shared)) {
      const revisions = await lede.database.prisma.articleRevision.findMany({
        where: { articleId: ids(id) },
        orderBy: { version: 'asc' },
        select: { version: true },
      });
      const article = await lede.database.prisma.article.findUniqueOrThrow({ where: { id: ids(id) } });
      expect(
        revisions.map((revision) => revision.version),
        'versions rise one at a time, each with its revision',
      ).toStrictEqual(Array.from({ length: article.version }, (_, index) => index + 1));
    }
    console.log(
      `soak: ${statuses.length} mutations; ${acknowledged.length} updates acknowledged, ` +
        `${savedUnacknowledged.length} saved with their answer lost, ${conflicts} conflicts`,
    );
    expect(acknowledged.length + savedUnacknowledged.length).toBe(WRITERS * ROUNDS);
    for (const { id, headline } of savedUnacknowledged) {
      const revisions = await lede.database.prisma.articleRevision.findMany({ where: { articleId: ids(id) } });
      expect(
        revisions.some((revision) => (revision.fields as { headline?: string }).headline === headline),
        'a change whose answer was lost was saved once',
      ).toBeTruthy();
    }
    expect(
      statuses.filter((status) => status >= 500),
      'no answer of 500 or more',
    ).toStrictEqual([]);
    expect(lede.unexpectedErrors).toStrictEqual([]);
  });
});
