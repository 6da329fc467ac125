import { describe, it, expect, afterEach, beforeEach, vi } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { createBooking, OverlapError, rescheduleBooking, type BookingInput } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { runSetup } from './setup-commands.js';
import { RefusedError } from '../domain/result.js';
import type { StaffDoc } from '../schemas/index.js';
import type { Actor } from '../domain/actor.js';
import { createInvoiceForBooking } from './invoice-commands.js';
import { TEST_DESK, activateTestPayments } from '../test-support/test-clinic.js';
import { createTranslator } from '../i18n/translator.js';
import type { Text } from '../i18n/text.js';
import { summaryOf } from './activity-log.js';

const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
/** Intl's non-breaking spaces made plain. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const SETUP_AT = '2026-01-01T08:00:00.000Z';
const NOW = '2026-11-20T12:00:00.000Z';
const START = '2026-11-23T09:00:00.000Z';
/** The clinic's admin practitioner, signed in on the test desk (set once the clinic is). */
let BY: Actor;

let db: ClinicDatabase;
let clientId: string;
let serviceId: string;
let practitionerId: string;

beforeEach(async () => {
  db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `bookings-${crypto.randomUUID()}` });
  await runSetup(db, {
    clinicName: 'Fjordside Physio', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '25' },
  }, SETUP_AT, TEST_DESK);
  serviceId = (await db.services.findOne().exec())!.id;
  practitionerId = (await db.staff.findOne().exec())!.id;
  await activateTestPayments(db, practitionerId);
  BY = { actor: practitionerId, desk: TEST_DESK, now: NOW };
  clientId = (await createClient(db, { firstName: 'Anna', lastName: 'Sørensen', email: '', phone: '', dateOfBirth: '' }, '2026-11-20', BY)).id;
});

afterEach(async () => {
  await db.close();
});

const input = (changes: Partial<BookingInput> = {}): BookingInput =>
  ({ clientId, serviceId, practitionerId, start: START, billing: 'clinic-default', confirmOverlap: false, ...changes });

async function counts() {
  // find, not count(): count() on invoices trips over the status index (see schemas.test.ts).
  return {
    bookings: (await db.bookings.find().exec()).length,
    invoices: (await db.invoices.find().exec()).length,
    activity: (await db.activity.find().exec()).length,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
}

async function addPractitioner(name: string, changes: Partial<StaffDoc> = {}): Promise<string> {
  const id = `staff-${name.toLowerCase()}`;
  await db.staff.insert({
    id, name, email: '', roles: ['practitioner'], isPractitioner: true, color: '#059669', active: true, sortKey: 1,
    createdAt: NOW, updatedAt: NOW, updatedBy: BY.actor, deskId: TEST_DESK, ...changes,
  });
  return id;
}

async function patchSettings(changes: { billingProcess?: 'automatic' | 'manual'; manualCreateDraft?: boolean; invoicingActivatedAt?: string }) {
  await (await db.settings.findOne('clinic').exec())!.incrementalPatch(changes);
}

describe('createBooking', () => {
  it('creates the booking, one draft invoice from the service, and an activity entry', async () => {
    const before = await counts();
    const { booking, invoice } = await createBooking(db, input(), BY);

    expect(booking).toMatchObject({
      clientId, serviceId, practitionerId, start: START, end: '2026-11-23T09:45:00.000Z', status: 'booked',
      billing: 'manual', billingChosen: false, createdAt: NOW, updatedBy: BY.actor,
    });
    expect(invoice).not.toBeNull();
    expect(booking.invoiceId).toBe(invoice!.id);
    expect(invoice).toMatchObject({ kind: 'invoice', status: 'draft', number: 0, bookingId: booking.id, clientId, currency: 'NOK' });
    expect(invoice!.lines).toEqual([{
      id: expect.any(String), serviceId, description: 'Consultation', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2_500,
    }]);

    expect((await db.bookings.findOne(booking.id).exec())?.toJSON()).toEqual(booking);
    expect((await db.invoices.findOne(invoice!.id).exec())?.toJSON()).toEqual(invoice);
    const entries = await db.activity.find({ selector: { entityId: booking.id } }).exec();
    expect(entries.map((e) => ({ entity: e.entity, action: e.action, summary: e.summary, at: e.at }))).toEqual([
      { entity: 'booking', action: 'booking.created', summary: 'Booked; draft invoice created', at: NOW },
    ]);
    expect(await counts()).toEqual({ bookings: before.bookings + 1, invoices: before.invoices + 1, activity: before.activity + 1 });
  });

  it('ends the booking after the service duration', async () => {
    await db.services.insert({
      id: 'svc-long', name: 'Extended treatment', durationMinutes: 90, priceMinor: 98_000, currency: 'NOK', vatRateBp: 0,
      active: true, createdAt: NOW, updatedAt: NOW, updatedBy: BY.actor, deskId: TEST_DESK,
    });
    const { booking } = await createBooking(db, input({ serviceId: 'svc-long', start: '2026-11-23T23:00:00.000Z' }), BY);
    expect(booking.end).toBe('2026-11-24T00:30:00.000Z');
  });

  it('stores the start as a UTC instant whatever offset it came with', async () => {
    const { booking } = await createBooking(db, input({ start: '2026-11-23T10:00:00+01:00' }), BY);
    expect(booking.start).toBe('2026-11-23T09:00:00.000Z');
    expect(booking.end).toBe('2026-11-23T09:45:00.000Z');
  });

  it('makes no invoice when the clinic is manual without automatic drafts', async () => {
    await patchSettings({ billingProcess: 'manual', manualCreateDraft: false });
    const { booking, invoice } = await createBooking(db, input(), BY);
    expect(invoice).toBeNull();
    expect(booking).toMatchObject({ billing: 'external', billingChosen: false, invoiceId: '' });
    expect(await db.invoices.find().exec()).toHaveLength(0);
    const entries = await db.activity.find({ selector: { entityId: booking.id } }).exec();
    expect(entries.map((e) => e.summary)).toEqual(['Booked; externally billed']);
  });

  it('still invoices when the booking overrides a no-draft clinic with Manual', async () => {
    await patchSettings({ billingProcess: 'manual', manualCreateDraft: false });
    const { booking, invoice } = await createBooking(db, input({ billing: 'manual' }), BY);
    expect(booking).toMatchObject({ billing: 'manual', billingChosen: true });
    expect(invoice?.bookingId).toBe(booking.id);
  });

  it('bills automatically when the clinic is automatic', async () => {
    await patchSettings({ billingProcess: 'automatic' });
    const { booking, invoice } = await createBooking(db, input(), BY);
    expect(booking.billing).toBe('automatic');
    expect(invoice?.status).toBe('draft');
  });

  it('makes no invoice for a booking marked externally billed', async () => {
    await patchSettings({ billingProcess: 'automatic' });
    const { booking, invoice } = await createBooking(db, input({ billing: 'external' }), BY);
    expect(invoice).toBeNull();
    expect(booking).toMatchObject({ billing: 'external', billingChosen: true, invoiceId: '' });
    expect(await db.invoices.find().exec()).toHaveLength(0);
  });

  it('bills externally, whatever was chosen, while payments are not activated; Create invoice is refused', async () => {
    await patchSettings({ invoicingActivatedAt: '' });
    const { booking, invoice } = await createBooking(db, input({ billing: 'automatic' }), BY);
    expect(invoice).toBeNull();
    expect(booking.billing).toBe('external');
    await expect(createInvoiceForBooking(db, booking.id, { ...BY, synced: false })).rejects.toThrow(/Payments are not activated yet/);
    expect(await db.invoices.find().exec()).toHaveLength(0);
  });

  it('bills externally before invoicing is activated', async () => {
    await patchSettings({ invoicingActivatedAt: '2026-12-01T00:00:00.000Z' });
    const { booking, invoice } = await createBooking(db, input({ billing: 'automatic' }), BY);
    expect(invoice).toBeNull();
    expect(booking.billing).toBe('external');
  });

  it.each([
    ['client', { clientId: '' }, 'Choose a client for the booking.'],
    ['client', { clientId: 'no-such-client' }, 'That client no longer exists. Choose another.'],
    ['service', { serviceId: '' }, 'Choose a service for the booking.'],
    ['service', { serviceId: 'no-such-service' }, 'That service is not available. Choose another.'],
    ['practitioner', { practitionerId: '' }, 'Choose a practitioner for the booking.'],
    ['practitioner', { practitionerId: 'no-such-practitioner' }, 'Choose a practitioner for the booking.'],
    ['start', { start: '' }, 'Choose when the booking starts.'],
    ['start', { start: 'next tuesday' }, 'Choose when the booking starts.'],
  ] as const)('refuses a booking without a valid %s and writes nothing', async (field, changes, message) => {
    const before = await counts();
    const err = await rejection(createBooking(db, input(changes), BY));
    expect(err).toBeInstanceOf(RefusedError);
    expect(err).toMatchObject({ field, message });
    expect(await counts()).toEqual(before);
  });

  it('refuses an inactive service', async () => {
    await (await db.services.findOne(serviceId).exec())!.incrementalPatch({ active: false });
    const err = await rejection(createBooking(db, input(), BY));
    expect(err).toMatchObject({ name: 'RefusedError', field: 'service', message: 'That service is not available. Choose another.' });
    expect((await counts()).bookings).toBe(0);
  });

  it('refuses an inactive practitioner or a staff member who is not a practitioner', async () => {
    const gone = await addPractitioner('Gone', { active: false });
    const desk = await addPractitioner('Desk', { isPractitioner: false, roles: ['reception'] });
    for (const id of [gone, desk]) {
      const err = await rejection(createBooking(db, input({ practitionerId: id }), BY));
      expect(err).toMatchObject({ name: 'RefusedError', field: 'practitioner' });
    }
    expect((await counts()).bookings).toBe(0);
  });

  it('needs a signed-in member of staff', async () => {
    await expect(createBooking(db, input(), { ...BY, actor: '' })).rejects.toMatchObject({ name: 'RefusedError', message: 'Sign in as a member of staff to book appointments.' });
    await expect(createBooking(db, input(), { ...BY, actor: 'desk' })).rejects.toBeInstanceOf(RefusedError);
    expect(await db.bookings.find().exec()).toHaveLength(0);
  });

  it('refuses to book before the clinic is set up', async () => {
    // Only one database may be open at a time (RxDB's collection limit): swap it for an empty one.
    await db.close();
    db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `empty-${crypto.randomUUID()}` });
    const err = await rejection(createBooking(db, input(), BY));
    // No clinic, no staff: nobody on this desk may book yet.
    expect(err).toMatchObject({ name: 'RefusedError', message: 'Sign in as a member of staff to book appointments.' });
    expect(await db.bookings.find().exec()).toHaveLength(0);
  });

  describe('overlaps', () => {
    it('warns about an overlapping booking of the same practitioner and writes nothing', async () => {
      const { booking: first } = await createBooking(db, input(), BY);
      const before = await counts();
      const err = await rejection(createBooking(db, input({ start: '2026-11-23T09:30:00.000Z' }), BY));
      expect(err).toBeInstanceOf(OverlapError);
      expect((err as OverlapError).conflicts).toEqual([first]);
      expect((err as OverlapError).message).toBe('This overlaps another booking for the same practitioner.');
      expect(await counts()).toEqual(before);
    });

    it('finds a conflict that started earlier and a conflict that is contained', async () => {
      const { booking: a } = await createBooking(db, input({ start: '2026-11-23T08:30:00.000Z' }), BY); // 08:30–09:15
      const { booking: b } = await createBooking(db, input({ start: '2026-11-23T09:15:00.000Z' }), BY); // 09:15–10:00
      const err = await rejection(createBooking(db, input({ start: '2026-11-23T09:00:00.000Z' }), BY));  // 09:00–09:45
      expect((err as OverlapError).conflicts.map((c) => c.id)).toEqual([a.id, b.id]);
      expect((err as OverlapError).message).toBe('This overlaps 2 other bookings for the same practitioner.');
      expect(nb.t((err as OverlapError).text)).toBe('Denne timen overlapper 2 andre timer hos samme behandler.');
    });

    it('books the overlap once the receptionist confirms it', async () => {
      await createBooking(db, input(), BY);
      const { booking, invoice } = await createBooking(db, input({ start: '2026-11-23T09:30:00.000Z', confirmOverlap: true }), BY);
      expect(booking.start).toBe('2026-11-23T09:30:00.000Z');
      expect(invoice).not.toBeNull();
      expect(await counts()).toMatchObject({ bookings: 2, invoices: 2 });
    });

    it('lets a booking start when the previous one ends', async () => {
      await createBooking(db, input(), BY);
      const { booking } = await createBooking(db, input({ start: '2026-11-23T09:45:00.000Z' }), BY);
      expect(booking.start).toBe('2026-11-23T09:45:00.000Z');
    });

    it('does not mind another practitioner at the same time', async () => {
      await createBooking(db, input(), BY);
      const other = await addPractitioner('Jon');
      const { booking } = await createBooking(db, input({ practitionerId: other }), BY);
      expect(booking.practitionerId).toBe(other);
      expect((await counts()).bookings).toBe(2);
    });

    it('does not count a cancelled booking', async () => {
      const { booking: first } = await createBooking(db, input(), BY);
      await (await db.bookings.findOne(first.id).exec())!.incrementalPatch({ status: 'cancelled' });
      const { booking } = await createBooking(db, input(), BY);
      expect(booking.id).not.toBe(first.id);
      expect((await counts()).bookings).toBe(2);
    });
  });

  it('refuses a booking on 1 January 1900, or more than two years ahead, and writes nothing', async () => {
    const before = await counts();
    for (const start of ['1900-01-01T09:00:00.000Z', '2028-11-21T09:00:00.000Z']) {
      const err = await rejection(createBooking(db, input({ start }), BY));
      expect(err).toMatchObject({ name: 'RefusedError', field: 'start', message: /is too far (back|ahead): a booking can be from 20 Nov 2025 to 20 Nov 2028/ });
    }
    expect(await counts()).toEqual(before);
  });

  it("books yesterday's visit, and the window's edges in the clinic's time zone", async () => {
    // 00:30 in Oslo on 20 November 2025 is still 19 November in UTC: the clinic's day counts.
    for (const start of ['2026-11-19T09:00:00.000Z', '2025-11-19T23:30:00.000Z', '2028-11-20T21:00:00.000Z']) {
      const { booking } = await createBooking(db, input({ start, confirmOverlap: true }), BY);
      expect(booking.start).toBe(start);
    }
    await expect(createBooking(db, input({ start: '2028-11-20T23:30:00.000Z' }), BY)).rejects.toMatchObject({ field: 'start' });
  });

  it('refuses to move a booking outside the window, and leaves it where it was', async () => {
    const { booking } = await createBooking(db, input(), BY);
    const ctx = { actor: practitionerId, synced: false, desk: TEST_DESK, now: NOW };
    const err = await rejection(rescheduleBooking(db, booking.id, { start: '1900-01-01T09:00:00.000Z', practitionerId, confirmOverlap: false }, ctx));
    expect(err).toMatchObject({ name: 'RefusedError', field: 'start', message: /^1 Jan 1900 is too far back/ });
    expect(nb.t((err as RefusedError).text)).toBe('1. jan. 1900 ligger for langt tilbake i tid: en time kan være fra 20. nov. 2025 til 20. nov. 2028. Sjekk datoen.');
    expect((await db.bookings.findOne(booking.id).exec())!.start).toBe(START);
    const moved = await rescheduleBooking(db, booking.id, { start: '2026-11-19T09:00:00.000Z', practitionerId, confirmOverlap: false }, ctx);
    expect(moved.start).toBe('2026-11-19T09:00:00.000Z');
  });

  it('logs a move with both times, written for each reader in their own format', async () => {
    const { booking } = await createBooking(db, input(), BY);
    await rescheduleBooking(db, booking.id, { start: '2026-11-24T13:30:00.000Z', practitionerId, confirmOverlap: false }, { ...BY, synced: false });
    const [entry] = await db.activity.find({ selector: { entityId: booking.id, action: 'booking.moved' } }).exec();
    // The screen shows the clinic's clock (Oslo, UTC+1 in November), never an ISO string.
    expect(plain(nb.t(summaryOf(entry!) as Text))).toBe('Flyttet fra 23. nov. 2026, 10:00 til 24. nov. 2026, 14:30; fakturautkastet ble flyttet med');
    const en = createTranslator({ language: 'en', clinicLocale: 'en-NO', timeZone: 'Europe/Oslo' });
    expect(plain(en.t(summaryOf(entry!) as Text))).toBe('Moved from 23 Nov 2026, 10:00 to 24 Nov 2026, 14:30; draft invoice moved with it');
    // The English summary for older desks and audits is the same Text, in UTC.
    expect(plain(entry!.summary)).toBe('Moved from 23 Nov 2026, 09:00 to 24 Nov 2026, 13:30; draft invoice moved with it');
  });

  it('takes the booking back when its invoice cannot be written', async () => {
    const before = await counts();
    const spy = vi.spyOn(db.invoices, 'insert').mockRejectedValueOnce(new Error('disk full'));
    const err = await rejection(createBooking(db, input(), BY));
    spy.mockRestore();
    expect((err as Error).message).toBe('disk full');
    expect(await counts()).toEqual(before);
    // And the slot is free again.
    const { booking } = await createBooking(db, input(), BY);
    expect(booking.start).toBe(START);
  });
});
