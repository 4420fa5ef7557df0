import { defineConfig } from 'vitest/config';
import { TEST_WORKERS } from './test/support/workers.js';

// `npm test` runs every fast test on PGlite and, when TEST_DATABASE_URL is set, again on real Postgres.
// `npm run test:slow` runs the long suites (full fuzz counts, year-long simulations, browser).
const fast = { include: ['test/**/*.test.ts'], exclude: ['test/**/*.slow.test.ts'] };
// Files in one worker share the module cache: importing Bolt, the Teams SDK and drizzle again for every
// file took more time than most files' tests. Tests open their own database or server instead of keeping
// state in modules, and the suite passes this way on both databases. (Set per project: projects do not
// inherit the root's test options.)
const shared = { isolate: false };
const databaseProject = (name: 'pglite' | 'postgres') => ({
  test: { ...fast, ...shared, name, env: { LOKET_TEST_DB: name }, globalSetup: ['test/support/global-setup.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
});

export default defineConfig({
  test: {
    maxWorkers: TEST_WORKERS,
    projects: [
      databaseProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres')] : []),
      ...(process.env.LOKET_SLOW
        ? [{ test: { ...shared, name: 'slow', include: ['test/**/*.slow.test.ts', 'test/**/*.property.test.ts'], env: { LOKET_TEST_DB: 'pglite' }, globalSetup: ['test/support/global-setup.ts'], testTimeout: 300_000, hookTimeout: 120_000 } }]
        : []),
    ],
  },
});
