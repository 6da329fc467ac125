/**
 * Payment settings commands (admins). Choosing how payment links are taken: the sandbox (a local pay page, no real money) or
 * Stripe. Admins only; Stripe only once its key is stored in main (the desk asks main
 * whether it is, since the key itself never reaches the renderer).
 */
import { CLINIC_SETTINGS_ID, type ClinicSettingsDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { RefusedError } from '../domain/result.js';
import { checkPaymentSettings, type PaymentSettingsInput } from '../domain/payment-settings-input.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

export async function setPaymentProvider(db: ClinicDatabase, provider: ClinicSettingsDoc['paymentProvider'], stripeKeyStored: boolean, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'change how payment links are taken');
  if (provider === 'stripe' && !stripeKeyStored) throw new RefusedError({ ok: false, message: "Enter the clinic's Stripe secret key first, then switch to Stripe." });
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError({ ok: false, message: 'The clinic is not set up yet.' });
  if (stored.paymentProvider === provider) return;
  await stored.incrementalPatch({ paymentProvider: provider, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.provider',
    summary: provider === 'stripe' ? 'Payment links now go through Stripe' : 'Payment links now use the sandbox (no real money)', ...factStamp(ctx),
  }));
}

/** Link lifetime, message prices and the chasing schedule (admins). Nothing is written unless all of it is valid. */
export async function updatePaymentSettings(db: ClinicDatabase, input: PaymentSettingsInput, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'change the payment link and reminder settings');
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError({ ok: false, message: 'The clinic is not set up yet.' });
  const checked = checkPaymentSettings(input, stored.currency);
  if (!checked.ok) throw new RefusedError(checked);
  await stored.incrementalPatch({ ...checked.value, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.payments', summary: 'Payment link and reminder settings changed', ...factStamp(ctx),
  }));
}
