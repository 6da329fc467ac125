/**
 * The clinic's settings for payment links, messages and chasing, with the defaults
 * docs/product.md names: links lapse after 24 hours; email 0.02 and SMS 0.05 per segment plus
 * VAT; reminder 7 days after due, a second 14 days later, a final notice 14 days after
 * that giving 14 days; no reminder fee until the clinic sets one.
 */
import type { ClinicSettingsDoc } from '../schemas/index.js';
import { DEFAULT_DUNNING, type DunningSchedule } from './dunning.js';
import { DEFAULT_MESSAGE_PRICES, type MessagePrices } from './message-costs.js';

export type PaymentSettings = Pick<ClinicSettingsDoc,
  'paymentProvider' | 'linkLifetimeHours' | 'emailCostMinor' | 'smsSegmentCostMinor' | 'messageVatBp' | 'reminderAfterDueDays'
  | 'secondReminderAfterDays' | 'finalNoticeAfterDays' | 'finalNoticeGivesDays' | 'reminderFeeMinor' | 'notifyClinicOnPayment'>;

/** `standardVatBp`: the clinic's standard VAT rate, charged on message costs. */
export function defaultPaymentSettings(standardVatBp: number): PaymentSettings {
  return {
    paymentProvider: 'sandbox',
    linkLifetimeHours: 24,
    emailCostMinor: DEFAULT_MESSAGE_PRICES.emailMinor,
    smsSegmentCostMinor: DEFAULT_MESSAGE_PRICES.smsSegmentMinor,
    messageVatBp: standardVatBp,
    reminderAfterDueDays: DEFAULT_DUNNING.reminderAfterDueDays,
    secondReminderAfterDays: DEFAULT_DUNNING.secondReminderAfterDays,
    finalNoticeAfterDays: DEFAULT_DUNNING.finalNoticeAfterDays,
    finalNoticeGivesDays: DEFAULT_DUNNING.finalNoticeGivesDays,
    reminderFeeMinor: DEFAULT_DUNNING.reminderFeeMinor,
    notifyClinicOnPayment: false,
  };
}

export function dunningScheduleOf(settings: PaymentSettings): DunningSchedule {
  return {
    reminderAfterDueDays: settings.reminderAfterDueDays,
    secondReminderAfterDays: settings.secondReminderAfterDays,
    finalNoticeAfterDays: settings.finalNoticeAfterDays,
    finalNoticeGivesDays: settings.finalNoticeGivesDays,
    reminderFeeMinor: settings.reminderFeeMinor,
  };
}

export function messagePricesOf(settings: PaymentSettings): MessagePrices {
  return { emailMinor: settings.emailCostMinor, smsSegmentMinor: settings.smsSegmentCostMinor, vatBp: settings.messageVatBp };
}
