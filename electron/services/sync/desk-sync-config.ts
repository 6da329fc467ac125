/**
 * This desk's link to the clinic's sync server, kept in main's data folder (the
 * device token is a credential: the file is readable by the user only, private-files.ts).
 * Node-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from '../private-files.js';
import type { DeskSyncConfig } from '../../../shared/contract/index.js';

export const SYNC_CONFIG_FILE = 'desk-sync.json';

export function readSyncConfig(dataDir: string): DeskSyncConfig | null {
  const file = path.join(dataDir, SYNC_CONFIG_FILE);
  if (!fs.existsSync(file)) return null;
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DeskSyncConfig>;
  if (typeof value.serverUrl !== 'string' || typeof value.clinicId !== 'string' || typeof value.deviceId !== 'string' || typeof value.deviceToken !== 'string') {
    throw new Error(`${file} is damaged; remove it and enrol this desk again.`);
  }
  return { serverUrl: value.serverUrl, clinicId: value.clinicId, deviceId: value.deviceId, deviceToken: value.deviceToken, embedded: value.embedded === true };
}

export function writeSyncConfig(dataDir: string, config: DeskSyncConfig | null): void {
  const file = path.join(dataDir, SYNC_CONFIG_FILE);
  if (config === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  writePrivateFile(file, JSON.stringify(config, null, 2));
}
