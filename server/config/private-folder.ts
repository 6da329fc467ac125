/**
 * The server's data folder is readable by the user the server runs as, and nobody else
 * (docs/decisions/0020-server-hardening.md): the folder and every folder in it 0700, every
 * file 0600, whoever created them. PGlite writes most of its files 0666 whatever the umask,
 * so the folder is swept after the store opens and then now and again while the server runs;
 * between sweeps the 0700 folder already keeps other users out. Symbolic links are neither
 * followed nor changed. Imported by server/embedded.ts and server/standalone.ts.
 */
import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
export const SWEEP_EVERY_MS = 60_000;

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

async function setMode(file: string, mode: number, dataDir: string): Promise<void> {
  try {
    // Only the data folder itself may be a link (to where the clinic keeps it): chmod follows
    // it. sweep() never hands a link inside the folder to this function.
    const st = await stat(file);
    if ((st.mode & 0o777) === mode) return;
    await chmod(file, mode);
  } catch (err) {
    if (code(err) === 'ENOENT') return; // PGlite removed it (an old WAL segment): nothing to protect
    if (code(err) === 'EPERM') {
      throw new Error(`${file} in the sync server's data folder ${dataDir} belongs to another user, so it cannot be made private. Give the whole folder to the user the server runs as (for example: chown -R "$USER" "${dataDir}").`, { cause: err });
    }
    throw err;
  }
}

async function sweep(folder: string, dataDir: string): Promise<void> {
  await setMode(folder, FOLDER_MODE, dataDir);
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    if (code(err) === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    // Dirent types come from lstat: a link is neither, so it is neither followed nor changed.
    if (entry.isDirectory()) await sweep(child, dataDir);
    else if (entry.isFile()) await setMode(child, FILE_MODE, dataDir);
  }
}

/** Creates `dataDir` if missing, then makes it and everything in it owner-only. */
export async function makePrivate(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true, mode: FOLDER_MODE });
  await sweep(dataDir, dataDir);
}

/** Runs `run` every `everyMs` until the returned function is called. */
export type Repeat = (run: () => Promise<void>, everyMs: number) => () => void;

export const repeatWithTimer: Repeat = (run, everyMs) => {
  const timer = setInterval(() => void run(), everyMs);
  timer.unref(); // never what keeps the process alive
  return () => clearInterval(timer);
};

/**
 * Sweeps `dataDir` every SWEEP_EVERY_MS, for the files PGlite creates while it runs. A failed
 * sweep is reported and the next one tries again; the server keeps serving. A sweep still
 * running when the next is due is not doubled.
 */
export function keepPrivate(dataDir: string, onError: (err: unknown) => void, repeat: Repeat = repeatWithTimer): () => void {
  let sweeping: Promise<void> | null = null;
  return repeat(() => (sweeping ??= makePrivate(dataDir).catch(onError).finally(() => { sweeping = null; })), SWEEP_EVERY_MS);
}
