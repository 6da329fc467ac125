/**
 * Automatic mode (PRODUCT.md §4): when the payment link for a booking goes out — right
 * after the booking is made, or N minutes after the appointment ends (15 by default).
 * Instants are UTC, so "15 minutes after" is the same across a daylight-saving change.
 */
import type { BookingDoc, ClinicSettingsDoc } from '../schemas/index.js';
import { addMinutes } from './time.js';

export function automaticLinkSendAt(
  booking: Pick<BookingDoc, 'createdAt' | 'end'>,
  settings: Pick<ClinicSettingsDoc, 'linkTiming' | 'linkDelayMinutes'>,
): string {
  return settings.linkTiming === 'after_booking' ? booking.createdAt : addMinutes(booking.end, settings.linkDelayMinutes);
}
