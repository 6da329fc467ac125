import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSyncConfig, SYNC_CONFIG_FILE, writeSyncConfig } from './desk-sync-config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const config = { serverUrl: 'http://127.0.0.1:4318/', clinicId: 'clinic-1', deviceId: 'device-1', deviceToken: 'dt_secret', embedded: false };

describe("the desk's sync link file", () => {
  it('holds the device token readable by the desk\'s user only, whatever the umask (decision 0019)', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-sync-config-')), 'desk');
    dirs.push(path.dirname(dataDir));
    const previous = process.umask(0);
    try {
      writeSyncConfig(dataDir, config);
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(path.join(dataDir, SYNC_CONFIG_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readSyncConfig(dataDir)).toEqual(config);
    writeSyncConfig(dataDir, null);
    expect(readSyncConfig(dataDir)).toBeNull();
  });
});
