import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../src/schema/global-id.ts';
import { SECTION_TREE_MAX_AGE_MS, SharedSectionTree } from '../src/sections/shared-tree.ts';
import { SectionTree } from '../src/sections/tree.ts';
import { databaseKind } from './support/database.ts';
import { startTestGateway, type TestGateway } from './support/gateway.ts';

describe('SharedSectionTree', () => {
  const tree = () => new SectionTree([]);
  const clockAt = (start: number) => {
    const clock = { now: start, read: () => clock.now };
    return clock;
  };

  it('shares one load until it is older than its maximum age, or forgotten', async () => {
    const clock = clockAt(0);
    const shared = new SharedSectionTree(1_000, clock.read);
    let loads = 0;
    const load = async () => {
      loads++;
      return tree();
    };
    const first = await shared.get(load);
    expect(await shared.get(load)).toBe(first);
    clock.now = 1_000;
    expect(await shared.get(load)).toBe(first);
    expect(loads).toBe(1);
    clock.now = 1_001;
    const second = await shared.get(load);
    expect(second).not.toBe(first);
    expect(loads).toBe(2);
    shared.forget();
    expect(await shared.get(load)).not.toBe(second);
    expect(loads).toBe(3);
  });

  it('does not keep a failed load, and readers sharing it load their own', async () => {
    const shared = new SharedSectionTree(1_000, clockAt(0).read);
    const failing = shared.get(() => Promise.reject(new Error('cancelled')));
    const own = tree();
    // Shares the failing load, then falls back to its own when it fails.
    const sharing = shared.get(async () => own);
    await expect(failing).rejects.toThrow('cancelled');
    expect(await sharing).toBe(own);
    const next = tree();
    expect(await shared.get(async () => next)).toBe(next);
  });
});

describe(`the section tree anonymous queries share (${databaseKind})`, () => {
  let lede: TestGateway;
  let editor: string;
  const SECTION = 'query Section($slug: String!) { section(slug: $slug) { name urlPath } }';
  const treeStatements = () => lede.statements.filter((sql) => sql.includes('FROM "Section" t0')).length;
  const sectionName = async (apiKey?: string) =>
    ((await lede.data(SECTION, { slug: 'local' }, { apiKey })).section as { name: string }).name;

  beforeAll(async () => {
    lede = await startTestGateway();
    editor = await lede.apiKey('EDITOR');
  });
  afterAll(() => lede?.close());

  it('reads the tree once for many anonymous queries, and once per signed-in request', async () => {
    await sectionName();
    await sectionName();
    expect(treeStatements(), lede.statements.join('\n')).toBe(0);
    await sectionName(editor);
    expect(treeStatements(), 'a signed-in request loads its own tree').toBe(1);
  });

  it('shows a section changed through this gateway at once', async () => {
    await sectionName();
    const { id } = await lede.database.prisma.section.findUniqueOrThrow({ where: { slug: 'local' } });
    const UPDATE = `mutation Rename($input: UpdateSectionInput!) {
      updateSection(input: $input) { ... on UpdateSectionSuccess { section { name } } }
    }`;
    const { updateSection } = await lede.data(
      UPDATE,
      { input: { section: encodeGlobalId('Section', id), name: 'Local News' } },
      { apiKey: editor },
    );
    expect(updateSection).toStrictEqual({ section: { name: 'Local News' } });
    expect(await sectionName()).toBe('Local News');
  });

  it('shows a section changed by another process within the maximum age, and to signed-in readers at once', async () => {
    await sectionName();
    await lede.database.prisma.section.update({ where: { slug: 'local' }, data: { name: 'Local Desk' } });
    expect(await sectionName(editor)).toBe('Local Desk');
    await new Promise((resolve) => setTimeout(resolve, SECTION_TREE_MAX_AGE_MS + 100));
    expect(await sectionName()).toBe('Local Desk');
  });
});
