/**
 * One desk for the fault suite: its own RxDB database (memory storage) with the real
 * replication client, and the real data-layer commands. The suite imports this module
 * afresh for every desk (vi.resetModules), so each desk has its own RxDB, as separate
 * processes would (RxDB limits open collections per JS context).
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from '../../shared/db/database.js';
import { createBooking } from '../../shared/db/booking-commands.js';
import { createClient } from '../../shared/db/client-commands.js';
import { completeInvoice } from '../../shared/db/invoice-commands.js';
import { startDeskReplication, type DeskReplication } from '../../renderer/data/sync/desk-replication.js';

export interface DeskOptions {
  name: string;
  serverUrl: string;
  deviceToken: string;
  clinicId: string;
  staffId: string;
  fetchImpl: typeof fetch;
}

export interface Desk {
  readonly name: string;
  readonly db: ClinicDatabase;
  replication: DeskReplication | null;
  startSync(): void;
  stopSync(): Promise<void>;
  close(): Promise<void>;
  readonly commands: {
    createBooking: typeof createBooking;
    createClient: typeof createClient;
    completeInvoice: typeof completeInvoice;
  };
}

export async function openDesk(options: DeskOptions): Promise<Desk> {
  const db = await createClinicDatabase({ storage: getRxStorageMemory(), name: options.name });
  const desk: Desk = {
    name: options.name,
    db,
    replication: null,
    startSync() {
      desk.replication ??= startDeskReplication(db, {
        serverUrl: options.serverUrl,
        deviceToken: options.deviceToken,
        clinicId: options.clinicId,
        actingStaff: () => options.staffId,
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
    commands: { createBooking, createClient, completeInvoice },
  };
  return desk;
}
