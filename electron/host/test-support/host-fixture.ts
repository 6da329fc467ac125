/**
 * A real browser host for tests: its own renderer folder (an app shell and one asset), its
 * own data folder unless the test brings one, any free port unless it names one, and a clock
 * the test moves. Takes startHost as a parameter, so a test that loads the host's modules
 * separately (host-link.test.ts) passes its own copy. Also a data folder left world-readable.
 * For the host's tests only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostOptions, RunningHost, startHost as StartHost } from '../host-server.js';
import { SESSION_KEY_FILE } from '../session-key.js';
import type { HostileTarget } from './hostile-cases.js';

export const APP_SHELL = '<!doctype html><html><head><title>Clinic Front Desk</title></head><body><div id="root"></div></body></html>';

export interface TestHost extends HostileTarget {
  readonly host: RunningHost;
  readonly dataDir: string;
  readonly origin: string;
}

export interface TestHostOptions {
  dataDir?: string;
  port?: number;
  /** Passed on to startHost (an embedded server port, a sandbox port…). */
  extra?: Partial<HostOptions>;
}

/** A folder removed by `cleanups`, run by the test's afterEach. */
export function tempFolder(cleanups: Array<() => unknown>, name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `frontdesk-${name}-`));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startTestHost(startHost: typeof StartHost, cleanups: Array<() => unknown>, options: TestHostOptions = {}): Promise<TestHost> {
  const rendererDir = tempFolder(cleanups, 'renderer');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), APP_SHELL);
  fs.writeFileSync(path.join(rendererDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const dataDir = options.dataDir ?? tempFolder(cleanups, 'data');
  let offset = 0;
  const host = await startHost({
    rendererDir, dataDir, version: 'test', port: options.port ?? 0, demo: null, sandboxPort: 0,
    now: () => new Date(Date.UTC(2026, 10, 21, 9) + offset),
    log: () => undefined,
    ...options.extra,
  });
  let closed = false;
  const close = host.close.bind(host);
  const once = { ...host, close: async () => { if (!closed) { closed = true; await close(); } } };
  cleanups.push(() => once.close());
  const url = new URL(host.url);
  return { host: once, dataDir, origin: url.origin, port: Number(url.port), openingUrl: () => host.openingUrl(), passTime: (ms) => { offset += ms; } };
}

/** A data folder as an older desk, or a careless hand, may have left it: everything readable by all. Returns its files, relative to it. */
export function widelyReadableDataFolder(dataDir: string): string[] {
  const files = ['secrets.json', 'secrets.bin', 'desk-sync.json', SESSION_KEY_FILE, 'outbox/1001-email.eml', 'outbox/1001-sms.json'];
  fs.mkdirSync(path.join(dataDir, 'outbox'), { recursive: true });
  const contents: Record<string, string> = {
    'desk-sync.json': JSON.stringify({ serverUrl: 'http://127.0.0.1:9/', clinicId: 'c', deviceId: 'd', deviceToken: 'device-token-secret', embedded: false }),
    [SESSION_KEY_FILE]: `${Buffer.alloc(32, 7).toString('base64url')}\n`,
  };
  for (const f of files) fs.writeFileSync(path.join(dataDir, f), contents[f] ?? '{}');
  for (const f of files) fs.chmodSync(path.join(dataDir, f), 0o644);
  fs.chmodSync(path.join(dataDir, 'outbox'), 0o755);
  fs.chmodSync(dataDir, 0o755);
  return files;
}
