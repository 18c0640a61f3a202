import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArticleImporter } from '../src/content/importer.ts';
import { projectRoot } from '../src/db/schema-engine.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { startServerProcess } from './support/server-process.ts';

const fixtures = path.join(projectRoot, 'tests/fixtures/import');
const read = (name: string) => readFile(path.join(fixtures, name));

describe(`importer (${databaseKind})`, () => {
  let lede: TestGateway;
  after(() => lede?.close());
  before(async () => {
    lede = await startTestGateway();
  });
  const importer = (options: Partial<ConstructorParameters<typeof ArticleImporter>[1]> = {}) =>
    new ArticleImporter(lede.database.prisma, { timeZone: 'UTC', status: 'PUBLISHED', dryRun: false, ...options });

  it('reads day-first dates in the given zone, section paths and the repeated headline', async () => {
    const result = await importer({ timeZone: 'America/New_York' }).importFile(
      'good-day-first.txt',
      await read('good-day-first.txt'),
    );
    assert.equal(result.outcome, 'created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'good-day-first.txt' },
      include: { section: { include: { parent: true } }, organizationMentions: { include: { organization: true } } },
    });
    assert.equal(article.publishedAt?.toISOString(), '2025-04-01T13:45:00.000Z', '1 April, 09:45 in New York');
    assert.equal(article.headline, 'Port Strike Ends After Nine Days');
    assert.equal(article.body.split('\n\n').length, 2, 'the repeated headline is not body text');
    assert.equal(article.section.slug, 'americas');
    assert.equal(article.section.parent?.slug, 'world');
    assert.deepEqual(
      article.organizationMentions.map((m) => m.organization.slug),
      ['tessaline-shipping-group'],
    );
  });

  it('tolerates a BOM, CRLF, extra spaces and blank lines, and links surnames', async () => {
    const result = await importer().importFile('messy-crlf-bom.txt', await read('messy-crlf-bom.txt'));
    assert.equal(result.outcome, 'created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'messy-crlf-bom.txt' },
      include: { section: true, personMentions: { include: { person: true } } },
    });
    assert.equal(article.publishedAt?.toISOString(), '2025-04-01T01:01:00.000Z');
    assert.equal(article.section.slug, 'politics');
    assert.equal(article.headline, 'Council Meets Late');
    const voss = article.personMentions.find((m) => m.person.slug === 'elena-voss');
    assert.equal(voss?.count, 2, '"Mayor Elena Voss" and "Voss" are one person, mentioned twice');
    assert.deepEqual(
      ((voss?.spans ?? []) as { paragraph: number; start: number; end: number; text: string }[]).map((s) => s.text),
      ['Elena Voss', 'Voss'],
    );
  });

  it('files a header without a section under News', async () => {
    const result = await importer().importFile('good-no-section.txt', await read('good-no-section.txt'));
    assert.equal(result.outcome, 'created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'good-no-section.txt' },
      include: { section: true },
    });
    assert.equal(article.section.name, 'News');
  });

  it('gives each broken file one error naming the line and what was expected, writing nothing', async () => {
    const before = await lede.database.prisma.article.count();
    const cases: [string, number | null, RegExp][] = [
      ['broken-no-header.txt', 1, /expected a header/],
      ['broken-impossible-date.txt', 1, /not a real date/],
      ['broken-empty-body.txt', 4, /expected body paragraphs/],
      ['broken-latin1.txt', null, /not valid UTF-8/],
    ];
    for (const [file, line, reason] of cases) {
      const result = await importer().importFile(file, await read(file));
      assert.equal(result.outcome, 'failed', file);
      assert.ok(
        result.outcome === 'failed' && result.line === line && reason.test(result.reason),
        JSON.stringify(result),
      );
    }
    const huge = await importer().importFile('huge.txt', Buffer.alloc(3 * 1024 * 1024, 'a'));
    assert.ok(huge.outcome === 'failed' && /limit is/.test(huge.reason));
    assert.equal(await lede.database.prisma.article.count(), before);
  });

  it('is idempotent, and updates a changed file in place', async () => {
    const original = await read('good-day-first.txt');
    const again = await importer({ timeZone: 'America/New_York' }).importFile('good-day-first.txt', original);
    assert.equal(again.outcome, 'unchanged');
    const before = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'good-day-first.txt' } });
    const changed = original.toString().replace('within a week', 'within ten days');
    const updated = await importer({ timeZone: 'America/New_York' }).importFile('good-day-first.txt', changed);
    assert.equal(updated.outcome, 'updated');
    const after = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'good-day-first.txt' } });
    assert.equal(after.id, before.id);
    assert.equal(after.version, before.version + 1);
    assert.match(after.body, /within ten days/);
    assert.equal(await lede.database.prisma.article.count({ where: { headline: before.headline } }), 1);
  });

  it('writes nothing in a dry run', async () => {
    const before = await lede.database.prisma.article.count();
    const result = await importer({ dryRun: true }).importFile(
      'new-story.txt',
      (await read('good-no-section.txt')).toString().replace('No Section Given', 'Dry Run Story'),
    );
    assert.equal(result.outcome, 'created');
    assert.equal(await lede.database.prisma.article.count(), before);
  });

  it('imports through the API for editors only', async () => {
    const mutation = `mutation ($files: [ImportFileInput!]!) { importArticles(files: $files, status: DRAFT) { file outcome line reason } }`;
    const files = [
      {
        name: 'api-story.txt',
        content: (await read('good-no-section.txt')).toString().replace('No Section Given', 'API Story'),
      },
      { name: 'api-broken.txt', content: 'nothing here' },
    ];
    const anonymous = await lede.execute(mutation, { files });
    assert.equal(anonymous.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const { importArticles } = await lede.data(mutation, { files }, { apiKey: await lede.apiKey('EDITOR') });
    assert.deepEqual(importArticles, [
      { file: 'api-story.txt', outcome: 'CREATED', line: null, reason: null },
      {
        file: 'api-broken.txt',
        outcome: 'FAILED',
        line: 1,
        reason: 'expected a header such as "Published Date: 14.03.2026 09:45 / Section"',
      },
    ]);
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'api-story.txt' } });
    assert.equal(stored.status, 'DRAFT');
  });
});

function runImport(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/import.ts'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`npm run import (${databaseKind})`, () => {
  let folder: string;
  let dataDir: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lede-import-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-import-data-'));
    await cp(fixtures, folder, { recursive: true });
    database = await createTestDatabase();
    env = database.databaseUrl
      ? { DATABASE_URL: database.databaseUrl, LEDE_SAMPLE_CONTENT: 'false' }
      : { LEDE_DATA_DIR: dataDir, LEDE_SAMPLE_CONTENT: 'false' };
  });
  after(async () => {
    await database.drop();
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a folder, reports each failure, exits 1 when any file failed, and is idempotent', async () => {
    const first = await runImport(['--json', folder], env);
    assert.equal(first.code, 1, first.stderr);
    const report = JSON.parse(first.stdout);
    const total = (await readdir(folder)).length;
    assert.deepEqual(
      { created: report.summary.created, failed: report.summary.failed },
      { created: 3, failed: total - 3 },
    );
    assert.ok(
      report.files.some(
        (f: { file: string; line: number }) => f.file.endsWith('broken-impossible-date.txt') && f.line === 1,
      ),
    );

    const second = await runImport([folder], env);
    assert.equal(second.code, 1);
    assert.match(second.stdout, /0 created, 0 updated, 3 unchanged, 4 failed/);
    assert.match(second.stdout, /FAILED .*broken-impossible-date\.txt:1: .*not a real date/);
  });

  it('writes through a running gateway on the embedded database', {
    skip: process.env.DATABASE_URL ? 'PostgreSQL takes writes from any number of processes' : false,
  }, async () => {
    // A small body limit: files that fit go through, one that cannot is reported, not sent.
    const limited = { ...env, LEDE_MAX_BODY_BYTES: '16384' };
    const server = await startServerProcess(limited);
    try {
      const text = (await read('good-no-section.txt')).toString();
      await writeFile(
        path.join(folder, 'while-running.txt'),
        text.replace('No Section Given', 'Imported While Running'),
      );
      await writeFile(
        path.join(folder, 'too-large-for-gateway.txt'),
        `${text.replace('No Section Given', 'Too Large')}\n\n${'A long paragraph. '.repeat(1000)}\n`,
      );
      const result = await runImport(
        [path.join(folder, 'while-running.txt'), path.join(folder, 'too-large-for-gateway.txt')],
        limited,
      );
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, /through the gateway running at/);
      assert.match(result.stdout, /1 created, 0 updated, 0 unchanged, 1 failed/);
      assert.match(
        result.stdout,
        /FAILED .*too-large-for-gateway\.txt: too large to send through the gateway \(LEDE_MAX_BODY_BYTES is 16384 bytes\)/,
      );
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ article(slug: "imported-while-running") { headline } }' }),
      });
      assert.deepEqual((await response.json()).data, { article: { headline: 'Imported While Running' } });
    } finally {
      await server.stop();
    }
  });
});
