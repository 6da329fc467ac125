/**
 * Activating payments (docs/decisions/0035-activation-and-sender.md; Konfidens's guide, Part 3
 * "Activate"). A clinic starts with payments off: every booking is billed outside the app, and
 * no invoice is made from a booking and no payment link goes out. An admin activates them once,
 * after choosing a payment provider (the sandbox counts, for trying out); the moment is kept in
 * `invoicingActivatedAt` and never changes again, so bookings made before it stay externally
 * billed (shared/domain/billing.ts) and Part 5's "Create invoice" turns any of them into a draft.
 * Pure; asked by the desk's commands and by the sync server for every settings push.
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { ok, refuse, type Result } from './result.js';
import { instantValue, text, type Text } from '../i18n/text.js';

type Activation = Pick<ClinicSettingsDoc, 'invoicingActivatedAt'>;

/** Whether an admin has activated payments. */
export const paymentsActive = (settings: Activation): boolean => settings.invoicingActivatedAt !== '';

export interface ActivationInput {
  /** Automatic is what the guide recommends, and what the activation screen offers first. */
  readonly billingProcess: string;
  readonly provider: string;
}

export type ActivationFields = Pick<ClinicSettingsDoc, 'invoicingActivatedAt' | 'billingProcess' | 'paymentProvider'>;

/** What activating at `now` writes, or why it cannot be done. `stripeKeyStored`: main holds the clinic's Stripe key. */
export function checkActivation(settings: Activation, input: ActivationInput, stripeKeyStored: boolean, now: string): Result<ActivationFields> {
  if (paymentsActive(settings)) return refuse('activation.refused.already', { since: instantValue(settings.invoicingActivatedAt) });
  if (input.billingProcess !== 'automatic' && input.billingProcess !== 'manual') return refuse('settings.refused.billingProcess', 'billingProcess');
  if (input.provider !== 'sandbox' && input.provider !== 'stripe') return refuse('activation.refused.provider', 'provider');
  if (input.provider === 'stripe' && !stripeKeyStored) return refuse('settings.refused.stripeKeyFirst', 'provider');
  return ok({ invoicingActivatedAt: now, billingProcess: input.billingProcess, paymentProvider: input.provider });
}

/**
 * Why a settings change may not move the activation, or null: once set, the moment is final —
 * moving it would turn bookings already billed one way into the other.
 */
export function activationChangeRefusal(before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>>): Text | null {
  const was = typeof before?.invoicingActivatedAt === 'string' ? before.invoicingActivatedAt : '';
  if (was === '' || after.invoicingActivatedAt === was) return null;
  return text('activation.refused.final');
}
