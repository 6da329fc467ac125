/**
 * Opens the desk's database on Dexie (IndexedDB in the Chromium profile, so it
 * survives restarts). RxDB's dev-mode and schema validation load only in
 * development builds: dev-mode fetches from outside hosts and AJV needs eval,
 * which the production CSP forbids.
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { RxStorage } from 'rxdb';
import { createClinicDatabase, type ClinicDatabase } from '../../shared/db/database.js';

export async function openDeskDatabase(): Promise<ClinicDatabase> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let storage: RxStorage<any, any> = getRxStorageDexie();
  if (import.meta.env.DEV) {
    const [{ addRxPlugin }, { RxDBDevModePlugin, disableWarnings }, { wrappedValidateAjvStorage }] = await Promise.all([
      import('rxdb'), import('rxdb/plugins/dev-mode'), import('rxdb/plugins/validate-ajv'),
    ]);
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    storage = wrappedValidateAjvStorage({ storage });
  }
  // One window per desk (see single-window.ts), so no cross-tab broadcast of every
  // change: that broadcast alone made a first sync of 65,000 documents markedly slower.
  return createClinicDatabase({ storage, multiInstance: false });
}
