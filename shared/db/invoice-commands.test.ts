import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { completeInvoice } from './invoice-commands.js';
import { runSetup } from './setup-commands.js';
import { TEST_DESK, activateTestPayments } from '../test-support/test-clinic.js';

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let drafts: string[];
let actor: string;

beforeEach(async () => {
  db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `invoices-${crypto.randomUUID()}` });
  const setup = await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' },
  }, '2026-01-01T08:00:00.000Z', TEST_DESK);
  actor = setup.practitioner.id;
  await activateTestPayments(db, actor);
  const client = await createClient(db, { firstName: 'Anna', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-11-20', { actor, desk: TEST_DESK, now: NOW });
  drafts = [];
  for (const hour of [9, 10, 11]) {
    const { invoice } = await createBooking(db, { clientId: client.id, serviceId: setup.service.id, practitionerId: actor, start: `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`, billing: 'clinic-default', confirmOverlap: true }, { actor, desk: TEST_DESK, now: NOW });
    drafts.push(invoice!.id);
  }
});

afterEach(async () => {
  await db.close();
});

describe('completeInvoice', () => {
  it('numbers a standalone desk’s invoices 1, 2, 3 with invoice and due dates', async () => {
    const done = [];
    for (const id of drafts) done.push(await completeInvoice(db, id, { synced: false, actor, desk: TEST_DESK, now: NOW }));
    expect(done.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(done[0]).toMatchObject({ status: 'completed', invoiceDate: '2026-11-20', dueDate: '2026-12-04', completedAt: NOW, updatedBy: actor });
    const log = await db.activity.find({ selector: { entityId: drafts[0]! } }).exec();
    expect(log.map((e) => e.summary)).toContain('Completed as invoice 1');
  });

  it('leaves the number pending on a synced desk: the server assigns it', async () => {
    const done = await completeInvoice(db, drafts[0]!, { synced: true, actor, desk: TEST_DESK, now: NOW });
    expect(done).toMatchObject({ status: 'completed', number: 0, invoiceDate: '', dueDate: '' });
  });

  it('refuses to complete an invoice twice or one without lines, and changes nothing', async () => {
    await completeInvoice(db, drafts[0]!, { synced: false, actor, desk: TEST_DESK, now: NOW });
    await expect(completeInvoice(db, drafts[0]!, { synced: false, actor, desk: TEST_DESK, now: NOW })).rejects.toThrow('This invoice is already completed and cannot be changed. Use a credit note to correct it.');
    expect((await db.invoices.findOne(drafts[0]!).exec())!.number).toBe(1);
    await (await db.invoices.findOne(drafts[1]!).exec())!.incrementalPatch({ lines: [] });
    await expect(completeInvoice(db, drafts[1]!, { synced: false, actor, desk: TEST_DESK, now: NOW })).rejects.toThrow('Add at least one line before completing the invoice.');
    expect((await db.invoices.findOne(drafts[1]!).exec())!.status).toBe('draft');
  });
});
