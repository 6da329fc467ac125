/**
 * Canary for docs/design.md invariant 7, through the real path: a clinic whose service,
 * practitioner and invoice notes carry canary strings asks for a payment link; main's
 * payment service (the real scheduler and sender, the Stripe provider against the local
 * Stripe, SMTP and Twilio stand-ins behind the real transports) sends it, the client pays,
 * the desk reads Stripe's events and emails the clinic — and no canary appears in any
 * request Stripe received, any event it sent back, any email (headers, From, subject,
 * parts, QR code) or any SMS. Decision 0016 lists the sender's mutations this catches.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { editInvoiceLines } from '../../../shared/db/invoice-commands.js';
import { createPaymentRequest } from '../../../shared/db/payment-request-commands.js';
import { setPaymentProvider } from '../../../shared/db/payment-settings-commands.js';
import { lineToInput } from '../../../shared/domain/invoice-drafts.js';
import { FAKE_SECRET_KEY, startStripeFake, type StripeFake } from '../../../server/test-support/stripe-fake/stripe-fake.js';
import { startSmtpStandIn, startTwilioStandIn, type SmtpStandIn, type TwilioStandIn } from '../test-support/message-servers.js';
import { createPaymentService, type PaymentService } from './payment-service.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');
/** Stripe, the payment service and every command share this clock; nothing reads the wall clock. */
const clock = () => NOW;
const SERVICE = 'CANARY-SERVICE Sports massage';
const PRACTITIONER = 'CANARY-PRACTITIONER Ingrid Solberg';
const NOTES = 'CANARY-DIAGNOSIS lumbar disc herniation';
const CANARIES = [SERVICE, PRACTITIONER, NOTES, 'CANARY', 'Sports massage', 'Solberg', 'herniation'];

describe('no health information leaves the clinic', () => {
  let db: ClinicDatabase;
  let fake: StripeFake;
  let smtp: SmtpStandIn;
  let twilio: TwilioStandIn;
  let service: PaymentService;

  beforeAll(async () => {
    fake = await startStripeFake({ now: clock });
    smtp = await startSmtpStandIn();
    twilio = await startTwilioStandIn();
    db = (await openTestClinic('canary')).db;
    service = createPaymentService({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'canary-')), database: () => db, sandboxPort: 0, deskId: TEST_DESK, cron: false, now: clock, log: () => undefined,
      stripeOptions: { ...fake.stripeOptions, maxNetworkRetries: 0 },
      secrets: () => ({
        stripeSecretKey: FAKE_SECRET_KEY, stripeReturnUrl: 'https://www.fjordside.no/takk',
        smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: '', password: '', fromAddress: 'post@fjordside.example' },
        sms: { baseUrl: twilio.baseUrl, accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-token', from: 'Fjordside' },
      }),
    });
    await service.start();
  });
  afterAll(async () => {
    await service?.close();
    await db?.close();
    await Promise.all([fake?.stop(), smtp?.close(), twilio?.close()]);
  });

  it('sends a link by email and SMS, takes the payment, tells the clinic — and no canary is in anything that left', async () => {
    // The clinic: its admin treats patients, under the canary name, and sells the canary service.
    const practitioner = (await db.staff.findOne({ selector: { isPractitioner: true } }).exec())!;
    await practitioner.incrementalPatch({ name: PRACTITIONER });
    const svc = (await db.services.findOne().exec())!;
    await svc.incrementalPatch({ name: SERVICE });
    const ctx = { actor: practitioner.id, synced: false, desk: TEST_DESK, now: NOW.toISOString() };
    await setPaymentProvider(db, 'stripe', true, ctx);
    // Messages come from the staff member who sends them — but never from a practitioner (decision 0035).
    await (await db.settings.findOne('clinic').exec())!.incrementalPatch({ notifyClinicOnPayment: true, supportEmail: 'post@fjordside.example', senderMode: 'staff' });

    // A booking with the practitioner; the draft's line carries the service and the notes.
    const client = await createClient(db, { firstName: 'Kari', lastName: 'Nordmann', email: 'kari@client.example', phone: '+47 412 34 567', dateOfBirth: '' }, '2026-03-02', { actor: practitioner.id, desk: TEST_DESK, now: ctx.now });
    const { invoice } = await createBooking(db, { clientId: client.id, serviceId: svc.id, practitionerId: practitioner.id, start: '2026-03-02T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: practitioner.id, desk: TEST_DESK, now: ctx.now });
    const line = lineToInput(invoice!.lines[0]!, invoice!.currency);
    expect(line.description).toBe(SERVICE);
    await editInvoiceLines(db, invoice!.id, [{ ...line, description: `${SERVICE} — ${NOTES} (${PRACTITIONER})` }], ctx);

    // The practitioner asks for a part payment by email and SMS; the scheduler sends it.
    const request = await createPaymentRequest(db, invoice!.id, { amount: '300', channels: ['email', 'sms'] }, ctx);
    expect(await service.handlers['payments.sendDue']()).toMatchObject({ sent: 1 });
    const sent = (await db.paymentrequests.findOne(request.id).exec())!;
    expect(sent).toMatchObject({ status: 'sent', amountMinor: 30_000 });

    // The client pays at Stripe; the standalone desk reads the event and emails the clinic.
    fake.completeSession(sent.providerRef, 'paid');
    await service.handlers['payments.sendDue']();
    await service.handlers['payments.sendDue']();
    expect((await db.paymentrequests.findOne(request.id).exec())!.status).toBe('paid');
    expect((await db.payments.find({ selector: { method: 'payment_link' } }).exec()).map((p) => p.amountMinor)).toEqual([30_000]);

    // Everything that left the desk: Stripe's requests and events, every email, every SMS.
    expect(smtp.messages).toHaveLength(2);
    expect(twilio.requests).toHaveLength(1);
    const mails = await Promise.all(smtp.messages.map((raw) => simpleParser(raw, { skipImageLinks: true })));
    const qrCodes = mails.flatMap((m) => m.attachments.map((a) => {
      const png = PNG.sync.read(a.content);
      return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    }));
    expect(qrCodes).toEqual([sent.linkUrl]);
    const stripeSaw = [
      ...fake.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}\n${JSON.stringify(r.headers)}\n${decodeURIComponent(r.body.replace(/\+/g, ' '))}`),
      ...fake.events.map((e) => JSON.stringify(e)),
    ].join('\n');
    const emailed = [
      ...smtp.messages.map((raw) => raw.toString('utf8')),
      ...mails.map((m) => [...m.headers.entries()].map(([name, value]) => `${name}: ${JSON.stringify(value)}`).join('\n')),
      ...mails.map((m) => [m.from?.text, m.subject, m.text, String(m.html)].join('\n')),
      ...qrCodes,
    ].join('\n');
    const texted = twilio.requests.map((r) => decodeURIComponent(r.raw.replace(/\+/g, ' '))).join('\n');
    for (const [where, text] of [['Stripe', stripeSaw], ['email', emailed], ['SMS', texted]] as const) {
      for (const canary of CANARIES) expect(text.toLowerCase(), `${canary} in ${where}`).not.toContain(canary.toLowerCase());
    }

    // What did leave: the invoice number and the clinic's name, to the right people, in the client's language (the clinic's bokmål).
    const clientWords = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(stripeSaw).toContain(clientWords.t('msg.linkDescription', { number: '1', hasNumber: 'yes', clinic: 'Fjordside Physio' }));
    expect(stripeSaw).toContain('Faktura 1 – Fjordside Physio');
    expect(mails.map((m) => m.to && !Array.isArray(m.to) ? m.to.text : '')).toEqual(['kari@client.example', 'post@fjordside.example']);
    expect(mails[0]!.from?.value).toEqual([{ name: 'Fjordside Physio', address: 'post@fjordside.example' }]);
    expect(mails[0]!.subject).toBe(clientWords.t('email.subject.paymentLink', { clinic: 'Fjordside Physio' }));
    expect(twilio.requests[0]!.body).toContain(sent.linkUrl);
  });
});
