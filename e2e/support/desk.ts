/**
 * Starts the built app in browser host mode (dist/host/cli.mjs, as `npm start`
 * does) with its own data folder and port, and opens it in Chromium with a
 * persistent profile, so a test can close the browser and come back to the same data.
 * The browser gets in as the desk's user's own tools do: with a session cookie made from
 * the data folder's key (hostSessionForTools, decision 0019).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { findChromium, QUIET_CHROMIUM_FLAGS } from '../../electron/host/find-chromium.js';
import { hostSessionForTools } from '../../electron/host/session-key.js';

const root = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(root, 'e2e-artifacts', 'screenshots');

/** Below the kernel's ephemeral range: see server/test-support/free-port.ts. */
export { freePort } from '../../server/test-support/free-port.js';

export interface HostProcess {
  url: string;
  dataDir: string;
  /** Resolves with the first match of `pattern` in the host's output so far or to come. */
  waitForOutput(pattern: RegExp): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/** The data folder of the host last started at each origin: openDesk signs its browser in with it. */
const dataDirByOrigin = new Map<string, string>();

const running = new Set<ChildProcess>();
/** Hosts the test itself stopped: their exit is expected. */
const stopped = new WeakSet<ChildProcess>();

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    stopped.add(child);
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const alongside: (() => Promise<void>)[] = [];

/** Something else a test started for its hosts (a Stripe test server, an SMTP server): stopped after them by stopAllHosts. */
export function stopWithHosts<T extends { stop(): Promise<void> }>(service: T): T {
  alongside.push(() => service.stop());
  return service;
}

/** Each running host's recent output, for a failed test's report. */
const outputs = new WeakMap<ChildProcess, () => string>();

/** Stops every host a test started, even when the test failed half-way (`test.afterEach(stopAllHosts)`), then what ran alongside. */
export async function stopAllHosts(): Promise<void> {
  // A failed test says what its hosts printed: often why (a refused request, a database not reached).
  const testInfo = test.info();
  if (testInfo.status !== testInfo.expectedStatus) {
    for (const child of running) console.error(`host output before the failure: ${outputs.get(child)?.() ?? ''}`);
  }
  await Promise.all([...running].map((child) => stopChild(child)));
  running.clear();
  for (const stop of alongside.splice(0)) await stop();
}

export async function startHostProcess(options: { port: number; dataDir: string; args?: string[]; env?: Record<string, string> }): Promise<HostProcess> {
  const cli = path.join(root, 'dist', 'host', 'cli.mjs');
  if (!fs.existsSync(cli)) throw new Error('dist/host/cli.mjs is missing: run `npm run build` before the e2e suite.');
  const child: ChildProcess = spawn(process.execPath, [cli, '--no-open', '--port', String(options.port), ...(options.args?.some((a) => a.startsWith('--sandbox-port')) ? [] : ['--sandbox-port', '0']), ...(options.args ?? [])], {
    env: { ...process.env, FRONTDESK_DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const waitForOutput = (pattern: RegExp) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(output);
      if (m) resolve(m);
      return m !== null;
    };
    if (check()) return;
    const onData = () => { if (check()) off(); };
    const onExit = (code: number | null) => { off(); reject(new Error(`host exited with ${code}: ${output}`)); };
    const timer = setTimeout(() => { off(); reject(new Error(`host never printed ${pattern}: ${output}`)); }, 20_000);
    const off = () => { clearTimeout(timer); child.stdout!.off('data', onData); child.stderr!.off('data', onData); child.off('exit', onExit); };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
  const collect = (chunk: Buffer) => { output += chunk.toString(); };
  // Registered first, so every waiter sees the chunk that woke it.
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = (await waitForOutput(/running at (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
  dataDirByOrigin.set(new URL(url).origin, options.dataDir);
  // A host that dies during a test leaves only "connection refused" in the page: say why it died.
  child.once('exit', (code, signal) => {
    if (!stopped.has(child)) console.error(`host ${url} exited by itself (${signal ?? code}); its last output:\n${output.slice(-4000)}`);
  });
  outputs.set(child, () => `${url}\n${output.slice(-6000)}`);
  return {
    url,
    dataDir: options.dataDir,
    waitForOutput,
    stop: () => stopChild(child),
  };
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `frontdesk-e2e-${name}-`));
}

/** Chromium with a persistent profile, no session cookie yet; every request must stay on 127.0.0.1. */
export async function openBrowser(profileDir: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium()!,
    headless: true,
    args: [...QUIET_CHROMIUM_FLAGS, '--no-sandbox', '--disable-gpu'],
    viewport: { width: 1366, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    // RxDB's "Open Core" notice cannot be silenced; it is a warning, not a fault.
    if (msg.type() === 'error' && !/RxDB Open Core/.test(msg.text())) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  context.on('request', (req) => {
    const u = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['data:', 'blob:', 'chrome-extension:'].includes(u.protocol)) {
      problems.push(`request to an outside host: ${req.url()}`);
    }
  });
  return { context, page, problems };
}

/**
 * A browser signed in to the host started at `url` (startHostProcess), on its page. `clock`:
 * the page's clock stands at that instant (ms) instead of the real time (Playwright's clock).
 */
export async function openDesk(profileDir: string, url: string, options: { clock?: number } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const desk = await openBrowser(profileDir);
  if (options.clock !== undefined) await desk.context.clock.setFixedTime(options.clock);
  const origin = new URL(url).origin;
  const dataDir = dataDirByOrigin.get(origin);
  if (!dataDir) throw new Error(`No host was started at ${origin} by startHostProcess: openDesk signs in with its data folder's key.`);
  const session = hostSessionForTools(dataDir, Number(new URL(url).port));
  await desk.context.addCookies([{ name: session.name, value: session.value, url: origin, httpOnly: true, sameSite: 'Strict' }]);
  await desk.page.goto(url);
  return desk;
}

/** Runs axe on the page as it is now and fails on any violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
}
