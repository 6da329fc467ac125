/**
 * Makes the desk's data folder private at every start (decision 0019): the folder 0700 and
 * the files that hold credentials or clients' details — the secrets, the sync link (its
 * device token), the outbox's messages — 0600, even when they were made earlier with wider
 * modes, by another umask or by hand. New ones are written private (private-files.ts).
 * Node-only; called by main-services before anything reads or writes the folder.
 */
import path from 'node:path';
import { OUTBOX_FOLDER } from './messaging/outbox-files.js';
import { ensurePrivateFolder, tightenPrivateFile, tightenPrivateFolder } from './private-files.js';
import { SECRET_FILES } from './secrets/secret-store.js';
import { SYNC_CONFIG_FILE } from './sync/desk-sync-config.js';

export function secureDataFolder(dataDir: string): void {
  ensurePrivateFolder(dataDir, { followLink: true });
  for (const name of [SECRET_FILES.encrypted, SECRET_FILES.file, SYNC_CONFIG_FILE]) tightenPrivateFile(path.join(dataDir, name));
  tightenPrivateFolder(path.join(dataDir, OUTBOX_FOLDER));
}
