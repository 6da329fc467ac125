/**
 * A desk that holds documents written at the previous schema versions opens them with the
 * current code: the stored collections are created from the recorded schemas
 * (schema-history.json), filled with a clinic's documents of every kind as that version
 * stored them, closed, and opened again through createClinicDatabase — on Dexie over
 * fake-indexeddb, as a desk stores them, and on memory (docs/decisions/0014-schema-versions.md).
 */
import 'fake-indexeddb/auto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { collectionSchemas, COLLECTION_NAMES, type CollectionName, type MessageDoc } from '../schemas/index.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { createClient } from './client-commands.js';
import { createBooking } from './booking-commands.js';
import { completeInvoice } from './invoice-commands.js';
import { takePayment } from './payment-commands.js';
import { createPaymentRequest } from './payment-request-commands.js';

const history = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../schemas/schema-history.json'), 'utf8')) as Record<string, Record<string, RxJsonSchema<unknown>>>;
const AT = '2026-03-02T09:00:00.000Z';
type Docs = Record<CollectionName, Record<string, unknown>[]>;

/** A clinic's documents of every collection, made by the current commands. */
async function clinicDocuments(): Promise<Docs> {
  const t = await openTestClinic('migration-source');
  try {
    const ctx = { actor: t.admin, synced: false, desk: TEST_DESK, now: AT };
    const client = await createClient(t.db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '+47 412 34 567', dateOfBirth: '1980-05-17' }, '2026-03-02', ctx);
    for (const hour of ['08', '10']) {
      const { invoice } = await createBooking(t.db, { clientId: client.id, serviceId: t.serviceId, practitionerId: t.admin, start: `2026-03-02T${hour}:00:00.000Z`, billing: 'clinic-default', confirmOverlap: true }, ctx);
      await completeInvoice(t.db, invoice!.id, ctx);
      if (hour === '08') await takePayment(t.db, invoice!.id, { amount: '300', method: 'cash' }, ctx);
      else await createPaymentRequest(t.db, invoice!.id, { amount: '200', channels: ['email'] }, ctx);
    }
    await t.db.messages.insert(await messageLike(t.db));
    const docs = {} as Docs;
    for (const name of COLLECTION_NAMES) docs[name] = (await t.db[name].find().exec()).map((d) => d.toMutableJSON() as Record<string, unknown>);
    return docs;
  } finally {
    await t.db.close();
  }
}

/** The record of one email sent for the link (the sender writes these). */
async function messageLike(db: ClinicDatabase): Promise<MessageDoc> {
  const request = (await db.paymentrequests.findOne().exec())!;
  return {
    id: 'msg-1', invoiceId: request.invoiceId, paymentRequestId: request.id, clientId: request.clientId, channel: 'email', purpose: 'payment_link',
    recipient: 'ingrid@example.com', outcome: 'sent', detail: '', costMinor: 0, currency: 'NOK', at: AT, by: 'system', deskId: TEST_DESK,
  };
}

/** A document as schema version 0 or 1 stored it: only the fields that version had (no desk, no idle lock). */
function asStoredAt(version: number, c: CollectionName, doc: Record<string, unknown>): Record<string, unknown> {
  const fields = (history[c]![String(version)] as { properties: Record<string, unknown> }).properties;
  return Object.fromEntries(Object.entries(doc).filter(([field]) => field in fields));
}

/**
 * What versions 2 and 3 make of a document written before desks were recorded (docs/design.md
 * invariant 11): it names no desk (''), a message was the system's, the idle lock is the default,
 * and the clinic's messages keep coming from the staff member who sends them (decision 0035).
 */
function withoutDesk(c: CollectionName, doc: Record<string, unknown>): Record<string, unknown> {
  switch (c) {
    case 'payments': return { ...doc, recordedOn: '' };
    case 'messages': return { ...doc, by: 'system', deskId: '' };
    case 'settings': return { ...doc, deskId: '', idleLockMinutes: 10, senderMode: 'staff' };
    default: return { ...doc, deskId: '' };
  }
}

const storages: Array<[string, () => RxStorage<unknown, unknown>]> = [
  ['Dexie', () => getRxStorageDexie() as RxStorage<unknown, unknown>],
  ['memory', () => getRxStorageMemory() as RxStorage<unknown, unknown>],
];

const cases = storages.flatMap(([label, storage]) => [0, 1].map((version) => [version, label, storage] as const));

describe.each(cases)('a desk with documents of schema version %i, on %s', (version, _label, storage) => {
  let opened: ClinicDatabase | null = null;
  afterEach(async () => { await opened?.close(); opened = null; });

  it('opens with the current code and keeps every document as it was, naming no desk', async () => {
    const current = await clinicDocuments();
    const docs = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, current[c].map((d) => asStoredAt(version, c, d))])) as Docs;
    const name = `migrate-${crypto.randomUUID()}`;
    const shared = storage();
    const old = await createRxDatabase({ name, storage: shared, multiInstance: false });
    await old.addCollections(Object.fromEntries(COLLECTION_NAMES.map((c) => [c, { schema: history[c]![String(version)]! }])));
    for (const c of COLLECTION_NAMES) {
      const result = await old[c]!.bulkInsert(docs[c]);
      expect(result.error, `${c} documents of version ${version}`).toEqual([]);
    }
    await old.close();

    opened = await createClinicDatabase({ storage: shared, name });
    for (const c of COLLECTION_NAMES) {
      expect(opened[c].schema.version).toBe(collectionSchemas[c].version);
      const now = (await opened[c].find().exec()).map((d) => d.toMutableJSON() as Record<string, unknown>);
      expect(docs[c].length, `${c} has documents to migrate`).toBeGreaterThan(0);
      expect(sortById(now), c).toEqual(sortById(docs[c].map((d) => withoutDesk(c, d))));
    }
    expect((await opened.messages.findOne('msg-1').exec())!.toJSON()).toMatchObject({ by: 'system', deskId: '' });
    expect((await opened.settings.findOne('clinic').exec())!.toJSON()).toMatchObject({ deskId: '', idleLockMinutes: 10, senderMode: 'staff' });
    expect((await opened.payments.find().exec()).map((p) => p.recordedOn)).toEqual(['']);
  });
});

function sortById(docs: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...docs].sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
