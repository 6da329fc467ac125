/**
 * Every kind of document a real desk writes, made by the desk's own commands on a memory
 * database (a clinic set up, staff and settings edited, clients, bookings moved and
 * cancelled, invoices edited, completed, credited and voided, payments of every method,
 * client credit used and refunded, payment links, a link paid and refunded at the provider,
 * a reminder fee, the record of a message sent), as the desk's replication pushes them
 * (`syncState`, with `_deleted`). What the validation must let through, and the order a
 * desk's collections reach a server in. Test support: imported by tests only.
 */
import { COLLECTION_NAMES, type CollectionName, type MessageDoc } from '../schemas/index.js';
import type { ClinicDatabase } from '../db/database.js';
import { cancelBooking, createBooking, rescheduleBooking } from '../db/booking-commands.js';
import { createClient, updateClient } from '../db/client-commands.js';
import { completeInvoice, createCreditNote, editInvoiceLines, voidInvoice } from '../db/invoice-commands.js';
import { applyClientCredit, refundClientCredit, takePayment } from '../db/payment-commands.js';
import { cancelPaymentRequest, createPaymentRequest } from '../db/payment-request-commands.js';
import { setPaymentProvider, updatePaymentSettings } from '../db/payment-settings-commands.js';
import { updateClinicSettings } from '../db/settings-commands.js';
import { addStaff, updateStaff } from '../db/staff-commands.js';
import { refundFacts } from '../domain/refund-facts.js';
import { linkEventEffect } from '../domain/payment-link-events.js';
import { reminderFeeFact } from '../domain/reminder-fees.js';
import { syncState } from '../sync/conflicts.js';
import type { WireDocument } from '../sync/protocol.js';
import { openTestClinic, TEST_DESK } from './test-clinic.js';

export type DeskDocuments = Record<CollectionName, WireDocument[]>;

const NOW = '2026-03-02T09:00:00.000Z';
/** The desk every document here is made on: a server test pushes them from a desk of that id. */
export const DESK_DOCUMENTS_DESK = TEST_DESK;
const DESK = DESK_DOCUMENTS_DESK;
const TODAY = '2026-03-02';

async function money(db: ClinicDatabase, admin: string, clientId: string, serviceId: string): Promise<void> {
  const ctx = { actor: admin, synced: false, desk: DESK, now: NOW };
  const book = async (start: string) => (await createBooking(db, { clientId, serviceId, practitionerId: admin, start, billing: 'clinic-default', confirmOverlap: true }, ctx));
  const [a, b, c, d] = [await book('2026-03-03T08:00:00.000Z'), await book('2026-03-03T09:00:00.000Z'), await book('2026-03-03T10:00:00.000Z'), await book('2026-03-03T11:00:00.000Z')];
  await rescheduleBooking(db, d.booking.id, { start: '2026-03-04T11:00:00.000Z', practitionerId: admin, confirmOverlap: true }, ctx);
  await editInvoiceLines(db, a.invoice!.id, [
    { description: 'Consultation\twith notes', quantity: 1, price: '750', discountPercent: '10', vatRateBp: 2500 },
    { description: 'Tape', quantity: '2', price: '45,50', discountPercent: '', vatRateBp: 2500 },
  ], ctx);
  await completeInvoice(db, a.invoice!.id, ctx);
  await takePayment(db, a.invoice!.id, { amount: '500', method: 'cash', tendered: '600' }, ctx);
  await takePayment(db, a.invoice!.id, { amount: '400', method: 'card_terminal', overpaymentToCredit: true }, ctx);
  await completeInvoice(db, b.invoice!.id, ctx);
  await applyClientCredit(db, b.invoice!.id, '100', ctx);
  await takePayment(db, b.invoice!.id, { amount: '650', method: 'bank_transfer' }, ctx);
  await createCreditNote(db, b.invoice!.id, { mode: 'full' }, ctx);
  await refundClientCredit(db, clientId, '10', 'cash', ctx);
  await completeInvoice(db, c.invoice!.id, ctx);
  await voidInvoice(db, c.invoice!.id, ctx);
  await cancelBooking(db, d.booking.id, { voidDraft: true }, ctx);

  const e = await book('2026-03-05T08:00:00.000Z');
  await completeInvoice(db, e.invoice!.id, ctx);
  const link = await createPaymentRequest(db, e.invoice!.id, { amount: '300', channels: ['email', 'sms'] }, ctx);
  const other = await createPaymentRequest(db, e.invoice!.id, { amount: '100', channels: ['sms'] }, ctx);
  await cancelPaymentRequest(db, other.id, ctx);
  await providerEvents(db, link.id);
  // The reminder goes out 15 days after the invoice's due date (completed today, 14 days' terms).
  await db.payments.insert(reminderFeeFact({ invoiceId: e.invoice!.id, clientId, step: 'reminder', amountMinor: 3500, currency: 'NOK', at: '2026-03-31T09:00:00.000Z', desk: DESK }));
  await db.messages.insert(messageSent(link.id, e.invoice!.id, clientId, admin));
}

/** A link paid and then partly refunded at the provider, as main records it. */
async function providerEvents(db: ClinicDatabase, requestId: string): Promise<void> {
  const request = (await db.paymentrequests.findOne(requestId).exec())!.toMutableJSON();
  const paid = linkEventEffect({ type: 'succeeded', eventId: 'evt_1', requestId, providerRef: 'cs_test_1', paymentRef: 'pi_test_1', amountMinor: 30_000, currency: 'NOK', at: NOW }, request, DESK);
  const refunded = refundFacts({ refundRef: 're_test_1', paymentRef: 'pi_test_1', amountMinor: 5_000, currency: 'NOK', state: 'counted', madeAt: NOW, seenAt: NOW, ofCredit: false }, paid.fact!, DESK);
  await db.payments.bulkInsert([paid.fact!, ...refunded]);
}

/** The record of an email sent for a link, as the scheduler writes it (electron/services/scheduler/send-request.ts). */
function messageSent(paymentRequestId: string, invoiceId: string, clientId: string, by: string): MessageDoc {
  return {
    id: 'msg-desk-1', invoiceId, paymentRequestId, clientId, channel: 'email', purpose: 'payment_link', recipient: 'ingrid@example.com',
    outcome: 'unknown', detail: 'SMTP said:\r\n421 try again later', costMinor: 3, currency: 'NOK', at: NOW, by, deskId: DESK,
  };
}

export async function deskDocuments(): Promise<DeskDocuments> {
  const t = await openTestClinic('desk-documents');
  try {
    const ctx = { actor: t.admin, synced: false, desk: DESK, now: NOW };
    const client = await createClient(t.db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '+47 412 34 567', dateOfBirth: '' }, TODAY, ctx);
    await updateClient(t.db, client.id, { firstName: 'Ingrid', lastName: 'Bergå 😀', email: 'ingrid@example.com', phone: '+47 412 34 567', dateOfBirth: '1980-05-17' }, ctx);
    const jon = await addStaff(t.db, { name: 'Jon Eriksen', email: 'jon@example.com', roles: ['practitioner', 'billing'], isPractitioner: true, active: true }, ctx);
    await updateStaff(t.db, jon.id, { name: 'Jon Eriksen', email: '', roles: ['practitioner'], isPractitioner: true, active: false }, ctx);
    await updateClinicSettings(t.db, {
      billing: { billingProcess: 'manual', manualCreateDraft: true, defaultAltPaymentMethod: 'card_terminal', linkTiming: 'after_appointment', linkDelayMinutes: '15', paymentTermsDays: '14', vatRates: '25, 15, 12, 0' },
      invoiceDetails: { clinicName: 'Fjordside Physio AS', displayName: 'Fjordside Physio', organisationNumber: '912 345 678', address: 'Strandgata 1\n5013 Bergen', bankAccount: '1503 12 34567', supportEmail: 'post@fjordside.no', senderName: 'Fjordside Physio', senderMode: 'clinic' },
    }, ctx);
    await updatePaymentSettings(t.db, {
      linkLifetimeHours: '12', emailCost: '0.03', smsSegmentCost: '0.06', messageVat: '25', reminderAfterDueDays: '10', secondReminderAfterDays: '14',
      finalNoticeAfterDays: '14', finalNoticeGivesDays: '21', reminderFee: '35', notifyClinicOnPayment: true,
    }, ctx);
    await setPaymentProvider(t.db, 'stripe', true, ctx);
    await money(t.db, t.admin, client.id, t.serviceId);
    const docs = {} as DeskDocuments;
    for (const name of COLLECTION_NAMES) {
      const found = await t.db[name].find().exec();
      docs[name] = found.map((d) => syncState(d.toMutableJSON(true) as Record<string, unknown>) as WireDocument);
    }
    return docs;
  } finally {
    await t.db.close();
  }
}
