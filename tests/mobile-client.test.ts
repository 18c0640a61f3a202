import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig, { generatedFolder } from '../examples/mobile-client/codegen.ts';
import { projectRoot } from '../src/db/schema-engine.ts';
import { databaseKind } from './support/database.ts';
import { expectTruthy } from './support/expect.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

const run = promisify(execFile);
const example = path.join(projectRoot, 'examples', 'mobile-client');
const manifestPath = path.join(generatedFolder, 'persisted-documents.json');

describe('the typed mobile client example', () => {
  it('has its generated code up to date with the schema and its operations (npm run example:mobile:codegen)', async () => {
    const outputs = await generate({ ...codegenConfig, silent: true }, false);
    expect(outputs.length >= 3).toBeTruthy();
    for (const output of outputs) {
      const committed = await readFile(output.filename, 'utf8').catch(() => '(missing)');
      expect(committed, `${path.relative(projectRoot, output.filename)} is stale`).toBe(output.content);
    }
    expect((await readdir(generatedFolder)).sort(), 'no leftover generated files').toStrictEqual(
      outputs.map((output: { filename: string }) => path.basename(output.filename)).sort(),
    );
  });

  it('writes a persisted-operations manifest of sha256 hashes to valid operation documents', async () => {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, string>;
    const schema = buildSchema(await readFile(path.join(projectRoot, 'generated', 'schema.graphql'), 'utf8'));
    const names: string[] = [];
    for (const [hash, document] of Object.entries(manifest)) {
      expect(hash).toBe(`sha256:${createHash('sha256').update(document).digest('hex')}`);
      const parsed = parse(document);
      expect(validate(schema, parsed), `${hash} is valid against the schema`).toStrictEqual([]);
      names.push(...parsed.definitions.map((definition) => (definition as OperationDefinitionNode).name?.value ?? ''));
    }
    const sources = await readdir(path.join(example, 'src', 'operations'));
    expect(names.length, 'one entry per operation file').toBe(sources.length);
    expect(names.sort()).toStrictEqual(['MobileArticleScreen', 'MobileFrontPage']);
  });

  it('type-checks', async () => {
    const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', example]).catch((error) => error);
    expect(result.code ?? 0, `${result.stdout}${result.stderr}`).toBe(0);
  });
});

describe(`the typed mobile client against Lede (${databaseKind})`, () => {
  let lede: TestGateway;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    lede = await startTestGateway();
    server = createServer(lede.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await lede?.close();
  });

  const client = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(example, 'src', 'main.ts'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, LEDE_URL: url },
    });

  it('prints the front page and the top story from a running Lede', async () => {
    const { articles } = await lede.data<{
      articles: { edges: { node: { headline: string; paragraphs: string[] } }[] };
    }>('{ articles(first: 10) { edges { node { headline paragraphs } } } }');
    const { stdout } = await client();
    const lines = stdout.split('\n');
    articles.edges.forEach(({ node }, index) => {
      expect(
        lines.includes(`${String(index + 1).padStart(2)}. ${node.headline}`),
        `front page lists ${node.headline}`,
      ).toBeTruthy();
    });
    const top = articles.edges[0]?.node;
    expectTruthy(top);
    const story = stdout.slice(stdout.indexOf('\nARTICLE '));
    expectTruthy(story.includes(`\n${top.headline}\n`), 'the article screen shows the top story');
    expect(story.includes(top.paragraphs[0] ?? '(none)'), 'with its text').toBeTruthy();
  });

  it('prints the article it is asked for, and says so when there is none', async () => {
    const { stdout } = await client('council-approves-riverside-bike-lane-budget');
    const { article } = await lede.data(
      '{ article(slug: "council-approves-riverside-bike-lane-budget") { headline } }',
    );
    expect(stdout.slice(stdout.indexOf('\nARTICLE ')).includes(`\n${article.headline}\n`)).toBeTruthy();
    const missing = await client('no-such-story');
    expect(missing.stdout).toMatch(/No article with the slug no-such-story\./);
  });
});
