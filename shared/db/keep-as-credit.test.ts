/**
 * Keep as credit (issue 12 point 3): money paid on a link after it closed is kept as the
 * client's credit by billing staff — one log entry however often it is asked, refused when
 * there is nothing to keep or the person may not, and the notice's record of it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { completeInvoice } from './invoice-commands.js';
import { newOperationId } from './operations.js';
import { cancelPaymentRequest, createPaymentRequest, keepPaidAsCredit, keptAsCreditAction } from './payment-request-commands.js';
import { linkEventEffect } from '../domain/payment-link-events.js';

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let reception: string;
let invoiceId: string;
const ctx = (actor = admin, operation?: string) => ({ actor, synced: false, desk: TEST_DESK, now: NOW, ...(operation ? { operation } : {}) });

beforeEach(async () => {
  let serviceId: string;
  ({ db, admin, reception, serviceId } = await openTestClinic('keep-as-credit'));
  const clientId = (await createClient(db, { firstName: 'Anna', lastName: 'Berg', email: 'anna@example.com', phone: '', dateOfBirth: '' }, '2026-11-20', { actor: admin, desk: TEST_DESK, now: NOW })).id;
  invoiceId = (await createBooking(db, { clientId, serviceId, practitionerId: admin, start: '2026-11-20T09:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW })).invoice!.id;
  await completeInvoice(db, invoiceId, ctx());
});
afterEach(async () => { await db.close(); });

/** A link cancelled, then paid all the same (a race at the provider), as main records it. */
async function paidAfterCancel(): Promise<string> {
  const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email'] }, ctx());
  await cancelPaymentRequest(db, request.id, ctx());
  const stored = (await db.paymentrequests.findOne(request.id).exec())!;
  const effect = linkEventEffect({ type: 'succeeded', eventId: 'e1', requestId: request.id, providerRef: 'cs_1', paymentRef: 'pi_1', amountMinor: 30_000, currency: 'NOK', at: NOW }, stored.toMutableJSON(), TEST_DESK);
  await db.payments.insert(effect.fact!);
  await stored.incrementalPatch({ ...effect.request! });
  return request.id;
}

const kept = (requestId: string) => db.activity.find({ selector: { entityId: invoiceId, action: keptAsCreditAction(requestId) } }).exec();

describe('Keep as credit', () => {
  it('logs once that the clinic keeps the money, whoever repeats it', async () => {
    const requestId = await paidAfterCancel();
    const operation = newOperationId();
    await Promise.all([keepPaidAsCredit(db, requestId, ctx(admin, operation)), keepPaidAsCredit(db, requestId, ctx(admin, operation))]);
    await keepPaidAsCredit(db, requestId, ctx(admin, newOperationId()));
    const entries = await kept(requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toMatch(/kept as client credit, by Astrid Solberg/);
  });

  it('refuses a link nothing was paid on after it closed, and someone without billing', async () => {
    const open = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, ctx());
    await expect(keepPaidAsCredit(db, open.id, ctx())).rejects.toThrow(/Nothing was paid on this link after it closed/);
    const requestId = await paidAfterCancel();
    await expect(keepPaidAsCredit(db, requestId, ctx(reception))).rejects.toThrow(/keep money as client credit/);
    expect(await kept(requestId)).toHaveLength(0);
  });
});
