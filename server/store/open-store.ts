/**
 * Opens the server's store and brings its schema up to date: PostgreSQL when a
 * connection string is given (DATABASE_URL), PGlite in a data folder otherwise.
 * Imported by server/main.ts, server/embedded.ts and tests.
 */
import { mkdir } from 'node:fs/promises';
import { migrate } from './migrations.js';
import { openPgStore } from './pg-store.js';
import { openPGliteStore } from './pglite-store.js';
import type { Store } from './store.js';

export type StoreLocation = { databaseUrl: string } | { pgliteDir: string } | { memory: true };

export async function openStore(location: StoreLocation): Promise<Store> {
  let store: Store;
  if ('databaseUrl' in location) {
    store = openPgStore(location.databaseUrl);
  } else if ('pgliteDir' in location) {
    // Owner-only from the start (config/private-folder.ts makes what PGlite writes in it so too).
    await mkdir(location.pgliteDir, { recursive: true, mode: 0o700 });
    store = await openPGliteStore(location.pgliteDir);
  } else {
    store = await openPGliteStore();
  }
  try {
    await migrate(store);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
