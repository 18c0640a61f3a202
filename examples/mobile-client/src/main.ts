// Fetches a front page and the screen of its top story from a running Lede, and prints them.
// Usage (from the repository root): npm run example:mobile [-- <article slug>]
// LEDE_URL sets the endpoint (default http://localhost:4000/graphql); LEDE_API_KEY adds a key.
import {
  type ArticleScreen,
  createLedeClient,
  type FrontPage,
  fetchArticleScreen,
  fetchFrontPage,
} from './lede-client.js';

const url = process.env.LEDE_URL ?? 'http://localhost:4000/graphql';

function printFrontPage(page: FrontPage) {
  console.log(`FRONT PAGE (${page.edges.length} of ${page.totalCount} stories)`);
  page.edges.forEach(({ node }, index) => {
    const by = node.bylines.filter((byline) => byline.role === 'AUTHOR').map((byline) => byline.person.name);
    console.log(`${String(index + 1).padStart(2)}. ${node.headline}`);
    console.log(
      `    ${node.section.name} · ${node.readingTimeMinutes} min${by.length ? ` · by ${by.join(', ')}` : ''}`,
    );
  });
}

function printArticle(article: ArticleScreen) {
  const trail = [...article.section.ancestors.map((section) => section.name), article.section.name].join(' › ');
  console.log(`\nARTICLE ${article.urlPath}`);
  console.log(trail);
  console.log(article.headline);
  if (article.standfirst) console.log(article.standfirst);
  console.log(
    `By ${article.bylines.map((byline) => byline.person.name).join(', ')} · ${article.readingTimeMinutes} min read`,
  );
  console.log('');
  for (const paragraph of article.paragraphs) console.log(`${paragraph}\n`);
  const people = article.mentionedPeople.map(({ person, mentionCount }) => `${person.name} (${mentionCount})`);
  if (people.length) console.log(`Mentioned: ${people.join(', ')}`);
}

const client = createLedeClient(url, process.env.LEDE_API_KEY);
try {
  const page = await fetchFrontPage(client);
  printFrontPage(page);
  const slug = process.argv[2] ?? page.edges[0]?.node.slug;
  if (slug) {
    const article = await fetchArticleScreen(client, slug);
    if (article) printArticle(article);
    else console.log(`\nNo article with the slug ${slug}.`);
  }
} catch (error) {
  console.error(`Could not read from Lede at ${url}: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
