import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateAdminSecret } from './admin-secret.js';
import { defaultUserDataDir, resolveServerDataDir } from './paths.js';

describe('resolveServerDataDir', () => {
  it('uses FRONTDESK_SERVER_DATA_DIR, else "server" in the user-data folder', () => {
    expect(resolveServerDataDir({ FRONTDESK_SERVER_DATA_DIR: '/srv/frontdesk' })).toBe('/srv/frontdesk');
    expect(resolveServerDataDir({ XDG_CONFIG_HOME: '/home/k/.config' })).toBe(path.join(defaultUserDataDir({ XDG_CONFIG_HOME: '/home/k/.config' }), 'server'));
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/home/k/.config' }, 'linux')).toBe('/home/k/.config/Clinic Front Desk');
    expect(defaultUserDataDir({}, 'darwin', '/Users/k')).toBe('/Users/k/Library/Application Support/Clinic Front Desk');
    expect(defaultUserDataDir({ APPDATA: 'C:\\Users\\k\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\k\\AppData\\Roaming\\Clinic Front Desk');
  });
});

describe('loadOrCreateAdminSecret', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });

  it('creates the secret once (mode 0600) and reads it afterwards', async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'frontdesk-secret-')), 'nested');
    dirs.push(path.dirname(dir));
    const first = await loadOrCreateAdminSecret(dir);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(first.file)).mode & 0o777).toBe(0o600);
    expect((await readFile(first.file, 'utf8')).trim()).toBe(first.secret);
    const again = await loadOrCreateAdminSecret(dir);
    expect(again).toEqual({ ...first, created: false });
  });
});
