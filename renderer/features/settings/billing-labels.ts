/** The words the billing card and its form use, kept in one place so both read alike. */
import type { ClinicSettingsDoc } from '../../../shared/schemas/index.js';
import { ALT_PAYMENT_METHODS } from '../../../shared/domain/clinic-settings.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import type { Choice } from './controls.js';

export function processChoices({ t }: Translator): readonly Choice<ClinicSettingsDoc['billingProcess']>[] {
  return [
    { value: 'automatic', label: t('billing.process.automatic'), help: t('billing.process.automaticHelp') },
    { value: 'manual', label: t('billing.process.manual'), help: t('billing.process.manualHelp') },
  ];
}

export function linkChoices({ t }: Translator): readonly Choice<ClinicSettingsDoc['linkTiming']>[] {
  return [
    { value: 'after_booking', label: t('billing.linkTiming.afterBooking') },
    { value: 'after_appointment', label: t('billing.linkTiming.afterAppointment') },
  ];
}

export function altMethodChoices({ t }: Translator) {
  return ALT_PAYMENT_METHODS.map((value) => ({ value, label: t(METHOD_LABELS[value]) }));
}

export function linkTimingText({ t }: Translator, settings: Pick<ClinicSettingsDoc, 'linkTiming' | 'linkDelayMinutes'>): string {
  if (settings.linkTiming === 'after_booking') return t('billing.linkTiming.afterBooking');
  return t('billing.linkTiming.minutesAfter', { minutes: settings.linkDelayMinutes });
}
