/**
 * The outbox folder on disk: one file per message, named after the message key, written
 * atomically. Shared by the email and SMS outbox transports (writing) and outbox.ts
 * (reading). Node-only (main process and browser host); imported by this folder only.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

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
 * provider's idempotency key would keep the first message. Temp file + rename, so the
 * outbox screen never reads half a message.
 */
export async function writeOutboxFile(dir: string, key: string, ext: OutboxExtension, data: Buffer | string): Promise<'written' | 'exists'> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, outboxFileName(key, ext));
  if (await exists(file)) return 'exists';
  // Dot-prefixed so listOutbox skips it; random so two concurrent writers never share one.
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
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
