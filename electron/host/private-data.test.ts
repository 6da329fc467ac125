/**
 * The browser host makes its data folder private at start (decision 0019): a folder and
 * files someone made 0755/0644 earlier — by hand, by another umask, by an older version —
 * are 0700/0600 once the real host is up, and what it writes itself is private too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost } from './host-server.js';
import { SESSION_KEY_FILE } from './session-key.js';
import { startTestHost, tempFolder, widelyReadableDataFolder } from './test-support/host-fixture.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const modeOf = (p: string) => fs.statSync(p).mode & 0o777;

describe("the browser host's data folder", () => {
  it('is 0700 with its secrets, sync link, outbox and session key 0600 after start, even when made 0755/0644 before', async () => {
    const dataDir = tempFolder(cleanups, 'wide');
    const files = widelyReadableDataFolder(dataDir);
    await startTestHost(startHost, cleanups, { dataDir });
    expect({ folder: modeOf(dataDir), outbox: modeOf(path.join(dataDir, 'outbox')) }).toEqual({ folder: 0o700, outbox: 0o700 });
    expect(Object.fromEntries(files.map((f) => [f, modeOf(path.join(dataDir, f))]))).toEqual(Object.fromEntries(files.map((f) => [f, 0o600])));
  });

  it('is made 0700 with a 0600 key when the host creates it, whatever the umask', async () => {
    const dataDir = path.join(tempFolder(cleanups, 'fresh'), 'desk');
    const previous = process.umask(0);
    try {
      await startTestHost(startHost, cleanups, { dataDir });
    } finally {
      process.umask(previous);
    }
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, SESSION_KEY_FILE))).toBe(0o600);
  });
});
