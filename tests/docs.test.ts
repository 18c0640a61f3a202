import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../src/example-queries.ts';
import {
  API_EXAMPLES,
  CORRECTION_EXAMPLES,
  docsPages,
  documentationFiles,
  EDITING_EXAMPLES,
  graphqlBlocks,
  headingAnchors,
  MOST_READ_EXAMPLES,
  operationName,
  readDoc,
  relativeLinks,
  repositoryRoot,
  withoutCodeBlocks,
} from './support/docs.ts';

/** Every GraphQL example in README.md and docs/, by the test file that runs it. */
const EXAMPLES_RUN_BY: Record<string, string[]> = {
  'tests/example-queries.test.ts': EXAMPLE_OPERATIONS.map(({ query }) => operationName(query)),
  'tests/docs-api-examples.test.ts': API_EXAMPLES,
  'tests/docs-editing-examples.test.ts': EDITING_EXAMPLES,
  'tests/images.test.ts': ['ArticleWithImages'],
  'tests/docs-reader-examples.test.ts': [...MOST_READ_EXAMPLES, ...CORRECTION_EXAMPLES],
};

describe('README.md and docs/', () => {
  it('README links every docs page', () => {
    const linked = new Set(relativeLinks(readDoc('README.md')).map((target) => target.split('#')[0]));
    expect(docsPages().length >= 6, docsPages().join(' ')).toBeTruthy();
    for (const page of docsPages()) expect(linked.has(page), `README.md links ${page}`).toBeTruthy();
  });

  it('every relative link names a file that exists, and a heading there when it has an anchor', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of documentationFiles()) {
      for (const target of relativeLinks(readDoc(file))) {
        checked++;
        const [linkPath = '', anchor] = target.split('#');
        const targetFile = linkPath ? path.join(path.dirname(file), linkPath) : file;
        if (!existsSync(path.join(repositoryRoot, targetFile))) {
          broken.push(`${file}: ${target} (no file ${targetFile})`);
        } else if (anchor && targetFile.endsWith('.md') && !headingAnchors(readDoc(targetFile)).has(anchor)) {
          broken.push(`${file}: ${target} (no heading #${anchor} in ${targetFile})`);
        }
      }
    }
    expect(checked > 30, `${checked} links found`).toBeTruthy();
    expect(broken).toStrictEqual([]);
  });

  it('every file of the repository that the docs name in code exists', () => {
    const missing: string[] = [];
    for (const file of documentationFiles()) {
      const prose = withoutCodeBlocks(readDoc(file));
      for (const [, named] of prose.matchAll(
        /`((?:src|tests|bench|scripts|examples|content|generated|migrations)\/[\w./-]+\.[a-z]+)`/g,
      )) {
        if (!existsSync(path.join(repositoryRoot, named as string))) missing.push(`${file}: ${named}`);
      }
    }
    expect(missing).toStrictEqual([]);
  });

  it('each docs page starts with its title and one line saying who it is for', () => {
    for (const page of docsPages()) {
      const [title, blank, audience] = readDoc(page).split('\n');
      expect(title, page).toMatch(/^# \S/);
      expect(blank, page).toBe('');
      expect(audience, page).toMatch(/^For \S/);
    }
  });

  it('every GraphQL example is named and run by a test', () => {
    const shown = documentationFiles().flatMap((file) =>
      graphqlBlocks(readDoc(file)).map((block) => ({ file, name: operationName(block) })),
    );
    expect(
      shown.filter(({ name }) => !name),
      'every example is a named operation',
    ).toStrictEqual([]);
    const names = shown.map(({ name }) => name);
    expect(new Set(names).size, `no name shown twice: ${names.join(' ')}`).toBe(names.length);
    const run = Object.values(EXAMPLES_RUN_BY).flat();
    expect([...names].sort()).toStrictEqual([...new Set(run)].sort());
  });

  it("README shows the commands to start and to test, and CI runs the README's test command", () => {
    const readme = readDoc('README.md');
    expect(readme).toContain('```sh\nnpm install && npm start\n```');
    expect(readme).toContain('```sh\nnpm test\n```');
    expect(readFileSync(path.join(repositoryRoot, '.ci/run'), 'utf8')).toMatch(/^env -u DATABASE_URL npm test$/m);
  });
});
