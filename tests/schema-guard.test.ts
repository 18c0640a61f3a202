import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
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
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.breaking.map((change) => change.path),
      ['Article.standfirst'],
    );
    const report = formatReport(result, 'main');
    assert.match(report, /Breaking changes \(1\):\n {2}- .*'standfirst'.*Article/);
    assert.match(report, /\[breaking-change: <reason>\]/, 'says how to let it through');
  });

  it('passes a new nullable field, and a new optional argument with a warning', async () => {
    const current = BASE.replace('  standfirst: String\n', '  standfirst: String\n  kicker: String\n').replace(
      'article(slug: String!)',
      'article(slug: String!, preview: Boolean)',
    );
    const result = await checkSchemaChange(BASE, current);
    assert.equal(result.passed, true);
    assert.equal(result.breaking.length, 0);
    assert.deepEqual(
      result.safe.map((change) => change.path),
      ['Article.kicker'],
    );
    assert.deepEqual(
      result.dangerous.map((change) => change.path),
      ['Query.article.preview'],
    );
  });

  it('fails when an argument becomes required', async () => {
    const result = await checkSchemaChange(
      BASE,
      BASE.replace('article(slug: String!)', 'article(slug: String!, edition: String!)'),
    );
    assert.equal(result.passed, false);
    assert.deepEqual(
      result.breaking.map((change) => change.path),
      ['Query.article.edition'],
    );
  });

  it('passes a deprecation whose reason names the replacement', async () => {
    const current = BASE.replace(
      '  standfirst: String\n',
      '  standfirst: String @deprecated(reason: "Use `summary` instead.")\n  summary: String\n',
    );
    const result = await checkSchemaChange(BASE, current);
    assert.equal(result.passed, true);
    assert.ok(result.safe.some((change) => change.type === 'FIELD_DEPRECATION_ADDED'));
  });

  it('fails a deprecation without a reason', async () => {
    const result = await checkSchemaChange(BASE, BASE.replace('standfirst: String', 'standfirst: String @deprecated'));
    assert.equal(result.passed, false);
    assert.equal(result.unexplainedDeprecations.length, 1);
    assert.match(formatReport(result, 'main'), /Deprecations without a reason naming the replacement \(1\)/);
  });

  it('reports dangerous changes as warnings and passes', async () => {
    const result = await checkSchemaChange(BASE, BASE.replace('DRAFT PUBLISHED', 'DRAFT PUBLISHED ARCHIVED'));
    assert.equal(result.passed, true);
    assert.equal(result.dangerous.length, 1);
    assert.match(formatReport(result, 'main'), /Warnings: dangerous changes \(1\):\n {2}- .*ARCHIVED/);
  });

  it('lets a break through when a commit message carries the marker with a reason', async () => {
    const current = BASE.replace('  standfirst: String\n', '');
    const marked = await checkSchemaChange(BASE, current, [
      'Drop standfirst\n\n[breaking-change: no client reads it since app 3.0]',
    ]);
    assert.equal(marked.passed, true);
    assert.equal(marked.allowedBecause, 'no client reads it since app 3.0');
    assert.match(formatReport(marked, 'main'), /allowed by the commit message: no client reads it/);
    const empty = await checkSchemaChange(BASE, current, ['Drop standfirst [breaking-change: ]']);
    assert.equal(empty.passed, false, 'a marker without a reason does not count');
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

  before(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'lede-schema-guard-'));
    git('init', '-q');
  });
  after(() => rm(repo, { recursive: true, force: true }));

  it('passes the first commit, and a commit whose base had no schema, saying why', async () => {
    await commit(BASE, 'Add the schema');
    const first = guard();
    assert.equal(first.status, 0, first.output);
    assert.match(first.output, /there is no HEAD~1/);

    git('rm', '-q', 'generated/schema.graphql');
    git('commit', '-q', '-m', 'Remove the schema');
    const missing = guard();
    assert.equal(missing.status, 1);
    assert.match(missing.output, /there is no generated\/schema.graphql to check/);
    await commit(BASE, 'Add it again');
    const added = guard();
    assert.equal(added.status, 0, added.output);
    assert.match(added.output, /HEAD~1 has no generated\/schema.graphql/);
  });

  it('fails a breaking commit with exit status 1 and passes it once the message has the marker', async () => {
    await commit(BASE.replace('  standfirst: String\n', ''), 'Drop standfirst');
    const broken = guard();
    assert.equal(broken.status, 1);
    assert.match(
      broken.output,
      /Breaking changes \(1\):\n {2}- Field 'standfirst' was removed from object type 'Article'/,
    );
    git('commit', '--amend', '-q', '-m', 'Drop standfirst\n\n[breaking-change: unused since app 3.0]');
    const allowed = guard();
    assert.equal(allowed.status, 0, allowed.output);
    assert.match(allowed.output, /allowed by the commit message: unused since app 3\.0/);
  });
});
