import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';
import { databaseKind } from './support/database.ts';
import { thrownBy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { testPhoto, upload } from './support/images.ts';

const SLUG = 'council-approves-riverside-bike-lane-budget';
const HASH = '[a-f0-9]{64}';

const PAGES = `query ($slug: String!) {
  article(slug: $slug) {
    url urlPath
    section { url urlPath }
    bylines { person { url urlPath } }
    mentionedOrganizations { organization { url urlPath } }
    leadImage { url(width: 640) srcSet(widths: [320]) renditions(widths: [320]) { url } originalUrl }
    html markdown
  }
}`;

type Page = { url: string; urlPath: string };
type Pages = {
  article: Page & {
    section: Page;
    bylines: { person: Page }[];
    mentionedOrganizations: { organization: Page }[];
    leadImage: { url: string; srcSet: string; renditions: { url: string }[]; originalUrl: string } | null;
    html: string;
    markdown: string;
  };
};

/** Every page of the article query: the article, its section, its people and its organizations. */
const pagesOf = ({ article }: Pages): Page[] => [
  article,
  article.section,
  ...article.bylines.map((byline) => byline.person),
  ...article.mentionedOrganizations.map((mention) => mention.organization),
];

describe('LEDE_PUBLIC_SITE_URL and LEDE_PUBLIC_API_URL are checked at start', () => {
  it('takes absolute http(s) URLs and drops their trailing slash', () => {
    const config = parseConfig({
      LEDE_PUBLIC_SITE_URL: 'https://News.Example/',
      LEDE_PUBLIC_API_URL: 'http://api.news.example:8080/lede/',
    });
    expect(config.publicUrls).toStrictEqual({
      site: 'https://news.example',
      api: 'http://api.news.example:8080/lede',
    });
    expect(parseConfig({}).publicUrls, 'unset, URLs stay relative').toStrictEqual({
      site: undefined,
      api: undefined,
    });
  });

  it.each([
    ['news.example', /LEDE_PUBLIC_SITE_URL: must be an absolute URL/],
    ['/news', /LEDE_PUBLIC_SITE_URL: must be an absolute URL/],
    ['ftp://news.example', /LEDE_PUBLIC_SITE_URL: must start with http:\/\/ or https:\/\//],
    ['https://news.example/?edition=uk', /LEDE_PUBLIC_SITE_URL: must have no query \(\?\) or fragment \(#\)/],
    ['https://news.example/#top', /LEDE_PUBLIC_SITE_URL: must have no query \(\?\) or fragment \(#\)/],
    ['https://editor:secret@news.example', /LEDE_PUBLIC_SITE_URL: must have no user name or password/],
  ])('refuses %s, naming the setting', (value, message) => {
    const error = thrownBy(() => parseConfig({ LEDE_PUBLIC_SITE_URL: value }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });

  it('lists a bad LEDE_PUBLIC_API_URL with the other problems', () => {
    const error = thrownBy(() => parseConfig({ LEDE_PUBLIC_API_URL: 'api.news.example', PORT: 'x' }));
    expect(error.message).toMatch(/LEDE_PUBLIC_API_URL: must be an absolute URL/);
    expect(error.message).toMatch(/PORT:/);
  });
});

describe(`absolute URLs with LEDE_PUBLIC_SITE_URL and LEDE_PUBLIC_API_URL (${databaseKind})`, () => {
  let absolute: TestGateway;
  let relative: TestGateway;
  afterAll(async () => {
    await absolute?.close();
    await relative?.close();
  });
  beforeAll(async () => {
    const { publicUrls } = parseConfig({
      LEDE_PUBLIC_SITE_URL: 'https://news.example/',
      LEDE_PUBLIC_API_URL: 'https://api.news.example/lede/',
    });
    absolute = await startTestGateway({ publicUrls });
    relative = await startTestGateway();
    for (const lede of [absolute, relative]) {
      const editor = await lede.apiKey('EDITOR');
      const image = (await upload(lede, await testPhoto(900, 600), { apiKey: editor, variables: { alt: 'Bikes' } }))
        .image?.id;
      const article = await lede.database.prisma.article.findUniqueOrThrow({ where: { slug: SLUG } });
      const attached = await lede.data(
        `mutation ($input: SetArticleImagesInput!) { setArticleImages(input: $input) { __typename ... on Error { message } } }`,
        {
          input: {
            article: Buffer.from(`Article:${article.id}`).toString('base64'),
            version: article.version,
            leadImage: image,
            bodyImages: [{ image, afterParagraph: 1 }],
          },
        },
        { apiKey: editor },
      );
      expect(attached.setArticleImages.__typename, JSON.stringify(attached)).toBe('SetArticleImagesSuccess');
    }
  });

  it('gives articles, sections, people and organizations a url on the public site', async () => {
    const pages = pagesOf(await absolute.data<Pages>(PAGES, { slug: SLUG }));
    expect(pages.length, 'the article has a section, bylines and organizations').toBeGreaterThanOrEqual(4);
    for (const page of pages) {
      expect(page.urlPath).toMatch(/^\/[a-z]/);
      expect(page.url).toBe(`https://news.example${page.urlPath}`);
    }
  });

  it('gives image URLs under the gateway, in fields, srcset, html and markdown', async () => {
    const { article } = await absolute.data<Pages>(PAGES, { slug: SLUG });
    const base = 'https://api\\.news\\.example/lede/media';
    expect(article.leadImage?.url).toMatch(new RegExp(`^${base}/${HASH}/640\\.jpg$`));
    expect(article.leadImage?.srcSet).toMatch(new RegExp(`^${base}/${HASH}/320\\.jpg 320w$`));
    expect(article.leadImage?.renditions[0]?.url).toMatch(new RegExp(`^${base}/${HASH}/320\\.jpg$`));
    expect(article.leadImage?.originalUrl).toMatch(new RegExp(`^${base}/${HASH}/original$`));
    expect(article.html).toMatch(
      new RegExp(`<img src="${base}/${HASH}/1024\\.jpg" srcset="${base}/${HASH}/160\\.jpg 160w, `),
    );
    expect(article.markdown).toMatch(new RegExp(`!\\[Bikes\\]\\(<${base}/${HASH}/1024\\.jpg>\\)`));
  });

  it('keeps every URL relative when the settings are unset', async () => {
    const answer = await relative.data<Pages>(PAGES, { slug: SLUG });
    for (const page of pagesOf(answer)) expect(page.url).toBe(page.urlPath);
    const { leadImage, html, markdown } = answer.article;
    expect(leadImage?.url).toMatch(new RegExp(`^/media/${HASH}/640\\.jpg$`));
    expect(leadImage?.srcSet).toMatch(new RegExp(`^/media/${HASH}/320\\.jpg 320w$`));
    expect(leadImage?.renditions[0]?.url).toMatch(new RegExp(`^/media/${HASH}/320\\.jpg$`));
    expect(leadImage?.originalUrl).toMatch(new RegExp(`^/media/${HASH}/original$`));
    expect(html).toMatch(new RegExp(`<img src="/media/${HASH}/1024\\.jpg" srcset="/media/${HASH}/160\\.jpg 160w, `));
    expect(markdown).toMatch(new RegExp(`!\\[Bikes\\]\\(</media/${HASH}/1024\\.jpg>\\)`));
  });
});
