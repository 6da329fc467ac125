import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_ID_FILE, readOrCreateDeskId } from './desk-identity.js';
import { writeSyncConfig } from './sync/desk-sync-config.js';

const dirs: string[] = [];
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-id-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

describe('the desk id', () => {
  it('is made once and read back the same, in an owner-only file', () => {
    const dir = tempDir();
    const first = readOrCreateDeskId(dir, () => 'desk-one');
    expect(first).toBe('desk-one');
    expect(readOrCreateDeskId(dir, () => 'desk-two')).toBe('desk-one');
    expect(fs.statSync(path.join(dir, DESK_ID_FILE)).mode & 0o777).toBe(0o600);
  });

  it('is the device id of a desk enrolled before desks had ids', () => {
    const dir = tempDir();
    writeSyncConfig(dir, { serverUrl: 'http://127.0.0.1:1', clinicId: 'c1', deviceId: 'dev-legacy', deviceToken: 't', embedded: false });
    expect(readOrCreateDeskId(dir, () => 'fresh')).toBe('dev-legacy');
  });

  it('refuses a damaged file rather than becoming another desk', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, DESK_ID_FILE), 'not an id!\n');
    expect(() => readOrCreateDeskId(dir)).toThrow(/does not hold a desk id/);
  });
});
