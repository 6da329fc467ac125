import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { cancelPaymentRequest, createPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { moneyFact } from '../../../shared/domain/payment-rules.js';
import { recordingTransport, type RecordingTransport } from '../test-support/recording-transport.js';
import { createSandbox, type Sandbox } from '../payments/sandbox-provider.js';
import { applyLinkEvent } from '../payments/apply-link-event.js';
import { createFileClaimStore, type ClaimStore } from './claims.js';
import { createScheduler } from './scheduler.js';
import { paymentSms } from '../../../shared/domain/payment-messages.js';
import type { SenderDeps } from './send-request.js';
import { text } from '../../../shared/i18n/text.js';

let db: ClinicDatabase;
let admin: string;
let invoiceId: string;
let clock: Date;
let sandbox: Sandbox;
let dir: string;
let sent: RecordingTransport['all'];
let transport: RecordingTransport;

const ctx = () => ({ actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });

function deps(claims: ClaimStore): SenderDeps {
  return { db, provider: sandbox.provider, transport, claims, clinicId: 'standalone', synced: false, deskId: TEST_DESK, now: () => clock, log: () => undefined };
}

beforeEach(async () => {
  const clinic = await openTestClinic('scheduler');
  db = clinic.db;
  admin = clinic.admin;
  clock = new Date('2026-11-21T10:00:00.000Z');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scheduler-'));
  transport = recordingTransport();
  sent = transport.all;
  sandbox = createSandbox({ dataDir: dir, port: 0, locale: () => 'nb-NO', onEvent: (e) => applyLinkEvent(db, e, clock.toISOString(), TEST_DESK).then(() => undefined), now: () => clock, processingMs: 10 });
  await sandbox.start();
  const client = await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '+47 412 34 567', dateOfBirth: '' }, '2026-11-21', { actor: admin, desk: TEST_DESK, now: clock.toISOString() });
  invoiceId = (await createBooking(db, { clientId: client.id, serviceId: clinic.serviceId, practitionerId: admin, start: '2026-11-21T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: clock.toISOString() })).invoice!.id;
});

afterEach(async () => {
  await sandbox.close();
  await db.close();
});

async function pay(linkUrl: string, action: 'pay' | 'process' | 'decline' = 'pay'): Promise<string> {
  const res = await fetch(`${linkUrl}/${action}`, { method: 'POST' });
  return res.text();
}

describe('who a message comes from (decision 0035)', () => {
  const sendAs = async (staffId: string, senderMode: 'clinic' | 'staff') => {
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ senderMode, senderName: 'Fjordside Fysio' });
    await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, { ...ctx(), actor: staffId });
    await createScheduler(() => deps(createFileClaimStore(path.join(dir, `claims-${staffId}-${senderMode}`)))).tick();
    const email = transport.emails.at(-1)!;
    return { fromName: email.fromName, senderName: email.facts.senderName };
  };
  const addBilling = async (over: { roles?: ('billing' | 'practitioner')[]; isPractitioner?: boolean } = {}) => {
    const member = { ...(await db.staff.findOne(admin).exec())!.toMutableJSON(), id: `st-${Math.random().toString(36).slice(2, 8)}`, name: 'Berit Billing', roles: ['billing' as const], isPractitioner: false, ...over };
    await db.staff.insert(member);
    return member.id;
  };

  it('comes from the staff member who sent it when the clinic chose that, else from the clinic', async () => {
    const berit = await addBilling();
    expect(await sendAs(berit, 'staff')).toEqual({ fromName: 'Berit Billing', senderName: 'Berit Billing' });
    expect(await sendAs(berit, 'clinic')).toEqual({ fromName: 'Fjordside Fysio', senderName: 'Fjordside Fysio' });
  });

  it("still comes from the staff member when the link had to wait a tick, and completes the draft as theirs", async () => {
    const berit = await addBilling();
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ senderMode: 'staff', senderName: 'Fjordside Fysio' });
    const request = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, { ...ctx(), actor: berit });
    const offline = { ...sandbox.provider, createLink: () => Promise.reject(new Error('provider unreachable')) };
    const claims = createFileClaimStore(path.join(dir, 'claims-retry'));
    await createScheduler(() => ({ ...deps(claims), provider: offline })).tick();
    // Nothing went; the request is still Berit's, and the log says why once however often it waits.
    await createScheduler(() => ({ ...deps(claims), provider: offline })).tick();
    expect((await db.paymentrequests.findOne(request.id).exec())!).toMatchObject({ status: 'scheduled', updatedBy: berit });
    const waiting = await db.activity.find({ selector: { action: 'link.waiting' } }).exec();
    expect(waiting.map((e) => e.summary)).toEqual(['The payment link could not be created: provider unreachable']);
    await createScheduler(() => deps(claims)).tick();
    expect(transport.emails.at(-1)!.fromName).toBe('Berit Billing');
    expect((await db.invoices.findOne(invoiceId).exec())!).toMatchObject({ status: 'completed', updatedBy: berit });
  });

  it('never names a practitioner, by role or by calendar column', async () => {
    // Astrid (the admin) treats clients.
    expect(await sendAs(admin, 'staff')).toEqual({ fromName: 'Fjordside Fysio', senderName: 'Fjordside Fysio' });
    expect(await sendAs(await addBilling({ isPractitioner: true }), 'staff')).toMatchObject({ fromName: 'Fjordside Fysio' });
    expect(await sendAs(await addBilling({ roles: ['billing', 'practitioner'] }), 'staff')).toMatchObject({ fromName: 'Fjordside Fysio' });
  });
});

describe('sending payment links', () => {
  it('sends a part-payment link by email and SMS, completing the draft; the client pays; a second link asks only for the rest', async () => {
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    const request = await createPaymentRequest(db, invoiceId, { amount: '300', channels: ['email', 'sms'] }, ctx());
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    const invoice = (await db.invoices.findOne(invoiceId).exec())!;
    expect(invoice).toMatchObject({ status: 'completed', number: 1 });
    const stored = (await db.paymentrequests.findOne(request.id).exec())!;
    expect(stored).toMatchObject({ status: 'sent', amountMinor: 30_000 });
    expect(stored.linkUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/sbx_/);
    expect(sent.map((m) => m.to)).toEqual(['ingrid@example.com', '+47 412 34 567']);
    expect(transport.emails[0]!.facts).toMatchObject({ clinicName: 'Fjordside Physio', clientFirstName: 'Ingrid', invoiceNumber: 1, amountMinor: 30_000, currency: 'NOK', link: stored.linkUrl, senderName: 'Fjordside Physio' });
    // The client chose no language: the clinic's, bokmål, in its formats.
    expect(transport.emails[0]!.facts.reader).toEqual({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(paymentSms(transport.sms[0]!.facts)).toBe(`Fjordside Physio: Hei Ingrid, vennligst betal 300,00 kr (faktura 1) innen 5. des. 2026: ${stored.linkUrl}`);
    const messages = await db.messages.find().exec();
    expect(messages.map((m) => [m.channel, m.outcome, m.costMinor])).toEqual(expect.arrayContaining([['email', 'sent', 2], ['sms', 'sent', 5]]));

    // The page shows the amount; paying records the payment once and marks the request paid.
    expect(await (await fetch(stored.linkUrl)).text()).toContain('300,00');
    // The page is in the client's language: the clinic's bokmål.
    expect(await pay(stored.linkUrl)).toContain('Takk');
    expect(await pay(stored.linkUrl)).toContain('Takk');
    const money = await loadClientMoney(db, invoice.clientId);
    expect(money.facts.filter((f) => f.method === 'payment_link').map((f) => f.amountMinor)).toEqual([30_000]);
    expect(money.account.accounts.get(invoiceId)).toMatchObject({ state: 'part_paid', balanceMinor: 45_000 });
    expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid');

    await expect(createPaymentRequest(db, invoiceId, { amount: '500', channels: ['sms'] }, ctx())).rejects.toThrow(/at most the balance of (?:450,00|NOK\s?450\.00)/);
    const rest = await createPaymentRequest(db, invoiceId, { amount: '450', channels: ['sms'] }, ctx());
    await scheduler.tick();
    await pay((await db.paymentrequests.findOne(rest.id).exec())!.linkUrl, 'process');
    expect((await db.paymentrequests.findOne(rest.id).exec())!.status).toBe('processing');
    await new Promise((r) => setTimeout(r, 50));
    expect((await loadClientMoney(db, invoice.clientId)).account.accounts.get(invoiceId)).toMatchObject({ state: 'paid', balanceMinor: 0 });
    const log = (await db.activity.find({ selector: { entityId: invoiceId } }).exec()).map((e) => e.summary);
    // The invoice log's English summary (shared/db/activity-log.ts puts its Text into English).
    expect(log).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Payment link for (?:300,00\skr|NOK\s?300\.00) sent by email and SMS .*cost (?:0,07\skr|NOK\s?0\.07) excl\. VAT$/),
      expect.stringMatching(/^Paid (?:300,00\skr|NOK\s?300\.00) by payment link; balance now (?:450,00\skr|NOK\s?450\.00)$/),
    ]));
    await scheduler.stop();
  });

  it('sends a "send later" request only when its time comes, and not at all once cancelled', async () => {
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    const later = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'], sendAt: '2026-11-21T15:00:00.000Z' }, ctx());
    const cancelled = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'], sendAt: '2026-11-21T15:00:00.000Z' }, ctx());
    await cancelPaymentRequest(db, cancelled.id, ctx());
    expect(await scheduler.tick()).toMatchObject({ sent: 0 });
    clock = new Date('2026-11-21T15:00:30.000Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    expect((await db.paymentrequests.findOne(later.id).exec())!.status).toBe('sent');
    expect(sent).toHaveLength(1);
  });

  it('expires a link after its lifetime (24 hours by default) and the page says so', async () => {
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    const r = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, ctx());
    await scheduler.tick();
    const url = (await db.paymentrequests.findOne(r.id).exec())!.linkUrl;
    clock = new Date('2026-11-22T10:00:01.000Z');
    expect(await scheduler.tick()).toMatchObject({ expired: 1 });
    expect((await db.paymentrequests.findOne(r.id).exec())!.status).toBe('expired');
    expect(await pay(url)).toContain('Denne lenken har utløpt');
    expect((await db.payments.count().exec())).toBe(0);
  });

  it("leaves a link open when the payment that paid the invoice is the link's own, synced here before the link's status", async () => {
    const claims = createFileClaimStore(path.join(dir, 'claims'));
    const scheduler = createScheduler(() => deps(claims));
    const r = await createPaymentRequest(db, invoiceId, { amount: '750', channels: ['email'] }, ctx());
    await scheduler.tick();
    const { providerRef } = (await db.paymentrequests.findOne(r.id).exec())!;
    // The client paid through the link on another desk; the payment reached this desk first.
    const paidElsewhere = (ref: string) => (ref === providerRef ? Promise.resolve('completed' as const) : sandbox.provider.expireLink(ref));
    const racing = createScheduler(() => ({ ...deps(claims), provider: { ...sandbox.provider, expireLink: paidElsewhere } }));
    await db.payments.insert(moneyFact({ id: 'link-pi_1', kind: 'payment', invoiceId, clientId: r.clientId, method: 'payment_link', amountMinor: 75_000, currency: 'NOK', at: clock.toISOString(), recordedBy: 'system', recordedOn: 'desk-other', externalRef: 'pi_1' }));
    await racing.tick();
    expect((await db.paymentrequests.findOne(r.id).exec())!).toMatchObject({ status: 'sent', problem: '' });
  });

  it('closes an open link when the invoice is paid at the desk, at the provider too', async () => {
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    const r = await createPaymentRequest(db, invoiceId, { amount: '750', channels: ['email'] }, ctx());
    await scheduler.tick();
    const { linkUrl } = (await db.paymentrequests.findOne(r.id).exec())!;
    await db.payments.insert(moneyFact({ id: 'cash-1', kind: 'payment', invoiceId, clientId: r.clientId, method: 'cash', amountMinor: 75_000, currency: 'NOK', at: clock.toISOString(), recordedBy: admin, recordedOn: TEST_DESK }));
    await scheduler.tick();
    expect((await db.paymentrequests.findOne(r.id).exec())!).toMatchObject({ status: 'cancelled', problem: 'Paid in another way.' });
    expect(await pay(linkUrl)).toContain('utløpt');
  });

  it('never sends twice: a job claimed before a crash is left unknown, and a second desk cannot claim it', async () => {
    const claimsFile = path.join(dir, 'claims');
    const r = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, ctx());
    // The desk claimed the email and died before recording anything.
    await createFileClaimStore(claimsFile).claim(`${r.id}:email`);
    const restarted = createScheduler(() => deps(createFileClaimStore(claimsFile)));
    expect(await restarted.tick()).toMatchObject({ sent: 0, unknown: 1 });
    expect(sent).toHaveLength(0);
    expect((await db.paymentrequests.findOne(r.id).exec())!).toMatchObject({ status: 'unknown', problem: expect.stringMatching(/may or may not have gone out/) });
    expect(await restarted.tick()).toMatchObject({ sent: 0 });
    expect(sent).toHaveLength(0);
  });

  it('records a rejected email as failed with its reason and costs nothing', async () => {
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    transport.next.email = { outcome: 'failed', detail: text('msg.detail.verbatim', { detail: '550 No such user here' }), retryable: false, segments: 1 };
    const r = await createPaymentRequest(db, invoiceId, { amount: '100', channels: ['email'] }, ctx());
    expect(await scheduler.tick()).toMatchObject({ failed: 1 });
    expect((await db.paymentrequests.findOne(r.id).exec())!).toMatchObject({ status: 'failed', problem: 'Email: 550 No such user here' });
    expect((await db.messages.find().exec()).map((m) => [m.outcome, m.costMinor])).toEqual([['failed', 0]]);
  });

  it('automatic mode: the link goes out 15 minutes after the appointment ends, follows a moved booking, and not at all once cancelled', async () => {
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ billingProcess: 'automatic' });
    const scheduler = createScheduler(() => deps(createFileClaimStore(path.join(dir, 'claims'))));
    const client = (await db.clients.find().exec())[0]!;
    const service = (await db.services.find().exec())[0]!;
    const book = (start: string) => createBooking(db, { clientId: client.id, serviceId: service.id, practitionerId: admin, start, billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: clock.toISOString() });
    const { booking, invoice } = await book('2026-11-21T12:00:00.000Z');
    expect(booking.billing).toBe('automatic');
    const [request] = await db.paymentrequests.find({ selector: { invoiceId: invoice!.id } }).exec();
    expect(request).toMatchObject({ status: 'scheduled', amountMinor: 0, sendAt: '2026-11-21T13:00:00.000Z', channels: ['email', 'sms'] });

    clock = new Date('2026-11-21T12:59:00.000Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 0 });
    clock = new Date('2026-11-21T13:00:05.000Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 1 });
    expect((await db.paymentrequests.findOne(request!.id).exec())!).toMatchObject({ status: 'sent', amountMinor: 75_000 });
    expect((await db.invoices.findOne(invoice!.id).exec())!.status).toBe('completed');

    const moved = await book('2026-11-23T08:00:00.000Z');
    const { rescheduleBooking, cancelBooking } = await import('../../../shared/db/booking-commands.js');
    await rescheduleBooking(db, moved.booking.id, { start: '2026-11-24T08:00:00.000Z', practitionerId: admin, confirmOverlap: true }, ctx());
    const [movedRequest] = await db.paymentrequests.find({ selector: { invoiceId: moved.invoice!.id } }).exec();
    expect(movedRequest!.sendAt).toBe('2026-11-24T09:00:00.000Z');
    await cancelBooking(db, moved.booking.id, { voidDraft: true }, ctx());
    expect((await db.paymentrequests.findOne(movedRequest!.id).exec())!.status).toBe('cancelled');
    clock = new Date('2026-11-25T10:00:00.000Z');
    expect(await scheduler.tick()).toMatchObject({ sent: 0 });
  });
});
