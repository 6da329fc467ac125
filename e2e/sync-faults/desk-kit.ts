/**
 * One desk for the fault suite: its own RxDB database with the real replication client, and
 * the real data-layer commands. Storage: Dexie, as on a desk, over fake-indexeddb (each desk
 * its own IndexedDB), so the first pull's direct page writes (first-sync.ts) are under test;
 * SYNC_FAULT_STORAGE=memory runs RxDB's memory storage instead (RxDB's own downstream only). The suite imports this module
 * afresh for every desk (vi.resetModules), so each desk has its own RxDB, as separate
 * processes would (RxDB limits open collections per JS context).
 *
 * A desk's id (docs/design.md invariant 11) is what its changes record (`deskId`, a payment's
 * `recordedOn`) and what it enrolled with: the server refuses a new change naming any other
 * desk (`wrong_desk`). So enrol with the id the desk's documents will name
 * (createClinicWithDesks' `deskIds`) and open the desk with that enrolment's `deskId`; the
 * workload stamps its changes with `desk.deskId`.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from '../../shared/db/database.js';
import { createBooking } from '../../shared/db/booking-commands.js';
import { createClient } from '../../shared/db/client-commands.js';
import { completeInvoice } from '../../shared/db/invoice-commands.js';
import { takePayment } from '../../shared/db/payment-commands.js';
import { recoverOperations } from '../../shared/db/operations.js';
import { OPERATION_REPLAYS } from '../../shared/db/operation-replays.js';
import { startDeskReplication, type DeskReplication } from '../../renderer/data/sync/desk-replication.js';

export interface DeskOptions {
  /** Its database's name. */
  name: string;
  /** The desk id it enrolled with (EnrolledDesk.deskId): every change it makes records it. */
  deskId: string;
  serverUrl: string;
  deviceToken: string;
  clinicId: string;
  staffId: string;
  /** Who is signed in on this desk now (null: nobody), when staff switch during a run (default: staffId throughout). */
  signedIn?: () => string | null;
  fetchImpl: typeof fetch;
}

export interface Desk {
  readonly name: string;
  /** The desk id its changes record, as enrolled. */
  readonly deskId: string;
  readonly db: ClinicDatabase;
  replication: DeskReplication | null;
  startSync(): void;
  stopSync(): Promise<void>;
  close(): Promise<void>;
  readonly commands: {
    createBooking: typeof createBooking;
    createClient: typeof createClient;
    completeInvoice: typeof completeInvoice;
    takePayment: typeof takePayment;
    /** Finishes what a failed command left after its commit (shared/db/operations.ts). */
    recover(now: string): Promise<unknown>;
  };
}

export async function openDesk(options: DeskOptions): Promise<Desk> {
  const storage = process.env.SYNC_FAULT_STORAGE === 'memory'
    ? getRxStorageMemory()
    : getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange }) as RxStorage<unknown, unknown>;
  const db = await createClinicDatabase({ storage, name: options.name });
  const desk: Desk = {
    name: options.name,
    deskId: options.deskId,
    db,
    replication: null,
    startSync() {
      desk.replication ??= startDeskReplication(db, {
        serverUrl: options.serverUrl,
        deviceToken: options.deviceToken,
        clinicId: options.clinicId,
        actingStaff: options.signedIn ?? (() => options.staffId),
        fetchImpl: options.fetchImpl,
        retryTimeMs: 300,
      });
    },
    async stopSync() {
      const r = desk.replication;
      desk.replication = null;
      await r?.stop();
    },
    async close() {
      await desk.stopSync();
      await db.close();
    },
    commands: { createBooking, createClient, completeInvoice, takePayment, recover: (now) => recoverOperations(db, OPERATION_REPLAYS, now) },
  };
  return desk;
}
