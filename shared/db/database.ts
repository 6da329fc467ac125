/**
 * The one database factory. It takes the storage, so the same collections run on
 * Dexie in the renderer, on remote storage in the main process, and on memory or
 * fake-indexeddb in tests. May be imported from any runtime.
 */
import { addRxPlugin, createRxDatabase, type MigrationStrategies, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import {
  collectionSchemas,
  type ActivityDoc, type BookingDoc, type ClientDoc, type ClinicSettingsDoc, type InvoiceDoc,
  type MessageDoc, type PaymentDoc, type PaymentRequestDoc, type ServiceDoc, type StaffDoc,
} from '../schemas/index.js';
import { migrationStrategies } from '../schemas/migrations.js';
import { conflictHandlerFor } from '../sync/conflicts.js';

// Stored documents of an older schema version are migrated when the collection opens
// (docs/decisions/0014-schema-versions.md).
addRxPlugin(RxDBMigrationSchemaPlugin);
// The desk's own notes that never sync (the Needs-attention list: shared/db/needs-attention.ts).
addRxPlugin(RxDBLocalDocumentsPlugin);

const migrations = (name: keyof typeof migrationStrategies): MigrationStrategies => migrationStrategies[name];

// A type alias (not an interface) so it satisfies RxDB's CollectionsOfDatabase index signature.
export type ClinicCollections = {
  settings: RxCollection<ClinicSettingsDoc>;
  staff: RxCollection<StaffDoc>;
  clients: RxCollection<ClientDoc>;
  services: RxCollection<ServiceDoc>;
  bookings: RxCollection<BookingDoc>;
  invoices: RxCollection<InvoiceDoc>;
  payments: RxCollection<PaymentDoc>;
  paymentrequests: RxCollection<PaymentRequestDoc>;
  messages: RxCollection<MessageDoc>;
  activity: RxCollection<ActivityDoc>;
};

export type ClinicDatabase = RxDatabase<ClinicCollections>;

/** The desk's database name; main opens the renderer's database under the same name. */
export const DATABASE_NAME = 'frontdesk';

export interface DatabaseOptions {
  // RxDB's storages differ in their internals and options types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  storage: RxStorage<any, any>;
  name?: string;
  /** Several tabs on one profile share changes (renderer only). */
  multiInstance?: boolean;
  /**
   * Whether this host migrates collections stored at an older schema version (default
   * true). Main passes false: it opens the renderer's database over remote storage only
   * after the renderer has opened (and so migrated) it, and must never start a second
   * migration of the same data.
   */
  migrate?: boolean;
}

/**
 * Documents copied per step of a migration. RxDB's default (10) would make a desk with
 * 65,000 documents take thousands of small IndexedDB transactions on first open.
 */
const MIGRATION_BATCH = 500;

export async function createClinicDatabase(options: DatabaseOptions): Promise<ClinicDatabase> {
  const db = await createRxDatabase<ClinicCollections>({
    name: options.name ?? DATABASE_NAME,
    storage: options.storage,
    multiInstance: options.multiInstance ?? false,
    eventReduce: true,
    localDocuments: true,
    // No cleanup of deleted documents here: the sync issue decides when tombstones may go.
    cleanupPolicy: { minimumDeletedTime: 1000 * 60 * 60 * 24 * 365 },
  });
  try {
    // Conflicts from sync are resolved by kind of document (docs/decisions/0006-conflict-rules.md).
    await db.addCollections({
      settings: { schema: collectionSchemas.settings, autoMigrate: false, migrationStrategies: migrations('settings'), conflictHandler: conflictHandlerFor('settings') },
      staff: { schema: collectionSchemas.staff, autoMigrate: false, migrationStrategies: migrations('staff'), conflictHandler: conflictHandlerFor('staff') },
      clients: { schema: collectionSchemas.clients, autoMigrate: false, migrationStrategies: migrations('clients'), conflictHandler: conflictHandlerFor('clients') },
      services: { schema: collectionSchemas.services, autoMigrate: false, migrationStrategies: migrations('services'), conflictHandler: conflictHandlerFor('services') },
      bookings: { schema: collectionSchemas.bookings, autoMigrate: false, migrationStrategies: migrations('bookings'), conflictHandler: conflictHandlerFor('bookings') },
      invoices: { schema: collectionSchemas.invoices, autoMigrate: false, migrationStrategies: migrations('invoices'), conflictHandler: conflictHandlerFor('invoices') },
      payments: { schema: collectionSchemas.payments, autoMigrate: false, migrationStrategies: migrations('payments'), conflictHandler: conflictHandlerFor('payments') },
      paymentrequests: { schema: collectionSchemas.paymentrequests, autoMigrate: false, migrationStrategies: migrations('paymentrequests'), conflictHandler: conflictHandlerFor('paymentrequests') },
      messages: { schema: collectionSchemas.messages, autoMigrate: false, migrationStrategies: migrations('messages'), conflictHandler: conflictHandlerFor('messages') },
      activity: { schema: collectionSchemas.activity, autoMigrate: false, migrationStrategies: migrations('activity'), conflictHandler: conflictHandlerFor('activity') },
    });
    await migrateCollections(db, options.migrate ?? true);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/**
 * Brings every collection stored at an older schema version to the current one before
 * anything reads or writes it (RxDB holds writes while a migration is pending).
 */
async function migrateCollections(db: ClinicDatabase, migrate: boolean): Promise<void> {
  await Promise.all((Object.keys(migrationStrategies) as (keyof typeof migrationStrategies)[]).map(async (name) => {
    const collection = db[name];
    if (!migrate && await collection.migrationNeeded()) {
      throw new Error(`The desk's ${name} are stored at an older schema version and this process does not migrate them: the renderer opens (and migrates) the database first.`);
    }
    // Nothing to migrate resolves at once.
    await collection.migratePromise(MIGRATION_BATCH);
  }));
}
