/**
 * How a stored document of an older schema version becomes one of the current version:
 * RxDB's `migrationStrategies` on the desks, and the same pure functions on the sync
 * server for documents stored or pushed at an older version
 * (docs/decisions/0014-schema-versions.md). Importable from every runtime.
 *
 * To change a schema: bump its `version`, add the strategy for the new version here
 * (strategy N turns a version N-1 document into a version N one; null drops it), and
 * record the new schema in schema-history.json (`npm run schemas:record`). The history
 * test refuses a schema that differs from its recorded version.
 */
import type { CollectionName } from './index.js';

export type StoredDocument = Record<string, unknown>;
export type MigrationStrategy = (previous: StoredDocument) => StoredDocument | null;

/** Version 1 starts versioning: every document of version 0 is already a version 1 one. */
const versioningBegins: MigrationStrategy = (doc) => doc;

/**
 * Version 2 records the desk of every change (docs/design.md invariant 11). What was written
 * before names no desk: '' says so, and the sync server takes such a change only from a desk
 * whose history it is (docs/decisions/0017-recorded-actor-and-desk.md).
 */
const BEFORE_DESKS = '';
const recordsDesk: MigrationStrategy = (doc) => ({ ...doc, deskId: BEFORE_DESKS });

/** Version 3 of staff, clients, activity and payment requests adds an optional field: every version-2 document is already one. */
const addsOptionalField: MigrationStrategy = (doc) => doc;

export const migrationStrategies: Record<CollectionName, Readonly<Record<number, MigrationStrategy>>> = {
  // Idle lock as the default every new clinic gets.
  settings: {
    1: versioningBegins, 2: (doc) => ({ ...doc, deskId: BEFORE_DESKS, idleLockMinutes: 10 }),
    // Version 3: messages went out in the sending staff member's name (unless a practitioner's), so
    // a clinic of before keeps that; payments were on from setup, so its activation moment stays.
    3: (doc) => ({ ...doc, senderMode: 'staff' }),
  },
  // No staff member has a secret yet: each chooses one at their next sign-in.
  // Version 3 adds an optional language (docs/decisions/0033-languages.md): absent = the clinic's.
  staff: { 1: versioningBegins, 2: recordsDesk, 3: addsOptionalField },
  clients: { 1: versioningBegins, 2: recordsDesk, 3: addsOptionalField },
  services: { 1: versioningBegins, 2: recordsDesk },
  bookings: { 1: versioningBegins, 2: recordsDesk },
  invoices: { 1: versioningBegins, 2: recordsDesk },
  payments: { 1: versioningBegins, 2: (doc) => ({ ...doc, recordedOn: BEFORE_DESKS }) },
  // Version 3 adds an optional problemText: older requests read their English problem (requestProblem).
  paymentrequests: { 1: versioningBegins, 2: recordsDesk, 3: addsOptionalField },
  // Messages did not name a sender: they were the scheduler's or a link send, recorded as the system's.
  messages: { 1: versioningBegins, 2: (doc) => ({ ...doc, by: 'system', deskId: BEFORE_DESKS }) },
  // Version 3 adds an optional summaryText: older entries read in their English summary.
  activity: { 1: versioningBegins, 2: recordsDesk, 3: addsOptionalField },
};

/**
 * A document stored at `fromVersion`, as the current schema `toVersion` has it; null when
 * a strategy drops it. Throws for a version from the future: nothing here can read it.
 */
export function upgradeDocument(collection: CollectionName, doc: StoredDocument, fromVersion: number, toVersion: number): StoredDocument | null {
  if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion > toVersion) {
    throw new Error(`A ${collection} document of schema version ${fromVersion} cannot be read by version ${toVersion}.`);
  }
  let current: StoredDocument | null = doc;
  for (let v = fromVersion + 1; v <= toVersion && current; v++) {
    const strategy = migrationStrategies[collection][v];
    if (!strategy) throw new Error(`No migration to version ${v} of ${collection}.`);
    current = strategy(current);
  }
  return current;
}
