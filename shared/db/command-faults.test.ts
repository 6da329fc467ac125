/**
 * Each write of each multi-document command made to fail in turn (docs/decisions/0025-operations.md):
 * after recovery no half-done state remains, and running the same operation again writes
 * nothing twice. Through the real commands on RxDB's memory storage with one write broken.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { failingStorage, INJECTED_FAILURE, type WriteFault } from '../test-support/failing-storage.js';
import { createClient } from './client-commands.js';
import { cancelBooking, createBooking } from './booking-commands.js';
import { refundClientCredit, takePayment } from './payment-commands.js';
import { completeInvoice, createCreditNote, voidInvoice } from './invoice-commands.js';
import { cancelPaymentRequest, createPaymentRequest, resendPaymentRequest } from './payment-request-commands.js';
import { newOperationId, readJournal, recoverOperations } from './operations.js';
import { OPERATION_REPLAYS } from './operation-replays.js';

const NOW = '2026-11-20T12:00:00.000Z';
let open: ClinicDatabase | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

interface Bench { db: ClinicDatabase; fault: WriteFault; admin: string; invoiceId: string }

async function clinicWithInvoice(completed: boolean): Promise<Bench> {
  const { storage, fault } = failingStorage();
  const clinic = await openTestClinic('command-faults', storage);
  open = clinic.db;
  const by = { actor: clinic.admin, desk: TEST_DESK, synced: false, now: NOW };
  const client = await createClient(clinic.db, { firstName: 'Ola', lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, NOW.slice(0, 10), by);
  const { invoice } = await createBooking(clinic.db, { clientId: client.id, serviceId: clinic.serviceId, practitionerId: clinic.admin, start: '2026-11-21T09:00:00.000Z', billing: 'manual', confirmOverlap: true }, by);
  if (completed) await completeInvoice(clinic.db, invoice!.id, by);
  return { db: clinic.db, fault, admin: clinic.admin, invoiceId: invoice!.id };
}

/** Runs `command` with write number `n` broken; then recovers; reports whether the failure was reached. */
async function breakWrite(b: Bench, n: number, command: () => Promise<unknown>): Promise<{ reached: boolean; threw: boolean }> {
  b.fault.arm(n);
  const threw = await command().then(() => false, (err: unknown) => {
    if (!(err instanceof Error && err.message.includes(INJECTED_FAILURE))) throw err;
    return true;
  });
  const reached = b.fault.failed;
  b.fault.disarm();
  await recoverOperations(b.db, OPERATION_REPLAYS, NOW);
  return { reached, threw };
}

type OperationCtx = { actor: string; desk: string; synced: boolean; now: string; operation: string };

/**
 * Breaks each write of `command` in turn on a fresh clinic (from `bench`); `check` sees the
 * state after recovery and again after the same operation ran twice more. Returns how many
 * writes the command made.
 */
async function everyWrite<B extends Bench>(bench: () => Promise<B>, command: (b: B, ctx: OperationCtx) => Promise<unknown>, check: (b: B, when: 'recovered' | 'repeated') => Promise<void>): Promise<number> {
  let n = 0;
  for (;; n++) {
    const b = await bench();
    const ctx = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW, operation: newOperationId() };
    const { reached } = await breakWrite(b, n, () => command(b, ctx));
    await check(b, 'recovered');
    await Promise.all([command(b, ctx), command(b, ctx)]);
    await check(b, 'repeated');
    expect(await readJournal(b.db)).toEqual([]);
    await b.db.close();
    open = null;
    if (!reached) return n;
  }
}

describe('take payment, with each of its writes broken in turn', () => {
  for (const completed of [false, true]) {
    it(`on a ${completed ? 'completed invoice' : 'draft'}: one payment or none, never half, and a retry adds nothing`, async () => {
      let n = 0;
      for (;; n++) {
        const b = await clinicWithInvoice(completed);
        const operation = newOperationId();
        const ctx = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW, operation };
        const pay = () => takePayment(b.db, b.invoiceId, { amount: '300', method: 'cash' }, ctx);
        const { reached } = await breakWrite(b, n, pay);
        const payments = await b.db.payments.find().exec();
        const invoice = (await b.db.invoices.findOne(b.invoiceId).exec())!;
        const log = (await b.db.activity.find({ selector: { entityId: b.invoiceId } }).exec()).map((e) => e.action);
        if (payments.length === 0) {
          // Nothing was written (the money is the first write): the draft stays a draft.
          expect(invoice.status).toBe(completed ? 'completed' : 'draft');
          expect(log.filter((a) => a === 'payment.taken')).toEqual([]);
        } else {
          // The payment was written: recovery finished everything that follows from it.
          expect(payments.map((p) => p.amountMinor)).toEqual([30_000]);
          expect(invoice.status).toBe('completed');
          expect(log.filter((a) => a === 'payment.taken')).toHaveLength(1);
          expect(log.filter((a) => a === 'invoice.completed')).toHaveLength(1);
        }
        expect(await readJournal(b.db)).toEqual([]);
        // The same operation again (a retry, a double click): one payment, one entry each.
        await pay();
        await pay();
        expect((await b.db.payments.find().exec()).length).toBe(1);
        const after = (await b.db.activity.find({ selector: { entityId: b.invoiceId } }).exec()).map((e) => e.action);
        expect(after.filter((a) => a === 'payment.taken')).toHaveLength(1);
        expect(after.filter((a) => a === 'invoice.completed')).toHaveLength(1);
        await b.db.close();
        open = null;
        if (!reached) break;
      }
      // Every write was broken once: the journal's, the payment, the completion and each log entry.
      expect(n).toBeGreaterThanOrEqual(completed ? 3 : 5);
    });
  }

  it('takes the money once for a double click', async () => {
    const b = await clinicWithInvoice(true);
    const ctx = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW, operation: newOperationId() };
    const results = await Promise.all([1, 2, 3].map(() => takePayment(b.db, b.invoiceId, { amount: '300', method: 'card_terminal' }, ctx)));
    expect(new Set(results.map((r) => r.payment.id)).size).toBe(1);
    expect(await b.db.payments.find().exec()).toHaveLength(1);
    expect((await b.db.activity.find({ selector: { action: 'payment.taken' } }).exec())).toHaveLength(1);
  });
});

describe('payment links, with each write broken in turn', () => {
  async function withEmailClient(): Promise<Bench> {
    const b = await clinicWithInvoice(true);
    const invoice = (await b.db.invoices.findOne(b.invoiceId).exec())!;
    await (await b.db.clients.findOne(invoice.clientId).exec())!.incrementalPatch({ email: 'ola@example.com' });
    return b;
  }
  const openLinks = async (db: ClinicDatabase) => (await db.paymentrequests.find().exec()).filter((r) => ['scheduled', 'sent', 'processing', 'unknown'].includes(r.status));

  it('a link is asked for once, however often Send is pressed or retried', async () => {
    let n = 0;
    for (;; n++) {
      const b = await withEmailClient();
      const ctx = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW, operation: newOperationId() };
      const send = () => createPaymentRequest(b.db, b.invoiceId, { amount: '300', channels: ['email'] }, ctx);
      const { reached } = await breakWrite(b, n, send);
      const requests = await b.db.paymentrequests.find().exec();
      const logged = await b.db.activity.find({ selector: { action: 'link.requested' } }).exec();
      expect(requests.length).toBeLessThanOrEqual(1);
      expect(logged).toHaveLength(requests.length);
      await Promise.all([send(), send()]);
      expect(await b.db.paymentrequests.find().exec()).toHaveLength(1);
      expect(await b.db.activity.find({ selector: { action: 'link.requested' } }).exec()).toHaveLength(1);
      await b.db.close();
      if (!reached) break;
    }
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('Resend replaces the old link once: never two open links, never two new ones', async () => {
    let n = 0;
    for (;; n++) {
      const b = await withEmailClient();
      const by = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW };
      const first = await createPaymentRequest(b.db, b.invoiceId, { amount: '300', channels: ['email'] }, by);
      const ctx = { ...by, operation: newOperationId() };
      const resend = () => resendPaymentRequest(b.db, first.id, ctx);
      const { reached } = await breakWrite(b, n, resend);
      const all = await b.db.paymentrequests.find().exec();
      expect(await openLinks(b.db)).toHaveLength(1);
      if (all.length === 2) expect((await b.db.paymentrequests.findOne(first.id).exec())!.status).toBe('superseded');
      // A double click on Resend, after whatever happened: still one new link.
      await Promise.all([resend(), resend()]);
      expect(await b.db.paymentrequests.find().exec()).toHaveLength(2);
      expect(await openLinks(b.db)).toHaveLength(1);
      expect(await b.db.activity.find({ selector: { action: 'link.requested' } }).exec()).toHaveLength(2);
      await b.db.close();
      if (!reached) break;
    }
    expect(n).toBeGreaterThanOrEqual(3);
  });
});

describe('credit notes and client credit, with each write broken in turn', () => {
  const actions = async (db: ClinicDatabase, action: string) => (await db.activity.find({ selector: { action } }).exec()).length;

  it('a credit note is issued once, with both its log entries', async () => {
    const n = await everyWrite(() => clinicWithInvoice(true), (b, ctx) => createCreditNote(b.db, b.invoiceId, { mode: 'full' }, ctx), async (b, when) => {
      const notes = await b.db.invoices.find({ selector: { kind: 'credit_note' } }).exec();
      if (when === 'repeated') expect(notes).toHaveLength(1);
      expect(notes.length).toBeLessThanOrEqual(1);
      expect(await actions(b.db, 'invoice.credited')).toBe(notes.length);
      // Numbers stay unique: the invoice 1, its note 2.
      expect(notes.map((x) => x.number)).toEqual(notes.length ? [2] : []);
    });
    expect(n).toBeGreaterThanOrEqual(3);
  });

  it('client credit is refunded once', async () => {
    let clientId = '';
    const withCredit = async () => {
      const b = await clinicWithInvoice(true);
      // 1000 kr on a 750 kr invoice: 250 kr of credit.
      await takePayment(b.db, b.invoiceId, { amount: '1000', method: 'cash', overpaymentToCredit: true }, { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW });
      clientId = (await b.db.invoices.findOne(b.invoiceId).exec())!.clientId;
      return b;
    };
    const n = await everyWrite(withCredit, (b, ctx) => refundClientCredit(b.db, clientId, '10', 'cash', ctx), async (b, when) => {
      const refunds = (await b.db.payments.find({ selector: { kind: 'refund' } }).exec()).map((p) => p.amountMinor);
      expect(refunds).toEqual(when === 'repeated' || refunds.length ? [1000] : []);
      expect(await actions(b.db, 'refund.paid')).toBe(refunds.length);
    });
    expect(n).toBeGreaterThanOrEqual(2);
  });
});

describe('bookings, with each write broken in turn', () => {
  async function automaticClinic(): Promise<Bench & { clientId: string; serviceId: string }> {
    const { storage, fault } = failingStorage();
    const clinic = await openTestClinic('booking-faults', storage);
    open = clinic.db;
    await (await clinic.db.settings.findOne('clinic').exec())!.incrementalPatch({ billingProcess: 'automatic' });
    const by = { actor: clinic.admin, desk: TEST_DESK, synced: false, now: NOW };
    const client = await createClient(clinic.db, { firstName: 'Ola', lastName: 'Berg', email: 'ola@example.com', phone: '', dateOfBirth: '' }, NOW.slice(0, 10), by);
    return { db: clinic.db, fault, admin: clinic.admin, invoiceId: '', clientId: client.id, serviceId: clinic.serviceId };
  }
  const input = (b: { clientId: string; serviceId: string; admin: string }) => ({ clientId: b.clientId, serviceId: b.serviceId, practitionerId: b.admin, start: '2026-11-21T09:00:00.000Z', billing: 'clinic-default' as const, confirmOverlap: true });

  it('an Automatic booking is written whole — booking, draft, link, log — or not at all', async () => {
    const counts = async (db: ClinicDatabase) => [
      (await db.bookings.find().exec()).length, (await db.invoices.find().exec()).length,
      (await db.paymentrequests.find().exec()).length, (await db.activity.find({ selector: { action: 'booking.created' } }).exec()).length,
    ];
    const n = await everyWrite(automaticClinic, (b, ctx) => createBooking(b.db, input(b), ctx), async (b, when) => {
      expect(when === 'repeated' ? [[1, 1, 1, 1]] : [[0, 0, 0, 0], [1, 1, 1, 1]]).toContainEqual(await counts(b.db));
    });
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it("cancelling a booking never leaves its Automatic link to be sent, and logs once", async () => {
    let n = 0;
    for (;; n++) {
      const b = await automaticClinic();
      const { booking } = await createBooking(b.db, input(b), { actor: b.admin, desk: TEST_DESK, now: NOW });
      const ctx = { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW, operation: newOperationId() };
      const cancel = () => cancelBooking(b.db, booking.id, { voidDraft: true }, ctx);
      const { reached, threw } = await breakWrite(b, n, cancel);
      const scheduled = (await b.db.paymentrequests.find().exec()).filter((r) => r.status === 'scheduled');
      const status = (await b.db.bookings.findOne(booking.id).exec())!.status;
      // Cancelled, or (the command failed before it) still booked — but never a cancelled booking with its link still to go.
      if (status === 'cancelled') expect(scheduled).toEqual([]);
      if (!threw) expect(status).toBe('cancelled');
      await cancel();
      await cancel();
      expect((await b.db.bookings.findOne(booking.id).exec())!.status).toBe('cancelled');
      expect((await b.db.paymentrequests.find().exec()).filter((r) => r.status === 'scheduled')).toEqual([]);
      expect(await b.db.activity.find({ selector: { action: 'booking.cancelled' } }).exec()).toHaveLength(1);
      expect(await b.db.activity.find({ selector: { action: 'invoice.voided' } }).exec()).toHaveLength(1);
      await b.db.close();
      open = null;
      if (!reached) break;
    }
    expect(n).toBeGreaterThanOrEqual(4);
  });
});

describe('complete, void and cancel a link, with each write broken in turn', () => {
  const actions = async (db: ClinicDatabase, action: string) => (await db.activity.find({ selector: { action } }).exec()).length;

  it('completing numbers the invoice once and logs it once', async () => {
    const n = await everyWrite(() => clinicWithInvoice(false), (b, ctx) => completeInvoice(b.db, b.invoiceId, ctx), async (b, when) => {
      const invoice = (await b.db.invoices.findOne(b.invoiceId).exec())!;
      if (when === 'repeated') expect(invoice).toMatchObject({ status: 'completed', number: 1 });
      expect(await actions(b.db, 'invoice.completed')).toBe(invoice.status === 'completed' ? 1 : 0);
    });
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('voiding voids once and logs it once', async () => {
    const n = await everyWrite(() => clinicWithInvoice(true), (b, ctx) => voidInvoice(b.db, b.invoiceId, ctx), async (b, when) => {
      const invoice = (await b.db.invoices.findOne(b.invoiceId).exec())!;
      if (when === 'repeated') expect(invoice.status).toBe('void');
      expect(await actions(b.db, 'invoice.voided')).toBe(invoice.status === 'void' ? 1 : 0);
    });
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('cancelling a link cancels it once and logs it once', async () => {
    let requestId = '';
    const withLink = async () => {
      const b = await clinicWithInvoice(true);
      const invoice = (await b.db.invoices.findOne(b.invoiceId).exec())!;
      await (await b.db.clients.findOne(invoice.clientId).exec())!.incrementalPatch({ email: 'ola@example.com' });
      requestId = (await createPaymentRequest(b.db, b.invoiceId, { amount: '300', channels: ['email'] }, { actor: b.admin, desk: TEST_DESK, synced: false, now: NOW })).id;
      return b;
    };
    const n = await everyWrite(withLink, (b, ctx) => cancelPaymentRequest(b.db, requestId, ctx), async (b, when) => {
      const request = (await b.db.paymentrequests.findOne(requestId).exec())!;
      if (when === 'repeated') expect(request.status).toBe('cancelled');
      expect(await actions(b.db, 'link.cancelled')).toBe(request.status === 'cancelled' ? 1 : 0);
    });
    expect(n).toBeGreaterThanOrEqual(2);
  });
});
