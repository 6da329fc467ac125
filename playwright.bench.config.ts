import { defineConfig } from '@playwright/test';
import { findChromium, NO_CHROMIUM_MESSAGE } from './electron/host/find-chromium.js';

// `npm run bench`: benchmarks that print figures and write them to BENCHMARKS.md.
// They assert nothing about time; they measure.
if (!findChromium()) throw new Error(NO_CHROMIUM_MESSAGE);

export default defineConfig({
  testDir: 'bench',
  testMatch: '**/*.bench.ts',
  outputDir: 'bench-results/test-results',
  workers: 1,
  retries: 0,
  timeout: 15 * 60_000,
  reporter: [['list']],
});
