import { defineConfig } from 'vitest/config';

// Unit and integration tests run on the sources (no build step), in Node.
// e2e suites in e2e/ run under Playwright instead.
export default defineConfig({
  test: {
    // e2e/sync-faults is the sync fault suite in its short form (npm run test:sync-faults runs it long).
    // scripts/ holds the packaging config's tests (electron-builder.yml).
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'server/**/*.test.ts', 'e2e/sync-faults/**/*.test.ts', 'e2e/hostile/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on the CI's two. Many suites
    // mostly wait (on PostgreSQL, a server, a retry), so two workers take about a quarter off
    // each pass (BENCHMARKS.md, "Test suite").
    maxWorkers: 2,
    server: {
      deps: {
        // Processed by Vitest's module runner (not Node's cache) so a test can load a
        // second, independent copy with vi.resetModules(): the renderer and main each
        // get their own RxDB, as in separate processes (RxDB limits open collections
        // per JS context).
        inline: [/node_modules\/rxdb\//],
      },
    },
  },
});
