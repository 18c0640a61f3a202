import { defineConfig } from 'prisma/config';

// Only `prisma generate`/`validate`/`format` run from the CLI; migrations are created and applied
// through the WebAssembly schema engine (scripts/migration-create.ts, src/db/migrate.ts).
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
});
