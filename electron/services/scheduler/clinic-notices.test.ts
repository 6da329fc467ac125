import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { completeInvoice } from '../../../shared/db/invoice-commands.js';
import { takePayment } from '../../../shared/db/payment-commands.js';
import { moneyFact } from '../../../shared/domain/payment-rules.js';
import { SERVER_DESK } from '../../../shared/domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../../../shared/schemas/index.js';
import { recordingTransport, type RecordingTransport } from '../test-support/recording-transport.js';
import type { PaymentProvider } from '../payments/types.js';
import { createFileClaimStore } from './claims.js';
import { createScheduler } from './scheduler.js';
import type { SenderDeps } from './send-request.js';
import { text } from '../../../shared/i18n/text.js';

let db: ClinicDatabase;
let admin: string;
let invoiceId: string;
let clientId: string;
let dir: string;
let transport: RecordingTransport;
let notices: RecordingTransport['notices'];
let clock: Date;

const provider: PaymentProvider = {
  kind: 'sandbox',
  async createLink() { throw new Error('no links in this test'); },
  async expireLink() { return 'expired'; /* none open */ },
  async refundable() { return 0; },
  async refund() { throw new Error('no refunds in this test'); },
};
const deps = (): SenderDeps => ({ db, provider, transport, claims: createFileClaimStore(path.join(dir, 'claims')), clinicId: 'standalone', synced: false, deskId: TEST_DESK, now: () => clock, log: () => undefined });

/** A link payment as the sync server writes it from Stripe's webhook, replicated to this desk. */
const webhookPayment = (id: string, amountMinor: number, at: string) => db.payments.insert(moneyFact({
  id, kind: 'payment', invoiceId, clientId, method: 'payment_link', amountMinor, currency: 'NOK', at, recordedBy: 'system', recordedOn: SERVER_DESK, externalRef: `pi_${id}`,
}));

beforeEach(async () => {
  const clinic = await openTestClinic('clinic-notices');
  ({ db, admin } = clinic);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-notices-'));
  transport = recordingTransport();
  notices = transport.notices;
  clock = new Date('2026-11-21T10:00:00.000Z');
  clientId = (await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-11-21', { actor: admin, desk: TEST_DESK, now: clock.toISOString() })).id;
  invoiceId = (await createBooking(db, { clientId, serviceId: clinic.serviceId, practitionerId: admin, start: '2026-11-21T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: clock.toISOString() })).invoice!.id;
  await completeInvoice(db, invoiceId, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
  await (await db.settings.findOne(CLINIC_SETTINGS_ID).exec())!.incrementalPatch({ notifyClinicOnPayment: true, supportEmail: 'post@fjordside.no' });
});

afterEach(async () => {
  await db.close();
});

describe('emailing the clinic when a link is paid', () => {
  it('tells the clinic once about a payment the sync server applied, with client, invoice and amount only', async () => {
    await webhookPayment('pay-1', 30_000, '2026-11-21T09:59:00.000Z');
    // Several schedulers (desks) sharing the claims, ticking twice each.
    const schedulers = [createScheduler(deps), createScheduler(deps)];
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(notices).toHaveLength(1);
    // In the clinic's language: the test clinic's locale is nb-NO.
    expect(notices[0]).toMatchObject({ key: 'notice:pay-1', to: 'post@fjordside.no', subject: expect.stringMatching(/^Betalt med lenke: 300,00\skr, faktura 1$/) });
    expect(notices[0]!.text).toMatch(/^Ingrid Berg har betalt 300,00\skr for faktura 1 med betalingslenke\.\n\nFjordside Physio$/);
    expect(notices[0]!.text).not.toMatch(/Consultation|Astrid/);
  });

  it('writes the notice in English for a clinic whose language is English', async () => {
    await (await db.settings.findOne(CLINIC_SETTINGS_ID).exec())!.incrementalPatch({ locale: 'en-GB' });
    await webhookPayment('pay-en', 30_000, '2026-11-21T09:59:00.000Z');
    await createScheduler(deps).tick();
    expect(notices[0]).toMatchObject({ key: 'notice:pay-en', subject: expect.stringMatching(/^Paid by link: NOK\s?300\.00, invoice 1$/) });
    expect(notices[0]!.text).toMatch(/^Ingrid Berg paid NOK\s?300\.00 for invoice 1 by payment link\.\n\nFjordside Physio$/);
    expect(notices[0]!.text).not.toMatch(/Consultation|Astrid/);
  });

  it('says nothing about desk payments, old payments, or when the clinic did not ask', async () => {
    await takePayment(db, invoiceId, { amount: '100', method: 'cash' }, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
    await webhookPayment('pay-old', 10_000, '2026-11-19T09:00:00.000Z');
    const scheduler = createScheduler(deps);
    await scheduler.tick();
    expect(notices).toEqual([]);
    await (await db.settings.findOne(CLINIC_SETTINGS_ID).exec())!.incrementalPatch({ notifyClinicOnPayment: false });
    await webhookPayment('pay-2', 10_000, '2026-11-21T09:59:00.000Z');
    await scheduler.tick();
    expect(notices).toEqual([]);
  });

  it('tries again on a later pass when the mail server turned the notice away', async () => {
    await webhookPayment('pay-3', 20_000, '2026-11-21T09:59:00.000Z');
    const scheduler = createScheduler(deps);
    transport.next.notice = { outcome: 'failed', detail: text('msg.detail.verbatim', { detail: '451 try later' }), retryable: true, segments: 1 };
    await scheduler.tick();
    expect(notices.map((n) => n.key)).toEqual(['notice:pay-3']);
    delete transport.next.notice;
    clock = new Date('2026-11-21T10:01:00.000Z');
    await scheduler.tick();
    await scheduler.tick();
    // The failed attempt and the one that went out; no third.
    expect(notices.map((n) => n.key)).toEqual(['notice:pay-3', 'notice:pay-3']);
    expect(transport.all).toHaveLength(2);
  });
});
