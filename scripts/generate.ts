// Rebuilds everything in generated/: the Prisma client, the Pothos Prisma types and the printed
// schema. Works offline. Usage: npm run generate
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../src/db/schema-engine.ts';

/** Runs `prisma generate` for a copy of schema.prisma placed in `root` (the project itself by default). */
export async function generatePrismaArtifacts(root = projectRoot): Promise<void> {
  const schema = path.join(root, 'schema.prisma');
  if (root !== projectRoot) {
    await mkdir(root, { recursive: true });
    await copyFile(path.join(projectRoot, 'schema.prisma'), schema);
  }
  const bin = path.join(projectRoot, 'node_modules', '.bin');
  execFileSync(path.join(bin, 'prisma'), ['generate', '--schema', schema], {
    cwd: projectRoot,
    stdio: root === projectRoot ? 'inherit' : 'pipe',
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      // generate never uses the schema engine, but the CLI insists on finding one before it starts.
      PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
    },
  });
}

/** The SDL of the current schema, types sorted by name. */
export async function printedSchema(): Promise<string> {
  const { printSchema } = await import('graphql');
  const { schema } = await import('../src/schema/index.ts');
  return `${printSchema(schema)}\n`;
}

export const printedSchemaPath = path.join(projectRoot, 'generated', 'schema.graphql');

if (import.meta.url === `file://${process.argv[1]}`) {
  await generatePrismaArtifacts();
  // Imported after generation so the schema is built from the fresh client types.
  await writeFile(printedSchemaPath, await printedSchema());
  console.log(`Wrote ${path.relative(process.cwd(), printedSchemaPath)}`);
}
