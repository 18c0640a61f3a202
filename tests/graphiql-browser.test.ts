import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/db/schema-engine.ts';
import { EXAMPLE_OPERATIONS, FRONT_PAGE_QUERY } from '../src/example-queries.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { type ServerProcess, startServerProcess } from './support/server-process.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.join(projectRoot, 'artifacts', 'graphiql-front-page.png');

/** Text of GraphiQL's result panel without whitespace: Monaco wraps long lines and uses non-breaking spaces. */
const compact = (text: string) => text.replace(/\s+/g, '');

async function waitForResult(page: Page, expected: string[]) {
  await page.waitForFunction(
    (wanted) => {
      const text = document.querySelector('.result-window')?.textContent ?? '';
      const compacted = text.replace(/\s+/g, '');
      let from = 0;
      for (const piece of wanted) {
        from = compacted.indexOf(piece, from);
        if (from < 0) return false;
      }
      return true;
    },
    expected.map(compact),
    { timeout: 30_000 },
  );
}

// Without Chromium (apt-get install chromium) the browser test cannot run.
describe.skipIf(!existsSync(CHROMIUM))(`GraphiQL in a browser (${databaseKind})`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env: Record<string, string> = database.databaseUrl
      ? { DATABASE_URL: database.databaseUrl }
      : { LEDE_DATA_DIR: 'memory://' };
    [server, browser] = await Promise.all([
      startServerProcess(env),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] }),
    ]);
    // Tall, so the result panel shows several articles at once.
    page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
    await page.goto(server.url);
    await page.locator('.graphiql-tab').first().waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('opens with one tab per example operation', async () => {
    const titles = await page.locator('.graphiql-tab').allInnerTexts();
    const names = EXAMPLE_OPERATIONS.map(({ query }) => /^(?:query|mutation) (\w+)/m.exec(query)?.[1]);
    expect(titles.map((title) => title.trim())).toStrictEqual(names);
  });

  it('runs the front page and shows the newest headlines in the result panel', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: FRONT_PAGE_QUERY }),
    });
    const { data } = (await response.json()) as { data: { articles: { edges: { node: { headline: string } }[] } } };
    const headlines = data.articles.edges.map(({ node }) => node.headline);
    expect(headlines.length >= 2, 'the sample content has articles').toBeTruthy();

    await page.locator('.graphiql-tab', { hasText: 'FrontPage' }).click();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await waitForResult(page, headlines.slice(0, 2));

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBeTruthy();
  });

  it('prepares a commented-out API key header in the preview tab, which runs as it is', async () => {
    await page.locator('.graphiql-tab', { hasText: 'Preview' }).click();
    await page.getByRole('button', { name: 'Headers' }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:visible');
    const keyLine = headers.getByText('"authorization": "Bearer <your key>"');
    await keyLine.waitFor();

    // Ctrl-Enter runs the operation from any of GraphiQL's editors.
    await keyLine.click();
    await page.keyboard.press('Control+Enter');
    await waitForResult(page, ['"status": "PUBLISHED"']);
  });
});
