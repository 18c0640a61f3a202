import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { expectKeyLookupFailureMasked } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { multipartUploadHead, testPhoto, uploadRequest } from './support/images.ts';

const BOUNDARY = 'lede-upload-gate';
const CHUNK = new Uint8Array(64 * 1024).fill(0x61);

/**
 * A multipart upload of `chunks` × 64 KiB whose body counts how often it is read from; `hold`
 * keeps it from ending until the promise settles (a slow client).
 */
function countedUpload(chunks: number, hold?: Promise<void>) {
  const head = multipartUploadHead(BOUNDARY);
  const counter = { pulls: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      counter.pulls += 1;
      if (sent === 0) controller.enqueue(head);
      else if (sent <= chunks) controller.enqueue(CHUNK);
      else {
        await hold;
        controller.enqueue(new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`));
        controller.close();
      }
      sent += 1;
    },
  });
  return { body, counter };
}

function post(lede: TestGateway, body: ReadableStream<Uint8Array>, apiKey?: string, csrfHeader = true) {
  return Promise.resolve(
    lede.yoga.fetch('http://lede.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(csrfHeader ? { 'x-graphql-yoga-csrf': '1' } : {}),
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body,
      duplex: 'half',
    }),
  );
}

type Refusal = { errors: { message: string; extensions: { code: string } }[] };

describe(`uploads are checked from their headers before their bodies are read (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ production: true, media: { maxConcurrentUploads: 2 } });
  });

  // 320 chunks of 64 KiB: a 20 MiB upload, the default LEDE_MEDIA_MAX_BYTES.
  const LARGE = 320;

  it('refuses an anonymous multipart request with 401 and reads (almost) none of its body', async () => {
    const { body, counter } = countedUpload(LARGE);
    const response = await post(lede, body);
    expect(response.status).toBe(401);
    expect(response.headers.get('connection')).toBe('close');
    const result = (await response.json()) as Refusal;
    expect(result.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(result.errors[0]?.message).toMatch(/editor's API key/);
    // A stream asks for its first chunk when it is made; nothing read it further.
    expect(counter.pulls).toBeLessThanOrEqual(2);
  });

  it('refuses an anonymous multipart request without the CSRF header (403) before reading its body', async () => {
    const { body, counter } = countedUpload(LARGE);
    const response = await post(lede, body, undefined, false);
    expect(response.status).toBe(403);
    expect(((await response.json()) as Refusal).errors[0]?.message).toMatch(/CSRF/);
    expect(counter.pulls).toBeLessThanOrEqual(2);
  });

  it("refuses a reader's key (403) and an unknown key (401) before reading the body", async () => {
    const reader = await lede.apiKey('READER');
    const asReader = countedUpload(LARGE);
    const readerResponse = await post(lede, asReader.body, reader);
    expect(readerResponse.status).toBe(403);
    expect(((await readerResponse.json()) as Refusal).errors[0]?.extensions.code).toBe('FORBIDDEN');
    expect(asReader.counter.pulls).toBeLessThanOrEqual(2);

    const unknown = countedUpload(LARGE);
    const unknownResponse = await post(lede, unknown.body, 'lede_not-a-real-key');
    expect(unknownResponse.status).toBe(401);
    expect(((await unknownResponse.json()) as Refusal).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(unknown.counter.pulls).toBeLessThanOrEqual(2);
  });

  it('leaves a failed key lookup (database down) to be reported as any database error, without internals', async () => {
    await expectKeyLookupFailureMasked(lede.database.prisma, () => post(lede, countedUpload(4).body, 'lede_some-key'));
  });

  it("reads an editor's upload, and refuses one beyond the concurrent uploads with 503 until one ends", async () => {
    const editor = await lede.apiKey('EDITOR');
    let finish = () => {};
    const hold = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // Two editors' uploads in flight, their bodies not yet ended.
    const slow = [countedUpload(4, hold), countedUpload(4, hold)];
    const inFlight = slow.map(({ body }) => post(lede, body, editor));
    await expect.poll(() => slow.every(({ counter }) => counter.pulls > 4)).toBe(true);

    const third = countedUpload(LARGE);
    const busy = await post(lede, third.body, editor);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(((await busy.json()) as Refusal).errors[0]?.extensions.code).toBe('UPLOADS_BUSY');
    expect(third.counter.pulls).toBeLessThanOrEqual(2);

    finish();
    // The held uploads end with a file that is not an image: refused as such, after being read.
    for (const response of await Promise.all(inFlight)) {
      const result = (await response.json()) as { data?: { uploadImage: { __typename: string } } };
      expect(result.data?.uploadImage.__typename).toBe('ValidationError');
    }
    const photo = await testPhoto(64, 48);
    const accepted = (await (await uploadRequest(lede, photo, { apiKey: editor })).json()) as {
      data?: { uploadImage: { __typename: string } };
    };
    expect(accepted.data?.uploadImage.__typename).toBe('UploadImageSuccess');
  });
});
