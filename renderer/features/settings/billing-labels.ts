/** The words the billing card and its form use, kept in one place so both read alike. */
import type { ClinicSettingsDoc } from '../../../shared/schemas/index.js';
import { ALT_PAYMENT_METHODS } from '../../../shared/domain/clinic-settings.js';
import { METHOD_LABELS } from '../../../shared/domain/payment-rules.js';
import type { Choice } from './controls.js';

export const PROCESS_CHOICES: readonly Choice<ClinicSettingsDoc['billingProcess']>[] = [
  { value: 'automatic', label: 'Automatic', help: 'Each booking gets a draft invoice and the payment link goes out by itself.' },
  { value: 'manual', label: 'Manual', help: 'Staff complete invoices and take payment at the desk.' },
];

export const LINK_CHOICES: readonly Choice<ClinicSettingsDoc['linkTiming']>[] = [
  { value: 'after_booking', label: 'Right after booking' },
  { value: 'after_appointment', label: 'After the appointment ends' },
];

export const ALT_METHOD_CHOICES = ALT_PAYMENT_METHODS.map((value) => ({ value, label: METHOD_LABELS[value] }));

export function linkTimingText(settings: Pick<ClinicSettingsDoc, 'linkTiming' | 'linkDelayMinutes'>): string {
  if (settings.linkTiming === 'after_booking') return 'Right after booking';
  const n = settings.linkDelayMinutes;
  return `${n} ${n === 1 ? 'minute' : 'minutes'} after the appointment ends`;
}
