/** Services the clinic sells: a name, a duration, a VAT-inclusive price and a VAT rate. */
import type { ServiceDoc } from '../schemas/index.js';
import { parseAmount, type CurrencyCode } from './money.js';
import { checkName } from './contact.js';
import { ok, refuse, type Result } from './result.js';
import { parseVatRate } from './vat.js';

export interface ServiceInput {
  name: string;
  durationMinutes: string;
  price: string;
  vatRate: string;
}

export type ServiceFields = Pick<ServiceDoc, 'name' | 'durationMinutes' | 'priceMinor' | 'vatRateBp' | 'currency'>;

/** The longest a service (so a booking) may last: a day. It bounds how far back a booking that reaches a range can start. */
export const MAX_DURATION_MINUTES = 24 * 60;

export function checkService(input: ServiceInput, currency: CurrencyCode): Result<ServiceFields> {
  const name = checkName(input.name, 'serviceName', 'service.field.name', 120);
  if (!name.ok) return name;
  const durationText = input.durationMinutes.trim();
  if (!/^\d+$/.test(durationText)) return refuse('service.refused.durationFormat', 'duration');
  const duration = Number(durationText);
  if (duration <= 0) return refuse('service.refused.durationTooShort', 'duration');
  if (duration > MAX_DURATION_MINUTES) return refuse('service.refused.durationTooLong', 'duration');
  const price = parseAmount(input.price, currency);
  if (!price.ok) return { ...price, field: 'price' };
  const vat = parseVatRate(input.vatRate);
  if (!vat.ok) return { ...vat, field: 'vatRate' };
  return ok({ name: name.value, durationMinutes: duration, priceMinor: price.value, vatRateBp: vat.value, currency });
}
