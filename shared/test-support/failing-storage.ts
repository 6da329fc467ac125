/**
 * RxDB's memory storage with one write made to fail on purpose: every bulkWrite of the
 * clinic's collections and local documents is counted once armed, and the one numbered
 * `failAt` throws, as a full disk or a closed IndexedDB would. For the tests that break each
 * write of a multi-document command in turn (docs/decisions/0025-operations.md). Tests only.
 */
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';

export interface WriteFault {
  /** Count writes from now on, and fail the one numbered `failAt` (0 = the first). */
  arm(failAt: number): void;
  disarm(): void;
  /** Writes counted since arming. */
  readonly writes: number;
  /** Whether the armed failure has happened. */
  readonly failed: boolean;
}

export const INJECTED_FAILURE = 'injected storage failure';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function failingStorage(): { storage: RxStorage<any, any>; fault: WriteFault } {
  const base = getRxStorageMemory();
  let armed = false;
  let failAt = -1;
  let writes = 0;
  let failed = false;
  const fault: WriteFault = {
    arm(n) { armed = true; failAt = n; writes = 0; failed = false; },
    disarm() { armed = false; },
    get writes() { return writes; },
    get failed() { return failed; },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const storage: RxStorage<any, any> = {
    name: base.name,
    rxdbVersion: base.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await base.createStorageInstance(params);
      // RxDB's own bookkeeping (the database's internal store) is not part of a command.
      if (params.collectionName.startsWith('_rxdb_internal')) return instance;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        if (armed) {
          const n = writes++;
          if (n === failAt) {
            failed = true;
            return Promise.reject(new Error(INJECTED_FAILURE));
          }
        }
        return write(rows, context);
      };
      return instance;
    },
  };
  return { storage, fault };
}
