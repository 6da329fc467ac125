/**
 * Payment settings commands (admins). Choosing how payment links are taken: the sandbox (a local pay page, no real money) or
 * Stripe. Admins only; Stripe only once its key is stored in main (the desk asks main
 * whether it is, since the key itself never reaches the renderer).
 */
import { CLINIC_SETTINGS_ID, type ClinicSettingsDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { refuse, RefusedError } from '../domain/result.js';
import { text } from '../i18n/text.js';
import { checkPaymentSettings, type PaymentSettingsInput } from '../domain/payment-settings-input.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';

export async function setPaymentProvider(db: ClinicDatabase, provider: ClinicSettingsDoc['paymentProvider'], stripeKeyStored: boolean, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changePaymentProvider');
  if (provider === 'stripe' && !stripeKeyStored) throw new RefusedError(refuse('settings.refused.stripeKeyFirst'));
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
  if (stored.paymentProvider === provider) return;
  await stored.incrementalPatch({ paymentProvider: provider, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.provider',
    summary: text(provider === 'stripe' ? 'log.providerStripe' : 'log.providerSandbox'), ...factStamp(ctx),
  }));
}

/** Link lifetime, message prices and the chasing schedule (admins). Nothing is written unless all of it is valid. */
export async function updatePaymentSettings(db: ClinicDatabase, input: PaymentSettingsInput, ctx: DeskActor): Promise<void> {
  await requirePermission(db, ctx.actor, 'admin', 'operation.changePaymentSettings');
  const stored = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!stored) throw new RefusedError(refuse('setup.refused.notSetUp'));
  const checked = checkPaymentSettings(input, stored.currency);
  if (!checked.ok) throw new RefusedError(checked);
  await stored.incrementalPatch({ ...checked.value, ...changeStamp(ctx) });
  await db.activity.insert(activityEntry({
    entity: 'settings', entityId: CLINIC_SETTINGS_ID, action: 'settings.payments', summary: text('log.paymentSettingsChanged'), ...factStamp(ctx),
  }));
}
