import path from 'node:path';
import { z } from 'zod';

// Every setting Lede reads from the environment, parsed once at start.
// The README's table of environment variables mirrors this file.
const environment = z.object({
  /** TCP port the HTTP server listens on. Default 4000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Interface the HTTP server binds to. Default all interfaces. */
  HOST: z.string().min(1).optional(),
  /** PostgreSQL connection URL. When unset, the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Folder of the embedded PGlite database; `memory://` keeps it in memory. Default ./data. */
  LEDE_DATA_DIR: z.string().min(1).default('data'),
  /** Load the sample articles into an empty database on start: true or false. Default true. */
  LEDE_SAMPLE_CONTENT: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true'),
  /** `production` hides error details from clients and turns off development helpers. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Config = {
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  loadSampleContent: boolean;
  production: boolean;
};

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const value = parsed.data;
  return {
    port: value.PORT,
    host: value.HOST,
    databaseUrl: value.DATABASE_URL,
    dataDir: value.LEDE_DATA_DIR.startsWith('memory://') ? value.LEDE_DATA_DIR : path.resolve(value.LEDE_DATA_DIR),
    loadSampleContent: value.LEDE_SAMPLE_CONTENT,
    production: value.NODE_ENV === 'production',
  };
}
