import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { getPath, testPhoto, upload } from './support/images.ts';

const id = (type: string, value: number) => Buffer.from(`${type}:${value}`).toString('base64');
const HASH = '[a-f0-9]{64}';

const SET_IMAGES = `mutation ($input: SetArticleImagesInput!) {
  setArticleImages(input: $input) { __typename ... on Error { message } }
}`;

// What a shipped app asks for: a width its designers chose, which the server's ladder may not have.
const FRONT_PAGE = `query FrontPage($width: Int!) {
  articles(first: 20) {
    edges { node {
      headline
      leadImage { url(width: $width, format: WEBP) srcSet(widths: [$width, 300]) }
      bodyImages { image { url(width: $width) smallest: url(width: 0) largest: url(width: 100000) } }
    } }
  }
}`;

type FrontPage = {
  articles: {
    edges: {
      node: {
        headline: string;
        leadImage: { url: string; srcSet: string } | null;
        bodyImages: { image: { url: string; smallest: string; largest: string } }[];
      };
    }[];
  };
};

describe(`image widths off the ladder are answered with the nearest offered one (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  let leadId: string;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway({ loadSampleContent: false });
    editor = await lede.apiKey('EDITOR');
    const section = await lede.database.prisma.section.create({ data: { slug: 'photo-desk', name: 'Photo desk' } });
    leadId = (await upload(lede, await testPhoto(1200, 800), { apiKey: editor, variables: { alt: 'The harbour' } }))
      .image?.id as string;
    const bodyId = (await upload(lede, await testPhoto(800, 600), { apiKey: editor, variables: { alt: 'The quay' } }))
      .image?.id as string;
    for (let index = 0; index < 20; index += 1) {
      const article = await lede.database.prisma.article.create({
        data: {
          slug: `photo-story-${index}`,
          headline: `Photo story ${index}`,
          body: 'First paragraph.\n\nSecond paragraph.',
          status: 'PUBLISHED',
          publishedAt: new Date(Date.now() - (index + 1) * 60_000),
          section: { connect: { id: section.id } },
        },
      });
      const attached = await lede.data(
        SET_IMAGES,
        {
          input: {
            article: id('Article', article.id),
            version: article.version,
            leadImage: leadId,
            bodyImages: [{ image: bodyId, afterParagraph: 1 }],
          },
        },
        { apiKey: editor },
      );
      expect(attached.setArticleImages.__typename, JSON.stringify(attached)).toBe('SetArticleImagesSuccess');
    }
  });

  it('returns all 20 articles of a list asked with width 750, at 800 (the nearest offered width)', async () => {
    const response = await lede.execute<FrontPage>(FRONT_PAGE, { width: 750 });
    expect(response.errors, JSON.stringify(response.errors)).toBe(undefined);
    const edges = response.data?.articles.edges ?? [];
    expect(edges.map((edge) => edge.node.headline)).toStrictEqual(
      Array.from({ length: 20 }, (_, index) => `Photo story ${index}`),
    );
    for (const { node } of edges) {
      expect(node.leadImage?.url).toMatch(new RegExp(`^/media/${HASH}/800\\.webp$`));
      const srcSetWidths = node.leadImage?.srcSet.split(', ').map((entry) => entry.split(' ')[1]);
      expect(srcSetWidths, '300 is answered with 320, 750 with 800').toStrictEqual(['320w', '800w']);
      const [body] = node.bodyImages;
      expect(body?.image.url).toMatch(new RegExp(`^/media/${HASH}/800\\.jpg$`));
      expect(body?.image.smallest).toMatch(new RegExp(`^/media/${HASH}/160\\.jpg$`));
      expect(body?.image.largest).toMatch(new RegExp(`^/media/${HASH}/1920\\.jpg$`));
    }
    const served = await getPath(lede, edges[0]?.node.leadImage?.url as string);
    expect(served.status, 'the URL answered is one the server serves').toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
  });

  it('takes the larger width when a width is halfway between two', async () => {
    const { image } = await lede.data(
      'query ($id: ID!) { image(id: $id) { url(width: 720) } }',
      { id: leadId },
      {
        apiKey: editor,
      },
    );
    expect(image.url).toMatch(new RegExp(`^/media/${HASH}/800\\.jpg$`));
  });

  it('lists renditions as typed fields, the same entries as srcSet', async () => {
    const { image } = await lede.data(
      `query ($id: ID!) { image(id: $id) {
        srcSet(format: AVIF)
        renditions(format: AVIF) { width height format url }
        square: renditions(widths: [150, 700, 5000], aspectRatio: SQUARE) { width height format url }
      } }`,
      { id: leadId },
      { apiKey: editor },
    );
    expect(image.renditions.map((entry: { width: number }) => entry.width)).toStrictEqual([
      160, 320, 480, 640, 800, 1024, 1200,
    ]);
    expect(image.renditions[4]).toMatchObject({ width: 800, height: 533, format: 'AVIF' });
    expect(image.renditions[4].url).toMatch(new RegExp(`^/media/${HASH}/800\\.avif$`));
    expect(image.srcSet).toBe(
      image.renditions.map((entry: { url: string; width: number }) => `${entry.url} ${entry.width}w`).join(', '),
    );
    expect(
      image.square.map((entry: { width: number; height: number; format: string }) => [
        entry.width,
        entry.height,
        entry.format,
      ]),
      '150, 700 and 5000 give 160, 640 and 1920; a square crop of 1200 × 800 is at most 800 wide',
    ).toStrictEqual([
      [160, 160, 'JPEG'],
      [640, 640, 'JPEG'],
      [800, 800, 'JPEG'],
    ]);
    expect(image.square[2].url).toMatch(new RegExp(`^/media/${HASH}/1920-1x1-50-50\\.jpg$`));
  });
});
