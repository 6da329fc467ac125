/** Display helpers bound to the clinic's locale and time zone. */
import { formatMoney, type CurrencyCode } from '../../shared/domain/money.js';
import type { ClinicSettingsDoc } from '../../shared/schemas/index.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, ...options })));
  return f;
}

type Clinic = Pick<ClinicSettingsDoc, 'locale' | 'timeZone'>;

export function formatTime(instant: string, clinic: Clinic): string {
  return dateTimeFormat(clinic.locale, clinic.timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

export function formatDateTime(instant: string, clinic: Clinic): string {
  return dateTimeFormat(clinic.locale, clinic.timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

export function formatInstantDate(instant: string, clinic: Clinic): string {
  return dateTimeFormat(clinic.locale, clinic.timeZone, { dateStyle: 'medium' }).format(new Date(instant));
}

/** A LocalDate as the clinic writes dates: the one rule messages use too. */
export { formatLocalDay } from '../../shared/domain/time.js';

export function money(amountMinor: number, currency: CurrencyCode, clinic: Pick<ClinicSettingsDoc, 'locale'>): string {
  return formatMoney(amountMinor, currency, clinic.locale);
}
