// Writes a new migration with the SQL that takes the migrations folder to schema.prisma.
// Usage: npm run migration:create -- <name>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGliteAdapterFactory, pgliteExtensions } from '../src/db/adapter.ts';
import { migrationsDir, openSchemaEngine, readMigrations, schemaPath } from '../src/db/schema-engine.ts';

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('Usage: npm run migration:create -- <name>');
  process.exit(1);
}

const pglite = await PGlite.create({ extensions: pgliteExtensions });
const engine = await openSchemaEngine(new PGliteAdapterFactory(pglite));
const result = await engine.diff({
  from: { tag: 'migrations', ...(await readMigrations()) },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
});
const sql = result.stdout ?? '';
if (!sql.trim() || sql.includes('This is an empty migration')) {
  console.log('schema.prisma matches the migrations folder: nothing to write.');
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql);
  console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}
await pglite.close();
