/** The data folder made owner-only, whoever created it and whatever is in it. */
import { chmod, lstat, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modesUnder, notPrivate } from '../test-support/file-modes.js';
import { keepPrivate, makePrivate, SWEEP_EVERY_MS } from './private-folder.js';

describe('makePrivate', () => {
  const dirs: string[] = [];
  afterAll(async () => { await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))); });
  const tmp = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'frontdesk-private-'));
    dirs.push(dir);
    return dir;
  };

  /** A folder as another tool or a careless copy leaves it: 0755 folders, 0666 files, a link out. */
  async function openFolder(root: string, outsideFile: string): Promise<string> {
    const dataDir = path.join(root, 'server');
    await mkdir(path.join(dataDir, 'pglite', 'base'), { recursive: true });
    for (const file of ['admin-secret', 'pglite/PG_VERSION', 'pglite/base/1234']) {
      await writeFile(path.join(dataDir, file), 'x');
      await chmod(path.join(dataDir, file), 0o666);
    }
    for (const folder of ['', 'pglite', 'pglite/base']) await chmod(path.join(dataDir, folder), 0o755);
    await symlink(outsideFile, path.join(dataDir, 'link-out'));
    return dataDir;
  }

  it('makes a pre-created 0755 folder and its 0666 files 0700 and 0600, and leaves what a link points at alone', async () => {
    const root = await tmp();
    const outside = path.join(root, 'outside.txt');
    await writeFile(outside, 'not ours');
    await chmod(outside, 0o644);
    const dataDir = await openFolder(root, outside);
    expect((await notPrivate(dataDir)).length).toBe(6);
    await makePrivate(dataDir);
    expect(await notPrivate(dataDir)).toEqual([]);
    expect((await modesUnder(dataDir)).map((e) => e.path).sort()).toEqual(['.', 'admin-secret', 'link-out', 'pglite', 'pglite/PG_VERSION', 'pglite/base', 'pglite/base/1234']);
    expect((await lstat(outside)).mode & 0o777).toBe(0o644);
  });

  it('creates a missing folder (and its parents) owner-only', async () => {
    const dataDir = path.join(await tmp(), 'a', 'b');
    await makePrivate(dataDir);
    expect((await lstat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await lstat(path.dirname(dataDir))).mode & 0o777).toBe(0o700);
  });

  it('follows the data folder itself when it is a link to where the clinic keeps it', async () => {
    const root = await tmp();
    const real = path.join(root, 'real');
    await mkdir(real, { mode: 0o755 });
    await chmod(real, 0o755);
    await writeFile(path.join(real, 'admin-secret'), 'x', { mode: 0o644 });
    await symlink(real, path.join(root, 'server'));
    await makePrivate(path.join(root, 'server'));
    expect(await notPrivate(real)).toEqual([]);
  });

  it('sweeps again on every repeat until stopped, for files written later', async () => {
    const dataDir = path.join(await tmp(), 'server');
    await makePrivate(dataDir);
    let run: (() => Promise<void>) | null = null;
    let every = 0;
    let stopped = false;
    const stop = keepPrivate(dataDir, (err) => { throw err; }, (r, ms) => { run = r; every = ms; return () => { stopped = true; }; });
    expect(every).toBe(SWEEP_EVERY_MS);
    const later = path.join(dataDir, 'written-later');
    await writeFile(later, 'x', { mode: 0o666 });
    await chmod(later, 0o666);
    await run!();
    expect(await notPrivate(dataDir)).toEqual([]);
    stop();
    expect(stopped).toBe(true);
  });
});
