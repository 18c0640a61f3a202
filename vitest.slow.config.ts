import { defineConfig } from 'vitest/config';
import defaults from './vitest.config.ts';

/**
 * The slow suite (`npm run test:slow`): the tests that need minutes, a browser or a server process
 * under load, at full size. The default suite runs the same files small (tests/support/size.ts),
 * except the browser test, whose small form is the GraphiQL page check in tests/server.test.ts.
 *
 * One file at a time: these tests load the gateway or time its reactions, and two of them on two
 * shared cores would each see the other's load.
 */
export default defineConfig({
  ...defaults,
  test: {
    ...defaults.test,
    include: [
      'tests/hostile.test.ts',
      'tests/hostile-inputs.test.ts',
      'tests/hostile-battery.test.ts',
      'tests/load.test.ts',
      'tests/write-soak.test.ts',
      'tests/outage.test.ts',
      'tests/shutdown.test.ts',
      'tests/graphiql-browser.test.ts',
    ],
    exclude: [],
    provide: { fullSize: true },
    maxWorkers: 1,
    fileParallelism: false,
  },
});
