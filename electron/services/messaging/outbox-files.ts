/**
 * The outbox folder on disk: one file per message, named after the message key, written
 * atomically and readable by the desk's user only — messages hold names, contacts, amounts
 * and payment links (decision 0019). Shared by the email and SMS outbox transports (writing)
 * and outbox.ts (reading). Node-only (main process and browser host); imported by this
 * folder and by main-services (to narrow the folder at start).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { writePrivateFile } from '../private-files.js';

/** The outbox's folder in the data folder. */
export const OUTBOX_FOLDER = 'outbox';

export type OutboxExtension = 'eml' | 'json';

const SAFE_STEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
// Windows refuses these as file names whatever the extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * The file stem for a message key. A key that is already a safe file name is used as it
 * is, so the folder is readable; any other key keeps its readable part and gains a hash
 * of the whole key, so two keys that sanitise alike never share (and overwrite) a file.
 */
export function keyStem(key: string): string {
  if (SAFE_STEM.test(key) && !WINDOWS_RESERVED.test(key)) return key;
  const readable = key.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[._-]+/, '').slice(0, 60);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return readable ? `${readable}-${hash}` : `key-${hash}`;
}

export function outboxFileName(key: string, ext: OutboxExtension): string {
  return `${keyStem(key)}.${ext}`;
}

/**
 * Writes one message file unless the key already has one: a second send with the same
 * key is the same message (docs/design.md invariant 5), so the first file stands, as a
 * provider's idempotency key would keep the first message. writePrivateFile makes the
 * folder 0700 and writes a dot-prefixed temp file that it renames, so the outbox screen
 * never reads half a message.
 */
export async function writeOutboxFile(dir: string, key: string, ext: OutboxExtension, data: Buffer | string): Promise<'written' | 'exists'> {
  const file = path.join(dir, outboxFileName(key, ext));
  if (await exists(file)) return 'exists';
  writePrivateFile(file, data);
  return 'written';
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
