import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { activatePayments, setPaymentProvider, updatePaymentSettings } from './payment-settings-commands.js';
import { createPaymentRequest } from './payment-request-commands.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import type { PaymentSettingsInput } from '../domain/payment-settings-input.js';

let db: ClinicDatabase;
let admin: string;
let reception: string;
const ctx = (actor: string) => ({ actor, synced: false, desk: TEST_DESK, now: '2026-11-21T10:00:00.000Z' });
const INPUT: PaymentSettingsInput = {
  linkLifetimeHours: '12', emailCost: '0.03', smsSegmentCost: '0.06', messageVat: '25', reminderAfterDueDays: '10', secondReminderAfterDays: '14',
  finalNoticeAfterDays: '14', finalNoticeGivesDays: '21', reminderFee: '35', notifyClinicOnPayment: true,
};

beforeEach(async () => { ({ db, admin, reception } = await openTestClinic('payment-settings')); });
afterEach(async () => { await db.close(); });

describe('payment settings commands', () => {
  it('saves a valid set for an admin', async () => {
    await updatePaymentSettings(db, INPUT, ctx(admin));
    expect((await db.settings.findOne('clinic').exec())!).toMatchObject({ linkLifetimeHours: 12, emailCostMinor: 3, reminderAfterDueDays: 10, finalNoticeGivesDays: 21, reminderFeeMinor: 3500, notifyClinicOnPayment: true });
  });

  it('refuses reception, and a bad field, writing nothing', async () => {
    const before = (await db.settings.findOne('clinic').exec())!.toMutableJSON();
    await expect(updatePaymentSettings(db, INPUT, ctx(reception))).rejects.toThrow('Rita Resepsjon does not have the admin permission needed to change the payment link and reminder settings. Ask someone with admin rights.');
    await expect(updatePaymentSettings(db, { ...INPUT, finalNoticeGivesDays: '7' }, ctx(admin))).rejects.toMatchObject({ field: 'finalNoticeGivesDays' });
    await expect(setPaymentProvider(db, 'stripe', true, ctx(reception))).rejects.toThrow(/does not have the admin permission/);
    expect((await db.settings.findOne('clinic').exec())!.toMutableJSON()).toEqual(before);
  });
});

describe('activating payments', () => {
  const fresh = async () => {
    await db.close();
    ({ db, admin, reception } = await openTestClinic('activation', undefined, { activated: false }));
  };
  const settings = async () => (await db.settings.findOne('clinic').exec())!.toMutableJSON();
  const activations = async () => (await db.activity.find({ selector: { action: 'settings.activated' } }).exec()).length;

  it('starts off: a booking is billed outside the app and no link can be asked for, until an admin activates', async () => {
    await fresh();
    expect((await settings()).invoicingActivatedAt).toBe('');
    const client = await createClient(db, { firstName: 'Ingrid', lastName: 'Berg', email: 'ingrid@example.com', phone: '', dateOfBirth: '' }, '2026-11-21', ctx(admin));
    const before = await createBooking(db, { clientId: client.id, serviceId: (await db.services.findOne().exec())!.id, practitionerId: admin, start: '2026-11-21T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, ctx(admin));
    expect(before).toMatchObject({ invoice: null, booking: { billing: 'external' } });

    const after = await activatePayments(db, { billingProcess: 'automatic', provider: 'sandbox' }, false, ctx(admin));
    expect(after).toMatchObject({ invoicingActivatedAt: '2026-11-21T10:00:00.000Z', billingProcess: 'automatic', paymentProvider: 'sandbox', updatedBy: admin });
    expect(await activations()).toBe(1);
    const later = await createBooking(db, { clientId: client.id, serviceId: (await db.services.findOne().exec())!.id, practitionerId: admin, start: '2026-11-22T08:00:00.000Z', billing: 'clinic-default', confirmOverlap: true }, { ...ctx(admin), now: '2026-11-21T11:00:00.000Z' });
    expect(later.booking.billing).toBe('automatic');
    expect(later.invoice).not.toBeNull();
  });

  it('refuses reception, Stripe without its key and a second activation (a double click), writing nothing', async () => {
    await fresh();
    const before = await settings();
    await expect(activatePayments(db, { billingProcess: 'automatic', provider: 'sandbox' }, false, ctx(reception))).rejects.toThrow(/does not have the admin permission needed to activate payments/);
    await expect(activatePayments(db, { billingProcess: 'automatic', provider: 'stripe' }, false, ctx(admin))).rejects.toMatchObject({ field: 'provider' });
    expect(await settings()).toEqual(before);
    const [first, second] = await Promise.allSettled([
      activatePayments(db, { billingProcess: 'manual', provider: 'sandbox' }, false, ctx(admin)),
      activatePayments(db, { billingProcess: 'automatic', provider: 'sandbox' }, false, { ...ctx(admin), now: '2026-11-21T10:00:01.000Z' }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/^Payments are already activated/) } });
    expect(await settings()).toMatchObject({ invoicingActivatedAt: '2026-11-21T10:00:00.000Z', billingProcess: 'manual' });
    expect(await activations()).toBe(1);
  });

  it('is one command: the same operation again (a retry, a replay after a crash) finishes it and logs it once', async () => {
    await fresh();
    const op = { ...ctx(admin), operation: '0f2c1d5e-9a7b-4c3d-8e6f-1a2b3c4d5e6f' };
    // The log entry cannot be written the first time: the desk stopped after the settings write.
    const insert = db.activity.insert.bind(db.activity);
    let broken = true;
    db.activity.insert = ((doc: Parameters<typeof insert>[0]) => (broken ? Promise.reject(new Error('disk full')) : insert(doc))) as typeof insert;
    await expect(activatePayments(db, { billingProcess: 'automatic', provider: 'sandbox' }, false, op)).rejects.toThrow('disk full');
    expect((await settings()).invoicingActivatedAt).toBe('2026-11-21T10:00:00.000Z');
    broken = false;
    // The retry (the same operation, later) finishes it: no refusal, the log once, the moment kept.
    await activatePayments(db, { billingProcess: 'automatic', provider: 'sandbox' }, false, { ...op, now: '2026-11-21T10:05:00.000Z' });
    expect(await activations()).toBe(1);
    expect((await settings()).invoicingActivatedAt).toBe('2026-11-21T10:00:00.000Z');
    // Another operation, even by the same admin, is a second activation: refused, nothing logged.
    await expect(activatePayments(db, { billingProcess: 'manual', provider: 'sandbox' }, false, { ...ctx(admin), now: '2026-11-21T10:10:00.000Z', operation: '1f2c1d5e-9a7b-4c3d-8e6f-1a2b3c4d5e6f' })).rejects.toThrow(/already activated/);
    expect(await activations()).toBe(1);
  });

  it('refuses a payment link while payments are off', async () => {
    await fresh();
    await expect(createPaymentRequest(db, 'no-such-invoice', { amount: '100', channels: ['email'] }, ctx(admin))).rejects.toThrow(/Payments are not activated yet, so no payment link can be sent/);
  });
});
