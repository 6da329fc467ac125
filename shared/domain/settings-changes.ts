/**
 * What a settings save actually changed, in words for the activity log ("Payment terms:
 * 14 → 30 days"). Fields that were saved with their old value are left out, so a save
 * that changes nothing is recognisable and need not be written at all.
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { BILLING_LABELS } from './billing.js';
import { METHOD_LABELS } from './payment-rules.js';
import { listText } from './text-lists.js';
import { rateValue, text, type MessageId, type Text, type TextValue } from '../i18n/text.js';

type Editable = Omit<ClinicSettingsDoc, 'id' | 'currency' | 'locale' | 'timeZone' | 'invoicingActivatedAt' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'deskId'>;

const LABELS: Readonly<Record<keyof Editable, MessageId>> = {
  billingProcess: 'settings.change.billingProcess',
  manualCreateDraft: 'settings.change.manualCreateDraft',
  defaultAltPaymentMethod: 'settings.change.defaultAltPaymentMethod',
  linkTiming: 'settings.change.linkTiming',
  linkDelayMinutes: 'settings.change.linkDelayMinutes',
  paymentTermsDays: 'settings.change.paymentTermsDays',
  vatRatesBp: 'settings.change.vatRatesBp',
  clinicName: 'settings.change.clinicName',
  displayName: 'settings.change.displayName',
  organisationNumber: 'settings.change.organisationNumber',
  address: 'settings.change.address',
  bankAccount: 'settings.change.bankAccount',
  supportEmail: 'settings.change.supportEmail',
  senderName: 'settings.change.senderName',
  senderMode: 'settings.change.senderMode',
  paymentProvider: 'settings.change.paymentProvider',
  linkLifetimeHours: 'settings.change.linkLifetimeHours',
  emailCostMinor: 'settings.change.emailCostMinor',
  smsSegmentCostMinor: 'settings.change.smsSegmentCostMinor',
  idleLockMinutes: 'settings.change.idleLockMinutes',
  messageVatBp: 'settings.change.messageVatBp',
  reminderAfterDueDays: 'settings.change.reminderAfterDueDays',
  secondReminderAfterDays: 'settings.change.secondReminderAfterDays',
  finalNoticeAfterDays: 'settings.change.finalNoticeAfterDays',
  finalNoticeGivesDays: 'settings.change.finalNoticeGivesDays',
  reminderFeeMinor: 'settings.change.reminderFeeMinor',
  notifyClinicOnPayment: 'settings.change.notifyClinicOnPayment',
};

function describe(key: keyof Editable, value: unknown): TextValue {
  switch (key) {
    case 'billingProcess': return text(value === 'automatic' ? BILLING_LABELS.automatic : BILLING_LABELS.manual);
    case 'manualCreateDraft': return text(value ? 'settings.value.on' : 'settings.value.off');
    case 'defaultAltPaymentMethod': return text(METHOD_LABELS[value as ClinicSettingsDoc['defaultAltPaymentMethod']]);
    case 'linkTiming': return text(value === 'after_booking' ? 'settings.value.afterBooking' : 'settings.value.afterAppointment');
    case 'linkDelayMinutes': return text('settings.value.minutes', { count: String(value) });
    case 'paymentTermsDays': return text('settings.value.days', { count: Number(value) });
    case 'senderMode': return text(value === 'staff' ? 'settings.value.senderStaff' : 'settings.value.senderClinic');
    case 'vatRatesBp': return listText('vat.rateList', (value as number[]).map(rateValue)) ?? '';
    default: return value === '' ? text('log.empty') : text('log.quoted', { value: String(value) });
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys of `patch` whose value differs from `before`. */
export function changedSettings(before: ClinicSettingsDoc, patch: Partial<Editable>): (keyof Editable)[] {
  return (Object.keys(patch) as (keyof Editable)[]).filter((key) => key in LABELS && !same(before[key], patch[key]));
}

/**
 * "Payment terms: 14 days → 30 days; VAT rates: 25 %, 0 % → 25 %, 12 %, 0 %", or null when
 * nothing changed. The activity log keeps its first 500 characters (shared/db/activity-log.ts).
 */
export function describeSettingsChanges(before: ClinicSettingsDoc, patch: Partial<Editable>): Text | null {
  return listText('log.list.semicolon', changedSettings(before, patch).map((key) => text('settings.change', {
    label: text(LABELS[key]), before: describe(key, before[key]), after: describe(key, patch[key]),
  })));
}
