import { defineConfig } from 'vitest/config';

/**
 * The default suite: every test file, the load, soak and hostile tests in their small form.
 * `npm test` runs it after the type-check and lint; `vitest.slow.config.ts` is the slow suite.
 *
 * The choices, for a machine with two cores that other work shares:
 * - pool `forks`: each file runs in its own child process. Files start their own database
 *   (in-memory PGlite, or a fresh PostgreSQL database), server processes and Redis, and some
 *   change `process.env` or other process-wide state; a process per file keeps them apart, and
 *   PGlite's WebAssembly memory is returned when the process ends.
 * - two workers: one file per core. More only queue for the same cores and stretch every
 *   timing-sensitive test.
 * - the global setup only builds `dist/server.js` once for the tests that start `npm start`'s
 *   server process; everything else (databases, Redis, servers) each file starts and stops itself.
 * - time-outs: a test may take a minute and a hook (starting a gateway with the sample content,
 *   or a server process) three, because on a loaded machine a start takes many times its quiet
 *   figure; they only bound a test that would otherwise hang.
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`) copies. Node, and so every package,
    // loads the CommonJS one; Vite would give our own files the ESM one, and graphql refuses to
    // mix types from two copies ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // Needs Chromium and a server process: the slow suite runs it.
    exclude: ['tests/graphiql-browser.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    globalSetup: ['tests/support/global-setup.ts'],
    provide: { fullSize: false },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // A failing test says so once; a retry would hide a flaky one.
    retry: 0,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
    },
  },
});
