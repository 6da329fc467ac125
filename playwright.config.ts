import { defineConfig } from '@playwright/test';
import { findChromium, NO_CHROMIUM_MESSAGE } from './electron/host/find-chromium.js';

// e2e suites drive the built app in browser host mode with Debian's Chromium
// (or CHROMIUM_PATH); Playwright's own browser downloads cannot work here.
if (!findChromium()) throw new Error(NO_CHROMIUM_MESSAGE);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'e2e-artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
