import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { loadClientMoney } from '../../../shared/db/client-money.js';
import { CLINIC_SETTINGS_ID } from '../../../shared/schemas/index.js';
import { openTestClinic, TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { createBooking } from '../../../shared/db/booking-commands.js';
import { createClient } from '../../../shared/db/client-commands.js';
import { completeInvoice } from '../../../shared/db/invoice-commands.js';
import { takePayment } from '../../../shared/db/payment-commands.js';
import { recordingTransport, type RecordingTransport } from '../test-support/recording-transport.js';
import { createSandbox, type Sandbox } from '../payments/sandbox-provider.js';
import { createFileClaimStore } from './claims.js';
import { createScheduler } from './scheduler.js';
import type { SenderDeps } from './send-request.js';
import { paymentEmail, paymentSms } from '../../../shared/domain/payment-messages.js';
import { FINAL_NOTICE_MIN_DAYS } from '../../../shared/domain/debt-law.js';
import { addDays } from '../../../shared/domain/time.js';
import { text } from '../../../shared/i18n/text.js';

let db: ClinicDatabase;
let admin: string;
let serviceId: string;
let clientId: string;
let clock: Date;
let sandbox: Sandbox;
let dir: string;
let transport: RecordingTransport;
let sent: RecordingTransport['emails'];

const deps = (): SenderDeps => ({ db, provider: sandbox.provider, transport, claims: createFileClaimStore(path.join(dir, 'claims')), clinicId: 'standalone', synced: false, deskId: TEST_DESK, now: () => clock, log: () => undefined });
const at = (day: string) => { clock = new Date(`${day}T09:00:00.000Z`); };
/**
 * An amount as the invoice log's English summary writes it: the activity log puts its Texts
 * into English (shared/db/activity-log.ts), in the clinic's format or a neutral one.
 */
const inLog = (major: string) => `(?:${major.replace('.', ',')}\\skr|NOK\\s?${major.replace('.', '\\.')})`;
/** Intl's no-break spaces as plain ones, to compare with typed text. */
const spaced = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

beforeEach(async () => {
  ({ db, admin, serviceId } = await openTestClinic('dunning'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dunning-'));
  transport = recordingTransport();
  sent = transport.emails;
  at('2026-03-02');
  sandbox = createSandbox({ dataDir: dir, port: 0, locale: () => 'nb-NO', onEvent: () => undefined, now: () => clock });
  await sandbox.start();
  clientId = (await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-03-02', { actor: admin, desk: TEST_DESK, now: clock.toISOString() })).id;
});

afterEach(async () => {
  await sandbox.close();
  await db.close();
});

async function invoiceDueOn2026_03_16(): Promise<string> {
  const id = (await createBooking(db, { clientId, serviceId, practitionerId: admin, start: '2026-03-02T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: clock.toISOString() })).invoice!.id;
  const done = await completeInvoice(db, id, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
  expect(done.dueDate).toBe('2026-03-16');
  return id;
}

const steps = async (invoiceId: string) =>
  (await db.paymentrequests.find({ selector: { invoiceId }, sort: [{ invoiceId: 'asc' }, { createdAt: 'asc' }] }).exec()).map((r) => [r.purpose, r.status, r.sentAt.slice(0, 10), r.amountMinor]);

describe('chasing unpaid invoices', () => {
  it('sends reminder, second reminder and final notice on schedule, each once — even after a week of downtime — then marks it ready for collection', async () => {
    const id = await invoiceDueOn2026_03_16();
    const scheduler = createScheduler(deps);
    at('2026-03-22');
    await scheduler.tick();
    expect(await steps(id)).toEqual([]);
    at('2026-03-23');
    await scheduler.tick();
    await scheduler.tick();
    expect(await steps(id)).toEqual([['reminder', 'sent', '2026-03-23', 75_000]]);
    expect(sent.map((m) => m.facts.kind)).toEqual(['reminder']);
    expect(sent[0]!.facts).toMatchObject({ amountMinor: 75_000, currency: 'NOK', feeMinor: 0 });
    // Its own deadline, in the future — not the invoice's due date of 16 March (issue 12).
    expect(sent[0]!.facts.dueDate).toBe('2026-04-05');
    // The client chose no language: the clinic's (nb-NO), so the reminder is in bokmål.
    expect(sent[0]!.facts.reader).toEqual({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(paymentEmail(sent[0]!.facts).subject).toBe('Betalingspåminnelse fra Fjordside Physio');
    expect(spaced(paymentEmail(sent[0]!.facts).text)).toContain('Beløp å betale: 750,00 kr innen 5. apr. 2026.');

    // A part payment lowers what the next step asks for.
    await takePayment(db, id, { amount: '250', method: 'cash' }, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
    at('2026-04-06');
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['second_reminder', 'sent', '2026-04-06', 50_000]);

    // The desk is closed for a week past the final notice's day: it goes once, on reopening.
    at('2026-04-27');
    await scheduler.tick();
    await scheduler.tick();
    expect((await steps(id)).filter(([p]) => p === 'final_notice')).toEqual([['final_notice', 'sent', '2026-04-27', 50_000]]);
    expect(sent.map((m) => m.facts.kind)).toEqual(['reminder', 'reminder', 'final_notice']);
    expect(sent[1]!.facts.dueDate).toBe('2026-04-19');
    // The inkassovarsel gives 14 days from the day it went, by date; collection follows the day after.
    expect(sent[2]!.facts.dueDate).toBe('2026-05-11');
    expect(sent[2]!.facts.dueDate >= addDays('2026-04-27', FINAL_NOTICE_MIN_DAYS.value)).toBe(true);
    const notice = paymentEmail(sent[2]!.facts);
    expect(notice.subject).toBe('Inkassovarsel fra Fjordside Physio');
    expect(spaced(notice.text)).toContain('Hvis beløpet ikke er betalt innen 11. mai 2026, sendes kravet til inkasso.');
    expect(spaced(notice.text)).toContain('Beløp å betale: 500,00 kr innen 11. mai 2026.');

    at('2026-05-11');
    await scheduler.tick();
    expect((await steps(id)).at(-1)?.[0]).toBe('final_notice');
    at('2026-05-12');
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['debt_collection', 'sent', '2026-05-12', 50_000]);
    expect(sent).toHaveLength(3);
    at('2026-06-30');
    await scheduler.tick();
    expect(await steps(id)).toHaveLength(4);
    const log = (await db.activity.find({ selector: { entityId: id } }).exec()).map((e) => e.summary);
    expect(log).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^Reminder due \\(${inLog('750.00')}\\)$`)), expect.stringMatching(new RegExp(`^Ready for debt collection: ${inLog('500.00')} still owed$`))]));
  });

  it('charges a reminder fee only when the rules allow, records it once as a charge, and asks for it', async () => {
    await db.settings.findOne(CLINIC_SETTINGS_ID).exec().then((s) => s!.incrementalPatch({ reminderFeeMinor: 7_000 }));
    const id = await invoiceDueOn2026_03_16();
    const scheduler = createScheduler(deps);
    const fees = async () => (await db.payments.find({ selector: { invoiceId: id, kind: 'fee' } }).exec()).map((f) => [f.id.split('-').slice(0, 2).join('-'), f.amountMinor, f.recordedBy]);
    const balance = async () => (await loadClientMoney(db, clientId)).account.accounts.get(id)!;

    // 7 days after due: too early for a fee (Norwegian rules: at least 14 days).
    at('2026-03-23');
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['reminder', 'sent', '2026-03-23', 75_000]);
    expect(await fees()).toEqual([]);

    // 21 days after due: the second reminder carries the fee and asks for it.
    at('2026-04-06');
    await scheduler.tick();
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['second_reminder', 'sent', '2026-04-06', 82_000]);
    expect(sent.at(-1)!.facts).toMatchObject({ amountMinor: 82_000, feeMinor: 7_000 });
    // A reminder with a fee is a purring, and says what the fee is.
    const purring = paymentEmail(sent.at(-1)!.facts);
    expect(purring.subject).toBe('Purring fra Fjordside Physio');
    expect(spaced(purring.text)).toContain('Beløp å betale: 820,00 kr innen 19. apr. 2026.\nBeløpet inkluderer et purregebyr på 70,00 kr.');
    expect(await fees()).toEqual([['fee-second_reminder', 7_000, 'system']]);
    expect(await balance()).toMatchObject({ totalMinor: 75_000, feesMinor: 7_000, balanceMinor: 82_000 });

    // The final notice carries the second (and last) fee; both are in what is owed.
    at('2026-04-20');
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['final_notice', 'sent', '2026-04-20', 89_000]);
    expect((await fees()).map(([fid]) => fid)).toEqual(['fee-second_reminder', 'fee-final_notice']);
    expect(await balance()).toMatchObject({ feesMinor: 14_000, balanceMinor: 89_000 });
    const log = (await db.activity.find({ selector: { entityId: id, action: 'fee.charged' } }).exec()).map((e) => e.summary);
    expect(log).toEqual([expect.stringMatching(new RegExp(`^Reminder fee of ${inLog('70.00')} charged with the second reminder$`)), expect.stringMatching(new RegExp(`^Reminder fee of ${inLog('70.00')} charged with the final notice`))]);
    const inkassovarsel = paymentEmail(sent.at(-1)!.facts);
    expect(sent.at(-1)!.facts).toMatchObject({ kind: 'final_notice', amountMinor: 89_000, feeMinor: 7_000, dueDate: '2026-05-04' });
    expect(spaced(inkassovarsel.text)).toContain('Beløpet inkluderer et purregebyr på 70,00 kr.');
    expect(spaced(inkassovarsel.text)).toMatch(/innen 4\. mai 2026, sendes kravet til inkasso\./);

    // Paying everything owed settles the invoice and ends the chasing.
    await takePayment(db, id, { amount: '890', method: 'card_terminal' }, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
    expect(await balance()).toMatchObject({ balanceMinor: 0, overpaidMinor: 0, state: 'paid' });
    at('2026-05-30');
    await scheduler.tick();
    expect((await steps(id)).map(([p]) => p)).toEqual(['reminder', 'second_reminder', 'final_notice']);
  });

  it('writes to a client who reads English in English, in the clinic\'s formats', async () => {
    await (await db.clients.findOne(clientId).exec())!.incrementalPatch({ language: 'en' });
    const id = await invoiceDueOn2026_03_16();
    at('2026-03-23');
    await createScheduler(deps).tick();
    expect((await steps(id)).at(-1)).toEqual(['reminder', 'sent', '2026-03-23', 75_000]);
    expect(sent[0]!.facts.reader.language).toBe('en');
    const email = paymentEmail(sent[0]!.facts);
    expect(email.subject).toBe('Payment reminder from Fjordside Physio');
    expect(spaced(email.text)).toContain('Amount to pay: 750,00 kr by 5 Apr 2026.');
    expect(spaced(paymentSms(sent[0]!.facts))).toMatch(/^Fjordside Physio: Hi Ingrid, reminder: please pay 750,00 kr \(invoice \d+\) by 5 Apr 2026: /);
  });

  it('charges no fee when no channel reached the client', async () => {
    await db.settings.findOne(CLINIC_SETTINGS_ID).exec().then((s) => s!.incrementalPatch({ reminderFeeMinor: 7_000, reminderAfterDueDays: 14 }));
    const id = await invoiceDueOn2026_03_16();
    transport.next.email = { outcome: 'failed', detail: text('msg.detail.verbatim', { detail: '550 mailbox unavailable' }), retryable: false, segments: 1 };
    const scheduler = createScheduler(deps);
    at('2026-03-30');
    await scheduler.tick();
    expect((await steps(id)).at(-1)).toEqual(['reminder', 'failed', '2026-03-30', 82_000]);
    expect(await db.payments.find({ selector: { invoiceId: id, kind: 'fee' } }).exec()).toEqual([]);
    expect((await loadClientMoney(db, clientId)).account.accounts.get(id)!.balanceMinor).toBe(75_000);
  });

  it('does not chase a paid invoice, and stops when it is paid', async () => {
    const paid = await invoiceDueOn2026_03_16();
    await takePayment(db, paid, { amount: '750', method: 'card_terminal' }, { actor: admin, synced: false, desk: TEST_DESK, now: clock.toISOString() });
    const scheduler = createScheduler(deps);
    at('2026-04-30');
    await scheduler.tick();
    expect(await steps(paid)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('three schedulers ticking at once on the same desk send each reminder exactly once', async () => {
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push(await invoiceDueOn2026_03_16());
    at('2026-03-23');
    const schedulers = [1, 2, 3].map(() => createScheduler(deps));
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(sent).toHaveLength(20);
    expect(new Set(sent.map((m) => m.key)).size).toBe(20);
  });
});
