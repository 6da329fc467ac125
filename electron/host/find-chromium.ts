/**
 * Finds a Chromium or Chrome to open the browser host in and to run e2e tests with:
 * the path in CHROMIUM_PATH, else the usual install locations. Node-only.
 */
import fs from 'node:fs';

export const CHROMIUM_ENV = 'CHROMIUM_PATH';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[CHROMIUM_ENV];
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const NO_CHROMIUM_MESSAGE =
  `No Chromium or Chrome was found. Install Debian's "chromium" package (apt-get install chromium) ` +
  `or set ${CHROMIUM_ENV} to the browser's executable.`;

/** Flags that keep Chromium from reaching out to the internet on a closed network. */
export const QUIET_CHROMIUM_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];
