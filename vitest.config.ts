import { defineConfig } from 'vitest/config';

// Three projects so a run can be narrowed (`vitest run --project unit`) and so the slow suites get
// their own timeouts. Forks, not threads: better-sqlite3 is a native module and is not safe to
// load into worker threads that come and go.
export default defineConfig({
  test: {
    pool: 'forks',
    passWithNoTests: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            '{common,station,electron,renderer,hub}/**/*.test.{ts,tsx}',
            'scripts/**/*.test.{ts,mjs}',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // One Chromium at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
