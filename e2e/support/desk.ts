/**
 * Starts the built app in browser host mode (dist/host/cli.mjs, as `npm start`
 * does) with its own data folder and port, and opens it in Chromium with a
 * persistent profile, so a test can close the browser and come back to the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { findChromium, QUIET_CHROMIUM_FLAGS } from '../../electron/host/find-chromium.js';

const root = path.resolve(import.meta.dirname, '../..');
export const ARTIFACTS = path.join(root, 'e2e-artifacts', 'screenshots');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface HostProcess {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

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

/** Stops every host a test started, even when the test failed half-way (call in afterEach), then what ran alongside. */
export async function stopAllHosts(): Promise<void> {
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
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000);
  });
  // A host that dies during a test leaves only "connection refused" in the page: say why it died.
  child.once('exit', (code, signal) => {
    if (!stopped.has(child)) console.error(`host ${url} exited by itself (${signal ?? code}); its last output:\n${output.slice(-4000)}`);
  });
  return {
    url,
    dataDir: options.dataDir,
    stop: () => stopChild(child),
  };
}

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `frontdesk-e2e-${name}-`));
}

/** Chromium with a persistent profile; every request must stay on 127.0.0.1. */
export async function openDesk(profileDir: string, url: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
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
  await page.goto(url);
  return { context, page, problems };
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
