import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchemaChange, formatReport } from '../scripts/schema-guard.ts';
import { projectRoot } from '../src/db/schema-engine.ts';

const BASE = `
type Query {
  article(slug: String!): Article
}
enum ArticleStatus { DRAFT PUBLISHED }
type Article {
  headline: String!
  standfirst: String
  status: ArticleStatus!
}
`;

describe('schema guard', () => {
  it('fails when a field is removed, naming it', async () => {
    const result = await checkSchemaChange(BASE, BASE.replace('  standfirst: String\n', ''));
    expect(result.passed).toBe(false);
    expect(result.breaking.map((change) => change.path)).toStrictEqual(['Article.standfirst']);
    const report = formatReport(result, 'main');
    expect(report).toMatch(/Breaking changes \(1\):\n {2}- .*'standfirst'.*Article/);
    expect(report, 'says how to let it through').toMatch(/\[breaking-change: <reason>\]/);
  });

  it('passes a new nullable field, and a new optional argument with a warning', async () => {
    const current = BASE.replace('  standfirst: String\n', '  standfirst: String\n  kicker: String\n').replace(
      'article(slug: String!)',
      'article(slug: String!, preview: Boolean)',
    );
    const result = await checkSchemaChange(BASE, current);
    expect(result.passed).toBe(true);
    expect(result.breaking.length).toBe(0);
    expect(result.safe.map((change) => change.path)).toStrictEqual(['Article.kicker']);
    expect(result.dangerous.map((change) => change.path)).toStrictEqual(['Query.article.preview']);
  });

  it('fails when an argument becomes required', async () => {
    const result = await checkSchemaChange(
      BASE,
      BASE.replace('article(slug: String!)', 'article(slug: String!, edition: String!)'),
    );
    expect(result.passed).toBe(false);
    expect(result.breaking.map((change) => change.path)).toStrictEqual(['Query.article.edition']);
  });

  it('passes a deprecation whose reason names the replacement', async () => {
    const current = BASE.replace(
      '  standfirst: String\n',
      '  standfirst: String @deprecated(reason: "Use `summary` instead.")\n  summary: String\n',
    );
    const result = await checkSchemaChange(BASE, current);
    expect(result.passed).toBe(true);
    expect(result.safe.some((change) => change.type === 'FIELD_DEPRECATION_ADDED')).toBeTruthy();
  });

  it('fails a deprecation without a reason', async () => {
    const result = await checkSchemaChange(BASE, BASE.replace('standfirst: String', 'standfirst: String @deprecated'));
    expect(result.passed).toBe(false);
    expect(result.unexplainedDeprecations.length).toBe(1);
    expect(formatReport(result, 'main')).toMatch(/Deprecations without a reason naming the replacement \(1\)/);
  });

  it('reports dangerous changes as warnings and passes', async () => {
    const result = await checkSchemaChange(BASE, BASE.replace('DRAFT PUBLISHED', 'DRAFT PUBLISHED ARCHIVED'));
    expect(result.passed).toBe(true);
    expect(result.dangerous.length).toBe(1);
    expect(formatReport(result, 'main')).toMatch(/Warnings: dangerous changes \(1\):\n {2}- .*ARCHIVED/);
  });

  it('lets a break through when a commit message carries the marker with a reason', async () => {
    const current = BASE.replace('  standfirst: String\n', '');
    const marked = await checkSchemaChange(BASE, current, [
      'Drop standfirst\n\n[breaking-change: no client reads it since app 3.0]',
    ]);
    expect(marked.passed).toBe(true);
    expect(marked.allowedBecause).toBe('no client reads it since app 3.0');
    expect(formatReport(marked, 'main')).toMatch(/allowed by the commit message: no client reads it/);
    const empty = await checkSchemaChange(BASE, current, ['Drop standfirst [breaking-change: ]']);
    expect(empty.passed, 'a marker without a reason does not count').toBe(false);
  });
});

describe('npm run schema:guard in a git repository', () => {
  let repo: string;
  const script = path.join(projectRoot, 'scripts', 'schema-guard.ts');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  const commit = async (sdl: string, message: string) => {
    await mkdir(path.join(repo, 'generated'), { recursive: true });
    await writeFile(path.join(repo, 'generated', 'schema.graphql'), sdl);
    git('add', '-A');
    git('commit', '-q', '-m', message);
  };
  const guard = () => {
    const run = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), script], {
      cwd: repo,
      encoding: 'utf8',
    });
    return { status: run.status, output: run.stdout + run.stderr };
  };

  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'lede-schema-guard-'));
    git('init', '-q');
  });
  afterAll(() => rm(repo, { recursive: true, force: true }));

  it('passes the first commit, and a commit whose base had no schema, saying why', async () => {
    await commit(BASE, 'Add the schema');
    const first = guard();
    expect(first.status, first.output).toBe(0);
    expect(first.output).toMatch(/there is no HEAD~1/);

    git('rm', '-q', 'generated/schema.graphql');
    git('commit', '-q', '-m', 'Remove the schema');
    const missing = guard();
    expect(missing.status).toBe(1);
    expect(missing.output).toMatch(/there is no generated\/schema.graphql to check/);
    await commit(BASE, 'Add it again');
    const added = guard();
    expect(added.status, added.output).toBe(0);
    expect(added.output).toMatch(/HEAD~1 has no generated\/schema.graphql/);
  });

  it('fails a breaking commit with exit status 1 and passes it once the message has the marker', async () => {
    await commit(BASE.replace('  standfirst: String\n', ''), 'Drop standfirst');
    const broken = guard();
    expect(broken.status).toBe(1);
    expect(broken.output).toMatch(
      /Breaking changes \(1\):\n {2}- Field 'standfirst' was removed from object type 'Article'/,
    );
    git('commit', '--amend', '-q', '-m', 'Drop standfirst\n\n[breaking-change: unused since app 3.0]');
    const allowed = guard();
    expect(allowed.status, allowed.output).toBe(0);
    expect(allowed.output).toMatch(/allowed by the commit message: unused since app 3\.0/);
  });
});
