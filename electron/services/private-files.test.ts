import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePrivateFolder, tightenPrivateFile, tightenPrivateFolder, writePrivateFile } from './private-files.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-private-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The permission bits, as `ls -l` would show them. */
const modeOf = (p: string) => fs.lstatSync(p).mode & 0o777;

/** Runs with the most permissive umask, so nothing passes by the umask's grace. */
function withOpenUmask<T>(run: () => T): T {
  const previous = process.umask(0);
  try {
    return run();
  } finally {
    process.umask(previous);
  }
}

// Other owners can be made only by root; the refusal is also driven with a real second user in electron/host/other-user.test.ts.
const asRoot = process.getuid?.() === 0;

describe('private files', () => {
  it('writes 0600 in a 0700 folder whatever the umask, over an older 0644 file, leaving no temp file', () => {
    const dir = path.join(tmp(), 'new', 'folder');
    const file = path.join(dir, 'secrets.json');
    withOpenUmask(() => writePrivateFile(file, 'one'));
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    fs.chmodSync(file, 0o644);
    withOpenUmask(() => writePrivateFile(file, 'two'));
    expect(modeOf(file)).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('narrows an existing folder and its files, and lets a missing file or folder be', () => {
    const dir = tmp();
    const outbox = path.join(dir, 'outbox');
    fs.mkdirSync(outbox, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(outbox, 0o777);
    fs.writeFileSync(path.join(outbox, 'a.eml'), 'x', { mode: 0o644 });
    fs.writeFileSync(path.join(outbox, '.b.json.tmp'), 'x', { mode: 0o666 });
    ensurePrivateFolder(dir);
    tightenPrivateFolder(outbox);
    expect([modeOf(dir), modeOf(outbox), modeOf(path.join(outbox, 'a.eml')), modeOf(path.join(outbox, '.b.json.tmp'))]).toEqual([0o700, 0o700, 0o600, 0o600]);
    expect(() => tightenPrivateFile(path.join(dir, 'missing.json'))).not.toThrow();
    expect(() => tightenPrivateFolder(path.join(dir, 'missing'))).not.toThrow();
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('refuses a link where a private file or folder should be, and changes nothing through it', () => {
    const dir = tmp();
    const elsewhere = path.join(tmp(), 'elsewhere.txt');
    fs.writeFileSync(elsewhere, 'x', { mode: 0o644 });
    fs.chmodSync(elsewhere, 0o644);
    fs.symlinkSync(elsewhere, path.join(dir, 'secrets.json'));
    fs.symlinkSync(path.dirname(elsewhere), path.join(dir, 'outbox'));
    expect(() => tightenPrivateFile(path.join(dir, 'secrets.json'))).toThrow(/secrets\.json is not a plain file/);
    expect(() => tightenPrivateFolder(path.join(dir, 'outbox'))).toThrow(/outbox is not a folder/);
    expect(modeOf(elsewhere)).toBe(0o644);
    // The data folder itself may be a link (a user's own choice); it is the target that is narrowed.
    const linked = path.join(tmp(), 'data-link');
    fs.symlinkSync(dir, linked);
    fs.chmodSync(dir, 0o755);
    ensurePrivateFolder(linked, { followLink: true });
    expect(modeOf(dir)).toBe(0o700);
  });

  it.skipIf(!asRoot)('refuses a folder or file another user owns (needs root to make one)', () => {
    const dir = tmp();
    const theirs = path.join(dir, 'theirs');
    fs.mkdirSync(theirs, { mode: 0o777 });
    fs.chownSync(theirs, 65534, 65534);
    expect(() => ensurePrivateFolder(theirs)).toThrow(/theirs belongs to another user \(uid 65534\).*Choose another data folder/);
    expect(modeOf(theirs)).toBe(0o777 & ~process.umask());
    const file = path.join(dir, 'desk-sync.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    fs.chownSync(file, 65534, 65534);
    expect(() => tightenPrivateFile(file)).toThrow(/belongs to another user/);
  });
});
