import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import sharp from 'sharp';
import { thumbHashToApproximateAspectRatio } from 'thumbhash';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleImporter } from '../src/content/importer.ts';
import { findLeadImageFile, readLeadImage } from '../src/content/lead-image-file.ts';
import { projectRoot } from '../src/db/schema-engine.ts';
import { uploadedFileBytes } from '../src/media/ingest.ts';
import type { FileMediaStorage } from '../src/media/storage.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { pixelBomb, testPhoto, upload, uploadRequest } from './support/images.ts';

const MAX_BYTES = 300_000;
const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');

const RESULT = `__typename ... on Error { message } ... on ValidationError { problems { field message } }`;
const SET_IMAGES = `mutation ($input: SetArticleImagesInput!) {
  setArticleImages(input: $input) { ${RESULT} ... on SetArticleImagesSuccess { article { version leadImage { alt } } } }
}`;
const PUBLISH = `mutation ($input: PublishArticleInput!) {
  publishArticle(input: $input) { ${RESULT} ... on PublishArticleSuccess { article { status version } } }
}`;
const UPDATE_IMAGE = `mutation ($input: UpdateImageInput!) {
  updateImage(input: $input) { ${RESULT} ... on UpdateImageSuccess { image { alt caption focalPoint { x y } } } }
}`;

/** Every file below a folder. */
async function filesIn(dir: string): Promise<string[]> {
  // The temporary media folder is made with the first stored image.
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe(`images: upload, validation, attaching and reading (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let mediaDir: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ media: { maxBytes: MAX_BYTES, maxPixels: 10_000_000 } });
    editor = await lede.apiKey('EDITOR');
    mediaDir = (lede.media.storage as FileMediaStorage).dir;
  });

  const imageCount = () => lede.database.prisma.image.count();

  describe('refuses hostile and broken files with a clear error, storing nothing', () => {
    const noise = async () => {
      const side = 400;
      const raw = randomBytes(side * side * 3);
      return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
        .png()
        .toBuffer();
    };
    const cases: [string, () => Promise<Buffer> | Buffer, string, RegExp][] = [
      [
        'an HTML page named photo.jpg',
        () => Buffer.from('<html><script>alert(1)</script></html>'),
        'photo.jpg',
        /not an image Lede accepts/,
      ],
      ['an empty file', () => Buffer.alloc(0), 'empty.jpg', /is empty/],
      [
        'a file over the size limit',
        noise,
        'noise.png',
        new RegExp(`limit is ${MAX_BYTES} bytes \\(LEDE_MEDIA_MAX_BYTES\\)`),
      ],
      [
        'a PNG declaring 30,000 × 30,000 pixels',
        () => pixelBomb(),
        'bomb.png',
        /more than 10000000 pixels.*LEDE_MEDIA_MAX_PIXELS/,
      ],
      [
        'a truncated JPEG',
        async () => {
          const whole = await testPhoto(800, 600);
          return whole.subarray(0, Math.floor(whole.length / 2));
        },
        'cut.jpg',
        /corrupt or truncated/,
      ],
      [
        'an SVG with a script',
        () =>
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
        'logo.svg',
        /SVG, which can carry scripts/,
      ],
      [
        'a TIFF',
        () =>
          sharp({ create: { width: 20, height: 20, channels: 3, background: '#888' } })
            .tiff()
            .toBuffer(),
        'scan.jpg',
        /TIFF, not accepted/,
      ],
    ];
    for (const [name, bytes, filename, message] of cases) {
      it(`refuses ${name}`, async () => {
        const before = { rows: await imageCount(), files: (await filesIn(mediaDir)).length };
        const payload = await bytes();
        if (name.includes('size limit'))
          expect(payload.length > MAX_BYTES, `the file is ${payload.length} bytes`).toBeTruthy();
        const result = await upload(lede, payload, { filename, apiKey: editor, variables: { alt: 'A picture' } });
        expect(result.__typename, JSON.stringify(result)).toBe('ValidationError');
        expect(result.problems?.[0]?.field).toBe('file');
        expect(result.problems?.[0]?.message ?? '').toMatch(message);
        expect(await imageCount(), 'no image recorded').toBe(before.rows);
        expect((await filesIn(mediaDir)).length, 'no file stored').toBe(before.files);
      });
    }
  });

  it('takes the type from the bytes, not the name: a PNG named .jpg is stored as a PNG', async () => {
    const result = await upload(lede, await testPhoto(300, 200, 'png'), { filename: 'photo.jpg', apiKey: editor });
    expect(result.__typename, JSON.stringify(result)).toBe('UploadImageSuccess');
    expect(result.image?.format).toBe('png');
  });

  it('accepts JPEG, PNG, WebP, AVIF and the first frame of a GIF, with size and a placeholder', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif', 'gif'] as const) {
      const result = await upload(lede, await testPhoto(600, 400, format), {
        apiKey: editor,
        variables: { alt: format },
      });
      expect(result.__typename, `${format}: ${JSON.stringify(result)}`).toBe('UploadImageSuccess');
      const image = result.image as NonNullable<typeof result.image>;
      expect([image.width, image.height], format).toStrictEqual([600, 400]);
      expect(image.format).toBe(format === 'gif' ? 'png' : format);
      expect(image.byteSize > 0).toBeTruthy();
      const ratio = thumbHashToApproximateAspectRatio(Buffer.from(image.placeholder, 'base64'));
      expect(Math.abs(ratio - 1.5) < 0.2, `${format}: placeholder aspect ratio ${ratio}`).toBeTruthy();
    }
  });

  it('turns a photo upright by its EXIF orientation before storing it', async () => {
    const sideways = await sharp(await testPhoto(400, 300))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await upload(lede, sideways, { apiKey: editor });
    expect([result.image?.width, result.image?.height]).toStrictEqual([300, 400]);
  });

  it('needs an editor key, and the CSRF header on multipart requests', async () => {
    const photo = await testPhoto(100, 100);
    const anonymous = (await (await uploadRequest(lede, photo)).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(anonymous.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const reader = await lede.apiKey('READER');
    const asReader = (await (await uploadRequest(lede, photo, { apiKey: reader })).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(asReader.errors[0]?.extensions.code).toBe('FORBIDDEN');
    const before = await imageCount();
    const forged = await uploadRequest(lede, photo, { apiKey: editor, csrfHeader: false });
    expect(forged.status).toBe(403);
    expect(await imageCount()).toBe(before);
  });

  it('answers a width off the ladder with the nearest offered width (more in image-widths.test.ts)', async () => {
    const result = await upload(lede, await testPhoto(640, 480), { apiKey: editor, variables: { alt: 'x' } });
    const response = await lede.data(
      'query ($id: ID!) { image(id: $id) { url(width: 500) } }',
      { id: result.image?.id },
      { apiKey: editor },
    );
    expect(response.image.url).toMatch(/^\/media\/[a-f0-9]{64}\/480\.jpg$/);
    const widths = await lede.data('{ imageWidths }');
    expect(widths.imageWidths).toStrictEqual([160, 320, 480, 640, 800, 1024, 1280, 1600, 1920]);
  });

  describe('attached to articles, people and organizations', () => {
    let articleId: number;
    let leadId: string;
    let bodyId: string;

    beforeAll(async () => {
      const article = await lede.database.prisma.article.create({
        data: {
          slug: 'harbour-photo-story',
          headline: 'Harbour Photo Story',
          body: 'First paragraph.\n\nSecond paragraph.\n\nThird paragraph.',
          status: 'DRAFT',
          section: { connect: { slug: 'local' } },
        },
      });
      articleId = article.id;
      leadId = (await upload(lede, await testPhoto(1200, 800), { apiKey: editor })).image?.id as string;
      bodyId = (
        await upload(lede, await testPhoto(800, 600), {
          apiKey: editor,
          variables: { alt: 'The quay at dawn', caption: 'Boats & nets', credit: 'Ana Ruiz' },
        })
      ).image?.id as string;
    });

    const version = async () =>
      (await lede.database.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).version;

    it('sets lead and body images as a new version, and refuses a paragraph that is not there', async () => {
      const wrong = await lede.data(
        SET_IMAGES,
        {
          input: {
            article: id('Article', articleId),
            version: await version(),
            bodyImages: [{ image: bodyId, afterParagraph: 4 }],
          },
        },
        { apiKey: editor },
      );
      expect(wrong.setArticleImages.__typename).toBe('ValidationError');
      expect(wrong.setArticleImages.problems[0].field).toBe('bodyImages[0].afterParagraph');

      const before = await version();
      const result = await lede.data(
        SET_IMAGES,
        {
          input: {
            article: id('Article', articleId),
            version: before,
            leadImage: leadId,
            bodyImages: [{ image: bodyId, afterParagraph: 2 }],
          },
        },
        { apiKey: editor },
      );
      expect(result.setArticleImages.__typename, JSON.stringify(result)).toBe('SetArticleImagesSuccess');
      expect(result.setArticleImages.article.version).toBe(before + 1);

      const stale = await lede.data(
        SET_IMAGES,
        { input: { article: id('Article', articleId), version: before, leadImage: null } },
        { apiKey: editor },
      );
      expect(stale.setArticleImages.__typename).toBe('ConflictError');
    });

    it('shows body images in place in html and markdown, and lists them', async () => {
      const { article } = await lede.data(
        `{ article(slug: "harbour-photo-story") {
            html markdown paragraphs
            leadImage { width height url(width: 640, format: WEBP) srcSet(widths: [320, 640, 1920], format: AVIF) }
            bodyImages { afterParagraph image { alt caption credit } }
        } }`,
        {},
        { apiKey: editor },
      );
      const blocks = article.html.split('\n');
      expect(blocks.length).toBe(4);
      expect(blocks[1]).toMatch(/^<p>Second paragraph\.<\/p>$/);
      expect(blocks[2]).toMatch(
        /^<figure><img src="\/media\/[a-f0-9]{64}\/800\.jpg" srcset="[^"]+ 800w" sizes="100vw" width="800" height="600" alt="The quay at dawn" loading="lazy"><figcaption>Boats &amp; nets — Ana Ruiz<\/figcaption><\/figure>$/,
      );
      expect(blocks[3]).toMatch(/^<p>Third paragraph\.<\/p>$/);
      const parts = article.markdown.split('\n\n');
      expect(parts[2]).toMatch(
        /^!\[The quay at dawn\]\(<\/media\/[a-f0-9]{64}\/800\.jpg> "Boats & nets — Ana Ruiz"\)$/,
      );
      expect(article.paragraphs.length, 'paragraphs stay text only').toBe(3);
      expect(article.bodyImages).toStrictEqual([
        { afterParagraph: 2, image: { alt: 'The quay at dawn', caption: 'Boats & nets', credit: 'Ana Ruiz' } },
      ]);
      expect(article.leadImage.width).toBe(1200);
      expect(article.leadImage.url).toMatch(/^\/media\/[a-f0-9]{64}\/640\.webp$/);
      const srcSet = article.leadImage.srcSet.split(', ').map((entry: string) => entry.split(' ')[1]);
      expect(srcSet, 'a width beyond the original is listed at its real width').toStrictEqual([
        '320w',
        '640w',
        '1200w',
      ]);
    });

    it('refuses to publish an article with an image without alt text, and publishes once it has one', async () => {
      const refused = await lede.data(
        PUBLISH,
        { input: { article: id('Article', articleId), version: await version() } },
        { apiKey: editor },
      );
      expect(refused.publishArticle.__typename).toBe('ValidationError');
      expect(refused.publishArticle.problems.map((p: { field: string }) => p.field)).toStrictEqual(['leadImage']);
      expect(refused.publishArticle.problems[0].message).toMatch(/no alt text/);
      expect((await lede.database.prisma.article.findUniqueOrThrow({ where: { id: articleId } })).status).toBe('DRAFT');

      const described = await lede.data(
        UPDATE_IMAGE,
        { input: { image: leadId, alt: 'Fishing boats in the harbour', focalPoint: { x: 0.25, y: 0.4 } } },
        { apiKey: editor },
      );
      expect(described.updateImage.image.focalPoint).toStrictEqual({ x: 0.25, y: 0.4 });
      const published = await lede.data(
        PUBLISH,
        { input: { article: id('Article', articleId), version: await version() } },
        { apiKey: editor },
      );
      expect(published.publishArticle.__typename, JSON.stringify(published)).toBe('PublishArticleSuccess');

      const removed = await lede.data(UPDATE_IMAGE, { input: { image: leadId, alt: null } }, { apiKey: editor });
      expect(removed.updateImage.__typename, 'a published image keeps its alt text').toBe('ValidationError');
      const noAlt = (await upload(lede, await testPhoto(200, 200), { apiKey: editor })).image?.id;
      const attached = await lede.data(
        SET_IMAGES,
        { input: { article: id('Article', articleId), version: await version(), leadImage: noAlt } },
        { apiKey: editor },
      );
      expect(attached.setArticleImages.__typename, 'nor may one be added without it').toBe('ValidationError');
    });

    it('sets portraits and logos, which the public API shows', async () => {
      const person = await lede.database.prisma.person.findFirstOrThrow({ where: { slug: 'elena-voss' } });
      const organization = await lede.database.prisma.organization.findFirstOrThrow();
      const portrait = await lede.data(
        `mutation ($input: SetPersonPortraitInput!) { setPersonPortrait(input: $input) { ${RESULT} ... on SetPersonPortraitSuccess { person { portrait { alt } } } } }`,
        { input: { person: id('Person', person.id), image: bodyId } },
        { apiKey: editor },
      );
      expect(portrait.setPersonPortrait.person.portrait.alt).toBe('The quay at dawn');
      const logo = await lede.data(
        `mutation ($input: SetOrganizationLogoInput!) { setOrganizationLogo(input: $input) { ${RESULT} ... on SetOrganizationLogoSuccess { organization { logo { width } } } } }`,
        { input: { organization: id('Organization', organization.id), image: leadId } },
        { apiKey: editor },
      );
      expect(logo.setOrganizationLogo.organization.logo.width).toBe(1200);
      const missing = await lede.data(
        `mutation ($input: SetOrganizationLogoInput!) { setOrganizationLogo(input: $input) { ${RESULT} ... on NotFoundError { field } } }`,
        { input: { organization: id('Organization', organization.id), image: id('Image', 999_999) } },
        { apiKey: editor },
      );
      expect(missing.setOrganizationLogo.field).toBe('image');
      const { person: read } = await lede.data('{ person(slug: "elena-voss") { portrait { url(width: 160) } } }');
      expect(read.portrait.url).toMatch(/^\/media\/[a-f0-9]{64}\/160\.jpg$/);
    });
  });

  it('loads image fields with as many SQL statements for 15 articles as for 2', async () => {
    const articles = await lede.database.prisma.article.findMany({ where: { status: 'PUBLISHED' }, take: 25 });
    const uploaded = (await upload(lede, await testPhoto(640, 480), { apiKey: editor, variables: { alt: 'x' } })).image;
    const imageId = Number(
      Buffer.from(uploaded?.id as string, 'base64')
        .toString()
        .split(':')[1],
    );
    for (const article of articles) {
      await lede.database.prisma.article.update({ where: { id: article.id }, data: { leadImageId: imageId } });
      await lede.database.prisma.articleImage.create({
        data: { articleId: article.id, position: 100, imageId, afterParagraph: 1 },
      });
    }
    expect(articles.length >= 15, `${articles.length} published sample articles`).toBeTruthy();
    const query = `query ($first: Int!) { articles(first: $first) { edges { node {
      headline html leadImage { url(width: 320) placeholder } bodyImages { image { alt } }
      bylines { person { portrait { alt } } } mentionedOrganizations { organization { logo { alt } } }
    } } } }`;
    const counts: number[] = [];
    for (const first of [2, 15]) {
      const result = await lede.data(query, { first });
      expect(result.articles.edges.length).toBe(first);
      expect(result.articles.edges.every((edge: { node: { leadImage: unknown } }) => edge.node.leadImage)).toBeTruthy();
      counts.push(lede.statements.length);
    }
    expect(counts[0], `2 articles: ${counts[0]} statements, 15 articles: ${counts[1]}`).toBe(counts[1]);
  });

  describe('importer', () => {
    const story = () => readFile(path.join(projectRoot, 'tests/fixtures/import/good-day-first.txt'));
    const importer = () => new ArticleImporter(lede.database, { timeZone: 'UTC', status: 'PUBLISHED', dryRun: false });

    it('finds the picture beside an article file by its name, any case of extension', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'lede-import-'));
      try {
        await writeFile(path.join(dir, 'story.txt'), await story());
        await writeFile(path.join(dir, 'other.jpg'), 'not this one');
        expect(await findLeadImageFile(path.join(dir, 'story.txt'))).toBe(null);
        await writeFile(path.join(dir, 'story.JPG'), await testPhoto(64, 48));
        expect(await findLeadImageFile(path.join(dir, 'story.txt'))).toBe(path.join(dir, 'story.JPG'));
        expect((await readLeadImage(path.join(dir, 'story.txt')))?.length).toBeTruthy();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('makes the picture the lead image, with the headline as alt text, once', async () => {
      const photo = await testPhoto(900, 600);
      const first = await importer().importFile('port-strike.txt', await story(), photo, lede.media);
      expect(first.outcome, JSON.stringify(first)).toBe('created');
      const article = await lede.database.prisma.article.findUniqueOrThrow({
        where: { sourceKey: 'port-strike.txt' },
        include: { leadImage: true },
      });
      expect(article.status).toBe('PUBLISHED');
      expect(article.leadImage?.alt).toBe(article.headline);
      expect(article.leadImage?.width).toBe(900);
      const images = await imageCount();
      const again = await importer().importFile('port-strike.txt', await story(), photo, lede.media);
      expect(again.outcome).toBe('unchanged');
      expect(await imageCount(), 'the same picture is not stored twice').toBe(images);
      const changed = await importer().importFile(
        'port-strike.txt',
        await story(),
        await testPhoto(500, 500),
        lede.media,
      );
      expect(changed.outcome, 'a new picture updates the article').toBe('updated');
    });

    it('reports a broken picture as a failed file, and imports nothing for it', async () => {
      const result = await importer().importFile(
        'broken-picture.txt',
        await story(),
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'),
        lede.media,
      );
      expect(result.outcome).toBe('failed');
      expect(result.outcome === 'failed' ? result.reason : '').toMatch(/^the picture beside it is SVG/);
      expect(await lede.database.prisma.article.count({ where: { sourceKey: 'broken-picture.txt' } })).toBe(0);
    });
  });

  it('runs the image query of docs/api.md without errors', async () => {
    const doc = await readFile(path.join(projectRoot, 'docs', 'api.md'), 'utf8');
    const query = /```graphql\n(query ArticleWithImages[\s\S]*?)```/.exec(doc)?.[1];
    expectTruthy(query, 'docs/api.md shows the query');
    const result = await lede.execute(query);
    expect(result.errors, JSON.stringify(result.errors)).toBe(undefined);
    expect((result.data?.article as { headline?: string } | null)?.headline).toBeTruthy();
  });

  describe("an upload's bytes are read without another copy", () => {
    // An extra copy of a 20 MiB upload held the event loop up for tens of milliseconds per file
    // (tests/upload-variables.test.ts bounds the stall in a server process).
    it("wraps the joined Buffer that the multipart parser's File answers with", async () => {
      const { File } = createYoga({ schema: createSchema({ typeDefs: 'type Query { a: Int }' }) }).fetchAPI;
      const file = new File([Buffer.from('GIF8'), Buffer.from('9a…')], 'parts.gif');
      // It joins its parts anew at each call, so the one answer uploadedFileBytes got is kept.
      const arrayBuffer = file.arrayBuffer.bind(file);
      let joined: unknown;
      file.arrayBuffer = async () => {
        joined = await arrayBuffer();
        return joined as ArrayBuffer;
      };
      const bytes = await uploadedFileBytes(file);
      expect(ArrayBuffer.isView(joined), "Yoga's File answers arrayBuffer() with a view").toBe(true);
      expect(bytes.toString()).toBe('GIF89a…');
      (joined as Uint8Array)[0] = 'X'.charCodeAt(0);
      expect(bytes.toString(), 'the same memory, not a copy').toBe('XIF89a…');
    });

    it('reads a standard File, and a view that starts inside its memory, byte for byte', async () => {
      expect((await uploadedFileBytes(new globalThis.File([Buffer.from('plain')], 'a.jpg'))).toString()).toBe('plain');
      const memory = Buffer.from('xxinsidexx');
      const inside = memory.subarray(2, 8);
      const view = { arrayBuffer: async () => inside } as unknown as Blob;
      const bytes = await uploadedFileBytes(view);
      expect(bytes.toString()).toBe('inside');
      memory[2] = 'I'.charCodeAt(0);
      expect(bytes.toString(), 'the same memory, not a copy').toBe('Inside');
    });
  });
});
