/**
 * Checking what an admin types for payment links and chasing: link lifetime (1–24 hours,
 * Stripe Checkout's limit), message prices, VAT on messages, the chasing schedule (the
 * final notice must give at least 14 days — Norwegian inkasso rules) and the reminder fee.
 * Each refusal names the field.
 */
import { FINAL_NOTICE_MIN_DAYS } from './debt-law.js';
import { reminderFeeLimit } from './reminder-fees.js';
import type { CurrencyCode } from './money.js';
import { parseAmount } from './money.js';
import type { PaymentSettings } from './payment-settings.js';
import { ok, refuse, type Result } from './result.js';
import { parseVatRate } from './vat.js';
import { text, type MessageId } from '../i18n/text.js';

export interface PaymentSettingsInput {
  readonly linkLifetimeHours: string;
  readonly emailCost: string;
  readonly smsSegmentCost: string;
  readonly messageVat: string;
  readonly reminderAfterDueDays: string;
  readonly secondReminderAfterDays: string;
  readonly finalNoticeAfterDays: string;
  readonly finalNoticeGivesDays: string;
  readonly reminderFee: string;
  readonly notifyClinicOnPayment: boolean;
}

function days(typed: string, field: string, label: MessageId, min: number): Result<number> {
  const t = typed.trim();
  if (!/^\d{1,3}$/.test(t)) return refuse('settings.refused.days', { label: text(label) }, field);
  const n = Number(t);
  if (n < min || n > 365) return refuse('settings.refused.daysRange', { label: text(label), min }, field);
  return ok(n);
}

function price(typed: string, currency: CurrencyCode, field: string, label: MessageId): Result<number> {
  if (typed.trim() === '' || typed.trim() === '0') return ok(0);
  const p = parseAmount(typed, currency);
  return p.ok ? p : refuse('settings.refused.fieldReason', { label: text(label), reason: p.text }, field);
}

export function checkPaymentSettings(input: PaymentSettingsInput, currency: CurrencyCode): Result<Omit<PaymentSettings, 'paymentProvider'>> {
  const h = input.linkLifetimeHours.trim();
  if (!/^\d{1,2}$/.test(h) || Number(h) < 1 || Number(h) > 24) return refuse('settings.refused.linkLifetime', 'linkLifetimeHours');
  const email = price(input.emailCost, currency, 'emailCost', 'settings.field.emailCost');
  if (!email.ok) return email;
  const sms = price(input.smsSegmentCost, currency, 'smsSegmentCost', 'settings.field.smsCost');
  if (!sms.ok) return sms;
  const vat = parseVatRate(input.messageVat);
  if (!vat.ok) return { ...vat, field: 'messageVat' };
  const r1 = days(input.reminderAfterDueDays, 'reminderAfterDueDays', 'settings.field.reminder', 1);
  if (!r1.ok) return r1;
  const r2 = days(input.secondReminderAfterDays, 'secondReminderAfterDays', 'settings.field.secondReminder', 1);
  if (!r2.ok) return r2;
  const fn = days(input.finalNoticeAfterDays, 'finalNoticeAfterDays', 'settings.field.finalNotice', 1);
  if (!fn.ok) return fn;
  const gives = days(input.finalNoticeGivesDays, 'finalNoticeGivesDays', 'settings.field.finalNoticeGivesDays', FINAL_NOTICE_MIN_DAYS.value);
  if (!gives.ok) return gives;
  const fee = price(input.reminderFee, currency, 'reminderFee', 'settings.field.reminderFee');
  if (!fee.ok) return fee;
  const feeLimit = reminderFeeLimit(fee.value, currency);
  if (feeLimit) return refuse(feeLimit, 'reminderFee');
  return ok({
    linkLifetimeHours: Number(h), emailCostMinor: email.value, smsSegmentCostMinor: sms.value, messageVatBp: vat.value,
    reminderAfterDueDays: r1.value, secondReminderAfterDays: r2.value, finalNoticeAfterDays: fn.value, finalNoticeGivesDays: gives.value,
    reminderFeeMinor: fee.value, notifyClinicOnPayment: input.notifyClinicOnPayment,
  });
}
