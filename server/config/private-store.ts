/**
 * Opens the server's store with its data folder owner-only around it: private before PGlite
 * writes a file, again once it has written its own (0666), then swept while the server runs
 * (private-folder.ts). Imported by server/embedded.ts and server/standalone.ts.
 */
import { openStore, type StoreLocation } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { keepPrivate, makePrivate, type Repeat } from './private-folder.js';

export interface PrivateStore {
  readonly store: Store;
  /** Ends the sweep; call before closing the store. */
  readonly stopSweeping: () => void;
}

export async function openPrivateStore(dataDir: string, location: StoreLocation, onSweepError: (err: unknown) => void, repeat?: Repeat): Promise<PrivateStore> {
  await makePrivate(dataDir);
  const store = await openStore(location);
  if (!('pgliteDir' in location)) return { store, stopSweeping: () => {} };
  try {
    await makePrivate(dataDir);
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return { store, stopSweeping: keepPrivate(dataDir, onSweepError, repeat) };
}
