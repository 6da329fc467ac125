/**
 * Lends the renderer's database to the main process: RxDB remote storage exposed on
 * the bridge, so main runs the same collections, queries and change streams. Main
 * reconnects whenever the page announces itself (after a reload or a host restart).
 */
import { Subject } from 'rxjs';
import { exposeRxStorageRemote, type MessageToRemote } from 'rxdb/plugins/storage-remote';
import type { RxDatabase } from 'rxdb';
import type { BridgeApi } from '../../shared/contract/index.js';
import type { ClinicDatabase } from '../../shared/db/database.js';

export function exposeDatabaseToMain(database: ClinicDatabase, bridge: BridgeApi): () => void {
  const calls = new Subject<MessageToRemote>();
  const stop = bridge.storage.onCall((msg) => calls.next(msg));
  exposeRxStorageRemote({
    // RxDB's parameter is the untyped RxDatabase; ours carries its collection types.
    database: database as unknown as RxDatabase,
    messages$: calls.asObservable(),
    send: (msg) => bridge.storage.send(msg),
  });
  bridge.storage.ready();
  return () => {
    stop();
    calls.complete();
  };
}
