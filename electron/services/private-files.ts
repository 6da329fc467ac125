/**
 * Files and folders that only the desk's own OS user may read: folders 0700, files 0600,
 * whoever created them and whatever the umask (docs/design.md invariant 6; decision 0019).
 * A folder or file that another user owns is refused: that user could widen its mode again
 * whatever we set, so the desk will not keep anything in it. A symbolic link inside the data
 * folder is refused too, so a chmod never lands on a file elsewhere.
 *
 * Node-only; imported by electron/services (secrets, sync config, outbox, payments) and
 * electron/host (the session key). The one place those write a private file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Who we are; null where the platform has no POSIX owners (Windows: the profile folder is per user). */
const ourUid = (): number | null => process.getuid?.() ?? null;

function refuseForeign(target: string, stat: fs.Stats, what: string): void {
  const uid = ourUid();
  if (uid !== null && stat.uid !== uid) {
    throw new Error(`${what} ${target} belongs to another user (uid ${stat.uid}): the desk keeps its files private, so it will not use it. Choose another data folder (FRONTDESK_DATA_DIR) or give it to this user.`);
  }
}

function narrow(target: string, stat: fs.Stats, mode: number): void {
  if ((stat.mode & 0o777) !== mode) fs.chmodSync(target, mode);
}

/**
 * Creates the folder (and its missing parents) 0700, or narrows an existing one to 0700.
 * `followLink` is for the data folder itself, which a user may well have linked elsewhere;
 * folders inside it must be real folders.
 */
export function ensurePrivateFolder(dir: string, options: { followLink?: boolean } = {}): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const stat = options.followLink ? fs.statSync(dir) : fs.lstatSync(dir);
  if (!stat.isDirectory()) throw new Error(`${dir} is not a folder (a link or a file): the desk keeps its private files in a real folder. Remove it and start again.`);
  refuseForeign(dir, stat, 'The folder');
  narrow(dir, stat, PRIVATE_FOLDER_MODE);
}

/** Narrows an existing file to 0600; nothing happens when there is none. */
export function tightenPrivateFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!stat.isFile()) throw new Error(`${file} is not a plain file (a link or a folder): the desk keeps its private files as plain files. Remove it and start again.`);
  refuseForeign(file, stat, 'The file');
  narrow(file, stat, PRIVATE_FILE_MODE);
}

/** Narrows a folder inside the data folder and every file directly in it, when it exists. */
export function tightenPrivateFolder(dir: string): void {
  if (!fs.existsSync(dir)) return;
  ensurePrivateFolder(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) tightenPrivateFile(path.join(dir, entry.name));
  }
}

/**
 * Writes a file 0600 in a private folder, atomically: a temp file (dot-prefixed, so folder
 * listings skip it; random, so two writers never share one) renamed over the target, so a
 * reader never sees half a file and the target is never 0644 for a moment.
 */
export function writePrivateFile(file: string, data: string | Buffer): void {
  const dir = path.dirname(file);
  ensurePrivateFolder(dir, { followLink: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // Created 0600: a umask only ever takes bits away.
    fs.writeFileSync(tmp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
