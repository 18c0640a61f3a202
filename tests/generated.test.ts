import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePrismaArtifacts, printedSchema, printedSchemaPath } from '../scripts/generate.ts';
import { projectRoot } from '../src/db/schema-engine.ts';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated/ (run `npm run generate` when this fails)', () => {
  it('holds the printed schema of the current code', async () => {
    expect(await readFile(printedSchemaPath, 'utf8')).toBe(await printedSchema());
  });

  it('holds the Prisma client and Pothos types that schema.prisma produces', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'lede-generate-'));
    try {
      await generatePrismaArtifacts(scratch);
      const fresh = path.join(scratch, 'generated');
      const committed = path.join(projectRoot, 'generated');
      const freshFiles = await listFiles(fresh);
      expect((await listFiles(committed)).filter((file) => file !== 'schema.graphql')).toStrictEqual(freshFiles);
      for (const file of freshFiles) {
        expect(await readFile(path.join(committed, file), 'utf8'), `generated/${file} is stale`).toBe(
          await readFile(path.join(fresh, file), 'utf8'),
        );
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
