/**
 * What a settings save actually changed, in words for the activity log ("Payment terms:
 * 14 → 30 days"). Fields that were saved with their old value are left out, so a save
 * that changes nothing is recognisable and need not be written at all.
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { METHOD_LABELS } from './payment-rules.js';
import { formatVatRate } from './vat.js';

type Editable = Omit<ClinicSettingsDoc, 'id' | 'currency' | 'locale' | 'timeZone' | 'invoicingActivatedAt' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'deskId'>;

const LABELS: Readonly<Record<keyof Editable, string>> = {
  billingProcess: 'Billing process',
  manualCreateDraft: 'Create draft invoice automatically',
  defaultAltPaymentMethod: 'Default alternative payment method',
  linkTiming: 'Send payment link',
  linkDelayMinutes: 'Minutes after the appointment',
  paymentTermsDays: 'Payment terms',
  vatRatesBp: 'VAT rates',
  clinicName: 'Legal name',
  displayName: 'Display name',
  organisationNumber: 'Organisation number',
  address: 'Address',
  bankAccount: 'Bank account',
  supportEmail: 'Support email',
  senderName: 'Sender name',
  paymentProvider: 'Payment provider',
  linkLifetimeHours: 'Payment link lifetime (hours)',
  emailCostMinor: 'Email cost',
  smsSegmentCostMinor: 'SMS cost per segment',
  idleLockMinutes: 'Lock the desk after (minutes idle)',
  messageVatBp: 'VAT on messages',
  reminderAfterDueDays: 'Reminder, days after due',
  secondReminderAfterDays: 'Second reminder, days after the first',
  finalNoticeAfterDays: 'Final notice, days after the second reminder',
  finalNoticeGivesDays: 'Days the final notice gives',
  reminderFeeMinor: 'Reminder fee',
  notifyClinicOnPayment: 'Email the clinic when a link is paid',
};

function describe(key: keyof Editable, value: unknown, locale: string): string {
  switch (key) {
    case 'billingProcess': return value === 'automatic' ? 'Automatic' : 'Manual';
    case 'manualCreateDraft': return value ? 'on' : 'off';
    case 'defaultAltPaymentMethod': return METHOD_LABELS[value as ClinicSettingsDoc['defaultAltPaymentMethod']];
    case 'linkTiming': return value === 'after_booking' ? 'right after booking' : 'after the appointment ends';
    case 'linkDelayMinutes': return `${String(value)} min`;
    case 'paymentTermsDays': return `${String(value)} days`;
    case 'vatRatesBp': return (value as number[]).map((bp) => formatVatRate(bp, locale)).join(', ');
    default: return value === '' ? '(empty)' : `"${String(value)}"`;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys of `patch` whose value differs from `before`. */
export function changedSettings(before: ClinicSettingsDoc, patch: Partial<Editable>): (keyof Editable)[] {
  return (Object.keys(patch) as (keyof Editable)[]).filter((key) => key in LABELS && !same(before[key], patch[key]));
}

/** "Payment terms: 14 days → 30 days; VAT rates: 25 %, 0 % → 25 %, 12 %, 0 %", at most `max` characters. */
export function describeSettingsChanges(before: ClinicSettingsDoc, patch: Partial<Editable>, max = 500): string {
  const text = changedSettings(before, patch)
    .map((key) => `${LABELS[key]}: ${describe(key, before[key], before.locale)} → ${describe(key, patch[key], before.locale)}`)
    .join('; ');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
