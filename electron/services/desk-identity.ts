/**
 * This desk's own id, recorded with every change it makes (docs/design.md invariant 11) and
 * told to the sync server when the desk enrols, so the server can check that a new change
 * comes from the desk that pushes it. Made once and kept in the data folder; a desk enrolled
 * before desks had ids takes its device id, which the server already knows it by
 * (docs/decisions/0017-recorded-actor-and-desk.md). Node-only; imported by main-services.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../../shared/domain/ids.js';
import { readSyncConfig } from './sync/desk-sync-config.js';
import { ensurePrivateFolder, writePrivateFile } from './private-files.js';

export const DESK_ID_FILE = 'desk-id';
const DESK_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function readOrCreateDeskId(dataDir: string, makeId: () => string = newId): string {
  const file = path.join(dataDir, DESK_ID_FILE);
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (DESK_ID.test(stored)) return stored;
    throw new Error(`${file} does not hold a desk id. Restore it from a backup, or remove it only if this desk has never synced.`);
  }
  const id = readSyncConfig(dataDir)?.deviceId ?? makeId();
  ensurePrivateFolder(dataDir);
  writePrivateFile(file, `${id}\n`);
  return id;
}
