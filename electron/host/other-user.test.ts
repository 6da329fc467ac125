/**
 * Another OS user on the same machine (decision 0019), for real: a throwaway user is made
 * with useradd and every probe runs as that user with runuser, against a real host whose
 * data folder was left 0755/0644 before it started, in a parent folder they may enter.
 * Needs root, useradd, userdel and runuser; skipped otherwise (the describe's name says so).
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from './host-server.js';
import { SESSION_KEY_FILE } from './session-key.js';
import { startTestHost, tempFolder, widelyReadableDataFolder } from './test-support/host-fixture.js';

const onPath = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const possible = process.getuid?.() === 0 && ['useradd', 'userdel', 'runuser'].every(onPath);
const user = `fdprobe${process.pid}`;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs a command as the throwaway user; never blocks, since the host it may knock at runs in this process. */
function asOtherUser(command: string, ...args: string[]): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile('runuser', ['-u', user, '--', command, ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number(err.code ?? 1) || 1 : 0, out: `${stdout}${stderr}` });
    });
  });
}

/** A parent folder the other user may enter and read, as a home folder often is. */
function sharedParent(): string {
  const dir = tempFolder(cleanups, 'shared');
  fs.chmodSync(dir, 0o755);
  return dir;
}

// Raw HTTP from the other user's own process: the right Origin, no cookie (it cannot read the key).
const KNOCK = `
const http = require('node:http');
const port = Number(process.argv[1]);
const ask = (headers) => new Promise((resolve) => {
  const req = http.request({ host: '127.0.0.1', port, path: '/link', agent: false, headers: { origin: 'http://127.0.0.1:' + port, ...headers } });
  req.on('upgrade', (res, socket) => { socket.destroy(); resolve(101); });
  req.on('response', (res) => { res.resume(); resolve(res.statusCode); });
  req.on('error', (err) => resolve(String(err.code)));
  req.end();
});
Promise.all([ask({}), ask({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' })])
  .then((statuses) => console.log(JSON.stringify(statuses)));
`;

describe.skipIf(!possible)('another OS user of the machine (needs root with useradd, userdel and runuser; skipped otherwise)', () => {
  beforeAll(() => {
    const made = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', user], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`useradd ${user} failed: ${made.stderr}`);
  });
  afterAll(() => {
    spawnSync('userdel', [user]);
  });

  it("cannot read the desk's key, secrets, sync link or outbox, even when they were left 0644 before start", async () => {
    const parent = sharedParent();
    const dataDir = path.join(parent, 'desk');
    const files = widelyReadableDataFolder(dataDir);
    // The probe can read what is readable: without this, a broken runuser would pass the test.
    fs.writeFileSync(path.join(parent, 'control.txt'), 'readable', { mode: 0o644 });
    expect(await asOtherUser('cat', path.join(parent, 'control.txt'))).toEqual({ status: 0, out: 'readable' });
    expect((await asOtherUser('cat', path.join(dataDir, SESSION_KEY_FILE))).status).toBe(0);

    await startTestHost(startHost, cleanups, { dataDir });
    for (const f of files) {
      const read = await asOtherUser('cat', path.join(dataDir, f));
      expect(read.status, f).not.toBe(0);
      expect(read.out, f).toMatch(/Permission denied/);
    }
    expect((await asOtherUser('ls', dataDir)).out).toMatch(/Permission denied/);
  });

  it('cannot get in through the host: no page and no WebSocket without the cookie', async () => {
    const t = await startTestHost(startHost, cleanups, { dataDir: path.join(sharedParent(), 'desk') });
    const knock = await asOtherUser(process.execPath, '-e', KNOCK, String(t.port));
    expect(knock.out.trim()).toBe('[403,403]');
  });

  it("refuses to keep the desk in a folder the other user made for it", async () => {
    const dataDir = path.join(sharedParent(), 'their-desk');
    fs.mkdirSync(dataDir, { mode: 0o777 });
    const own = spawnSync('chown', [`${user}:`, dataDir]);
    expect(own.status).toBe(0);
    await expect(startTestHost(startHost, cleanups, { dataDir })).rejects.toThrow(/belongs to another user/);
    expect(fs.existsSync(path.join(dataDir, SESSION_KEY_FILE))).toBe(false);
  });
});
