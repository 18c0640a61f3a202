import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleImporter } from '../src/content/importer.ts';
import { projectRoot } from '../src/db/schema-engine.ts';
import { createTestDatabase, databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';
import { startServerProcess } from './support/server-process.ts';

const fixtures = path.join(projectRoot, 'tests/fixtures/import');
const read = (name: string) => readFile(path.join(fixtures, name));

describe(`importer (${databaseKind})`, () => {
  let lede: TestGateway;
  afterAll(() => lede?.close());
  beforeAll(async () => {
    lede = await startTestGateway();
  });
  const importer = (options: Partial<ConstructorParameters<typeof ArticleImporter>[1]> = {}) =>
    new ArticleImporter(lede.database, { timeZone: 'UTC', status: 'PUBLISHED', dryRun: false, ...options });

  it('reads day-first dates in the given zone, section paths and the repeated headline', async () => {
    const result = await importer({ timeZone: 'America/New_York' }).importFile(
      'good-day-first.txt',
      await read('good-day-first.txt'),
    );
    expect(result.outcome).toBe('created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'good-day-first.txt' },
      include: { section: { include: { parent: true } }, organizationMentions: { include: { organization: true } } },
    });
    expect(article.publishedAt?.toISOString(), '1 April, 09:45 in New York').toBe('2025-04-01T13:45:00.000Z');
    expect(article.headline).toBe('Port Strike Ends After Nine Days');
    expect(article.body.split('\n\n').length, 'the repeated headline is not body text').toBe(2);
    expect(article.section.slug).toBe('americas');
    expect(article.section.parent?.slug).toBe('world');
    expect(article.organizationMentions.map((m) => m.organization.slug)).toStrictEqual(['tessaline-shipping-group']);
  });

  it('tolerates a BOM, CRLF, extra spaces and blank lines, and links surnames', async () => {
    const result = await importer().importFile('messy-crlf-bom.txt', await read('messy-crlf-bom.txt'));
    expect(result.outcome).toBe('created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'messy-crlf-bom.txt' },
      include: { section: true, personMentions: { include: { person: true } } },
    });
    expect(article.publishedAt?.toISOString()).toBe('2025-04-01T01:01:00.000Z');
    expect(article.section.slug).toBe('politics');
    expect(article.headline).toBe('Council Meets Late');
    const voss = article.personMentions.find((m) => m.person.slug === 'elena-voss');
    expect(voss?.count, '"Mayor Elena Voss" and "Voss" are one person, mentioned twice').toBe(2);
    expect(
      ((voss?.spans ?? []) as { paragraph: number; start: number; end: number; text: string }[]).map((s) => s.text),
    ).toStrictEqual(['Elena Voss', 'Voss']);
  });

  it('stores an acronym defined in the text as an alias of the new organization, and counts its uses', async () => {
    const text = [
      'Published Date: 02.04.2025 10:00 / World',
      '',
      'Recount Ordered',
      '',
      'The Coastal Boundaries Commission (CBC) ordered a recount on Friday.',
      '',
      'CBC officials said the count would take a week.',
    ].join('\n');
    expect((await importer().importFile('acronym-defined.txt', text)).outcome).toBe('created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'acronym-defined.txt' },
      include: { organizationMentions: { include: { organization: true } } },
    });
    const mentions = article.organizationMentions.map((m) => [m.organization.name, m.organization.aliases, m.count]);
    expect(mentions).toStrictEqual([['Coastal Boundaries Commission', ['CBC'], 2]]);
  });

  it('files a header without a section under News', async () => {
    const result = await importer().importFile('good-no-section.txt', await read('good-no-section.txt'));
    expect(result.outcome).toBe('created');
    const article = await lede.database.prisma.article.findUniqueOrThrow({
      where: { sourceKey: 'good-no-section.txt' },
      include: { section: true },
    });
    expect(article.section.name).toBe('News');
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
      expect(result.outcome, file).toBe('failed');
      expect(
        result.outcome === 'failed' && result.line === line && reason.test(result.reason),
        JSON.stringify(result),
      ).toBeTruthy();
    }
    const huge = await importer().importFile('huge.txt', Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(huge.outcome === 'failed' && /limit is/.test(huge.reason)).toBeTruthy();
    expect(await lede.database.prisma.article.count()).toBe(before);
  });

  it('is idempotent, and updates a changed file in place', async () => {
    const original = await read('good-day-first.txt');
    const again = await importer({ timeZone: 'America/New_York' }).importFile('good-day-first.txt', original);
    expect(again.outcome).toBe('unchanged');
    const before = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'good-day-first.txt' } });
    const changed = original.toString().replace('within a week', 'within ten days');
    const updated = await importer({ timeZone: 'America/New_York' }).importFile('good-day-first.txt', changed);
    expect(updated.outcome).toBe('updated');
    const after = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'good-day-first.txt' } });
    expect(after.id).toBe(before.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.body).toMatch(/within ten days/);
    expect(await lede.database.prisma.article.count({ where: { headline: before.headline } })).toBe(1);
  });

  it('writes nothing in a dry run', async () => {
    const before = await lede.database.prisma.article.count();
    const result = await importer({ dryRun: true }).importFile(
      'new-story.txt',
      (await read('good-no-section.txt')).toString().replace('No Section Given', 'Dry Run Story'),
    );
    expect(result.outcome).toBe('created');
    expect(await lede.database.prisma.article.count()).toBe(before);
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
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { importArticles } = await lede.data(mutation, { files }, { apiKey: await lede.apiKey('EDITOR') });
    expect(importArticles).toStrictEqual([
      { file: 'api-story.txt', outcome: 'CREATED', line: null, reason: null },
      {
        file: 'api-broken.txt',
        outcome: 'FAILED',
        line: 1,
        reason: 'expected a header such as "Published Date: 14.03.2026 09:45 / Section"',
      },
    ]);
    const stored = await lede.database.prisma.article.findUniqueOrThrow({ where: { sourceKey: 'api-story.txt' } });
    expect(stored.status).toBe('DRAFT');
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
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lede-import-'));
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-import-data-'));
    await cp(fixtures, folder, { recursive: true });
    database = await createTestDatabase();
    env = database.databaseUrl
      ? { DATABASE_URL: database.databaseUrl, LEDE_SAMPLE_CONTENT: 'false' }
      : { LEDE_DATA_DIR: dataDir, LEDE_SAMPLE_CONTENT: 'false' };
  });
  afterAll(async () => {
    await database.drop();
    await rm(folder, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports a folder, reports each failure, exits 1 when any file failed, and is idempotent', async () => {
    const first = await runImport(['--json', folder], env);
    expect(first.code, first.stderr).toBe(1);
    const report = JSON.parse(first.stdout);
    const total = (await readdir(folder)).length;
    expect({ created: report.summary.created, failed: report.summary.failed }).toStrictEqual({
      created: 3,
      failed: total - 3,
    });
    expect(
      report.files.some(
        (f: { file: string; line: number }) => f.file.endsWith('broken-impossible-date.txt') && f.line === 1,
      ),
    ).toBeTruthy();

    const second = await runImport([folder], env);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/0 created, 0 updated, 3 unchanged, 4 failed/);
    expect(second.stdout).toMatch(/FAILED .*broken-impossible-date\.txt:1: .*not a real date/);
  });

  // PostgreSQL takes writes from any number of processes, so this is about PGlite only.
  it.skipIf(process.env.DATABASE_URL)('writes through a running gateway on the embedded database', async () => {
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
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/through the gateway running at/);
      expect(result.stdout).toMatch(/1 created, 0 updated, 0 unchanged, 1 failed/);
      expect(result.stdout).toMatch(
        /FAILED .*too-large-for-gateway\.txt: too large to send through the gateway \(LEDE_MAX_BODY_BYTES is 16384 bytes\)/,
      );
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ article(slug: "imported-while-running") { headline } }' }),
      });
      expect((await response.json()).data).toStrictEqual({ article: { headline: 'Imported While Running' } });
    } finally {
      await server.stop();
    }
  });
});
