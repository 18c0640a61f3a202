import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import { projectRoot } from '../shared/project-root.ts';

// Prisma's native schema engine is downloaded at first use, which a closed network forbids.
// The same engine ships as WebAssembly on npm; we load it by hand and drive it through our
// driver adapter, so migrations are created and applied with no download and no CLI.

export { projectRoot };
export const schemaPath = path.join(projectRoot, 'schema.prisma');
export const migrationsDir = path.join(projectRoot, 'migrations');

let engineReady: Promise<void> | undefined;

function instantiateEngine(): Promise<void> {
  engineReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': engineGlue as unknown as WebAssembly.ModuleImports,
    });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return engineReady;
}

export async function openSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await instantiateEngine();
  const datamodel = await readFile(schemaPath, 'utf8');
  const log = (message: string) => {
    if (process.env.LEDE_DEBUG_SCHEMA_ENGINE) console.error(message);
  };
  return engineGlue.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}

/** Reads the migrations folder in the shape the schema engine expects. */
export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(migrationsDir, folder, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  const lockfilePath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: await readFile(lockfilePath, 'utf8').catch(() => null),
    },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}
