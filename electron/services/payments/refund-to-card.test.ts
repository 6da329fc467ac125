/**
 * Refund to card (issue 12 point 5): a client's credit paid back to the card that paid their
 * link, through main's payment service, against the local Stripe (the real SDK) and the
 * sandbox. Once per operation, once across desks (the claim), billing only, never more than
 * the credit or than is left of a payment — and recorded on the credit when Stripe confirms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { completeInvoice, createCreditNote } from '../../../shared/db/invoice-commands.js';
import { newOperationId } from '../../../shared/db/operations.js';
import { createPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import { setPaymentProvider } from '../../../shared/db/payment-settings-commands.js';
import { refundIdFor } from '../../../shared/domain/refund-facts.js';
import type { Permission } from '../../../shared/domain/permissions.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import type { MessageId } from '../../../shared/i18n/text.js';
import { createTranslator, inEnglish } from '../../../shared/i18n/translator.js';
import type { RefusedError } from '../../../shared/domain/result.js';
import { summaryOf } from '../../../shared/db/activity-log.js';
import { FAKE_SECRET_KEY, startStripeFake, type StripeFake } from '../../../server/test-support/stripe-fake/stripe-fake.js';
import { recordingTransport } from '../test-support/recording-transport.js';
import { createPaymentService, type PaymentService } from './payment-service.js';

const NOW = new Date('2026-11-21T10:00:00.000Z');
let db: ClinicDatabase;
let admin: string;
let reception: string;
let clientId: string;
let invoiceId: string;
let fake: StripeFake;
let service: PaymentService;
let signedIn: string;

const ctx = () => ({ actor: admin, synced: false, desk: TEST_DESK, now: NOW.toISOString() });

/** Main's check, as staff-auth does it: the one signed in, with the permission their roles give. */
async function requireSignedIn(claimed: string, permission: Permission, action: MessageId): Promise<StaffDoc> {
  const staff = (await db.staff.findOne(claimed).exec())?.toMutableJSON();
  if (claimed !== signedIn || !staff) throw new Error('Sign in first.');
  if (permission === 'billing' && !staff.roles.some((r) => r === 'billing' || r === 'admin')) throw new Error(`Your role does not let you ${inEnglish(action)}.`);
  return staff;
}

function startService(provider: 'stripe' | 'sandbox') {
  service = createPaymentService({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'refund-to-card-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: () => NOW, log: () => undefined,
    secrets: () => (provider === 'stripe' ? { stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk' } : {}),
    stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 }, transport: recordingTransport(), requireSignedIn,
  });
  return service.start();
}

/** The client pays the 750 invoice by link; a full credit note then leaves 750 of credit. */
async function paidByLinkThenCredited(): Promise<string> {
  const request = await createPaymentRequest(db, invoiceId, { amount: '750', channels: ['email'] }, ctx());
  await service.handlers['payments.sendDue']();
  const sessionId = (await db.paymentrequests.findOne(request.id).exec())!.providerRef;
  fake.completeSession(sessionId, 'paid');
  await service.handlers['payments.sendDue']();
  await createCreditNote(db, invoiceId, { mode: 'full' }, ctx());
  expect((await loadClientMoney(db, clientId)).account.creditMinor).toBe(75_000);
  return sessionId;
}

const refundPosts = () => fake.requests.filter((r) => r.method === 'POST' && r.url === '/v1/refunds' && r.status === 200);
const credit = async () => (await loadClientMoney(db, clientId)).account.creditMinor;

beforeEach(async () => {
  const clinic = await openTestClinic('refund-to-card');
  ({ db, admin, reception } = clinic);
  signedIn = admin;
  clientId = (await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-11-21', { actor: admin, desk: TEST_DESK, now: NOW.toISOString() })).id;
  invoiceId = (await createBooking(db, { clientId, serviceId: clinic.serviceId, practitionerId: admin, start: '2026-11-21T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW.toISOString() })).invoice!.id;
  await completeInvoice(db, invoiceId, ctx());
  fake = await startStripeFake({ now: () => NOW });
});

afterEach(async () => {
  await service?.close();
  await fake.stop();
  await db.close();
});

describe('Refund to card', () => {
  it('refunds part of the credit to the card once, however often the command is repeated, and records it on the credit', async () => {
    await setPaymentProvider(db, 'stripe', true, ctx());
    await startService('stripe');
    const sessionId = await paidByLinkThenCredited();
    const operationId = newOperationId();
    const ask = () => service.handlers['payments.refundToCard']({ staffId: admin, operationId, clientId, amount: '200' });
    // A double click, then a retry after the answer was lost.
    const [first, second] = await Promise.all([ask(), ask()]);
    const again = await ask();
    expect([first, second, again]).toEqual(Array(3).fill({ outcome: 'recorded', amountMinor: 20_000 }));
    expect(refundPosts()).toHaveLength(1);
    const post = refundPosts()[0]!;
    expect(post.headers['idempotency-key']).toBe(`refund-${operationId}`);
    expect(post.params).toMatchObject({ amount: '20000', metadata: { refund_of: 'client_credit', invoice_id: invoiceId } });
    const [made] = fake.refundsOf(sessionId);
    const fact = (await db.payments.findOne(refundIdFor(String(made!.id))).exec())!.toMutableJSON();
    expect(fact).toMatchObject({ kind: 'refund', method: 'payment_link', invoiceId: '', amountMinor: 20_000, recordedBy: 'system' });
    expect(await credit()).toBe(55_000);
    // Stripe's own events for it, polled later, add nothing.
    await service.handlers['payments.sendDue']();
    expect(await db.payments.count({ selector: { kind: 'refund' } }).exec()).toBe(1);
    // The invoice log says who asked and that Stripe confirmed it.
    const entries = await db.activity.find({ selector: { entityId: invoiceId } }).exec();
    // Its English summary (in neutral formats), and its Text for each reader: here the clinic's bokmål.
    expect(entries.map((a) => a.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Refund to card of NOK\s?200\.00 from client credit, asked by Astrid Solberg$/), expect.stringMatching(/Refund to card .* confirmed by the payment provider/)]));
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(entries.map((a) => summaryOf(a)).map((s) => (typeof s === 'string' ? s : nb.t(s)))).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Tilbakebetaling til kort av 200,00\skr fra klientkreditt, bedt om av Astrid Solberg$/),
      expect.stringMatching(/^Tilbakebetaling til kort av 200,00\skr fra klientkreditt, bekreftet av betalingsleverandøren$/),
    ]));
  });

  it('refunds once when two refunds of the same credit are asked at the same time (the claim)', async () => {
    await setPaymentProvider(db, 'stripe', true, ctx());
    await startService('stripe');
    await paidByLinkThenCredited();
    const results = await Promise.allSettled([newOperationId(), newOperationId()].map((operationId) =>
      service.handlers['payments.refundToCard']({ staffId: admin, operationId, clientId, amount: '750' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refusal = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refusal.reason)).toMatch(/already on its way/);
    expect(refundPosts()).toHaveLength(1);
    expect(await credit()).toBe(0);
  });

  it('refuses what it must, asking Stripe for nothing: not billing, more than the credit, no card payment, nothing left', async () => {
    await setPaymentProvider(db, 'stripe', true, ctx());
    await startService('stripe');
    const refund = (amount: string, staffId = admin) => service.handlers['payments.refundToCard']({ staffId, operationId: newOperationId(), clientId, amount });
    await expect(refund('100')).rejects.toThrow(/paid no payment link/);
    const sessionId = await paidByLinkThenCredited();
    signedIn = reception;
    await expect(refund('100', reception)).rejects.toThrow(/role does not let you refund money to a card/);
    await expect(refund('100', admin)).rejects.toThrow(/Sign in first/);
    signedIn = admin;
    // Refusals in English (neutral formats) as the error's message; the renderer reads their Text.
    await expect(refund('800')).rejects.toThrow(/has NOK\s?750\.00 of credit; a refund of NOK\s?800\.00 is more than that/);
    await expect(refund('-5')).rejects.toThrow();
    expect(refundPosts()).toHaveLength(0);
    // Refunded in Stripe's dashboard meanwhile: only 250 is left on the card.
    fake.refund(sessionId, 50_000);
    await expect(refund('300')).rejects.toThrow(/the most is NOK\s?250\.00/);
    const most = await refund('300').catch((e: unknown) => e);
    expect(createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' }).t((most as RefusedError).text))
      .toBe('Ingen enkelt kortbetaling fra denne klienten har 300,00\u00a0kr igjen å refundere; høyst 250,00\u00a0kr kan refunderes fra én betaling. Refunder så mye, eller resten på en annen måte.');
    expect(refundPosts()).toHaveLength(0);
    expect(await refund('250')).toEqual({ outcome: 'recorded', amountMinor: 25_000 });
  });

  it('in the sandbox, refunds locally the same way', async () => {
    await startService('sandbox');
    const request = await createPaymentRequest(db, invoiceId, { amount: '750', channels: ['email'] }, ctx());
    await service.handlers['payments.sendDue']();
    const link = (await db.paymentrequests.findOne(request.id).exec())!;
    const res = await fetch(`${link.linkUrl}/pay`, { method: 'POST' });
    expect(res.status).toBe(200);
    await createCreditNote(db, invoiceId, { mode: 'full' }, ctx());
    const operationId = newOperationId();
    expect(await service.handlers['payments.refundToCard']({ staffId: admin, operationId, clientId, amount: '750' })).toEqual({ outcome: 'recorded', amountMinor: 75_000 });
    expect(await service.handlers['payments.refundToCard']({ staffId: admin, operationId, clientId, amount: '750' })).toEqual({ outcome: 'recorded', amountMinor: 75_000 });
    expect(await credit()).toBe(0);
    const refunds = (await db.payments.find({ selector: { kind: 'refund' } }).exec()).map((d) => d.toMutableJSON());
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ method: 'payment_link', invoiceId: '', externalRef: expect.stringMatching(/^re_sbx_/) });
    await expect(service.handlers['payments.refundToCard']({ staffId: admin, operationId: newOperationId(), clientId, amount: '1' })).rejects.toThrow(/no credit/);
  });
});
