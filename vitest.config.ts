import { defineConfig } from 'vitest/config';

// `npm test` runs every fast test on PGlite and, when TEST_DATABASE_URL is set, again on real Postgres.
// `npm run test:slow` runs the long suites (full fuzz counts, year-long simulations, browser).
const fast = { include: ['test/**/*.test.ts'], exclude: ['test/**/*.slow.test.ts'] };
const databaseProject = (name: 'pglite' | 'postgres') => ({
  test: { ...fast, name, env: { LOKET_TEST_DB: name }, globalSetup: ['test/support/global-setup.ts'], testTimeout: 20_000, hookTimeout: 60_000 },
});

export default defineConfig({
  test: {
    projects: [
      databaseProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [databaseProject('postgres')] : []),
      ...(process.env.LOKET_SLOW
        ? [{ test: { name: 'slow', include: ['test/**/*.slow.test.ts', 'test/**/*.property.test.ts'], env: { LOKET_TEST_DB: 'pglite' }, globalSetup: ['test/support/global-setup.ts'], testTimeout: 300_000, hookTimeout: 120_000 } }]
        : []),
    ],
  },
});
