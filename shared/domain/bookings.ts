/**
 * Booking rules: times come from the service's duration, two bookings of one
 * practitioner that overlap need the receptionist's confirmation, and a booking's day
 * lies within a window around today.
 */
import type { BookingDoc } from '../schemas/index.js';
import { ok, refuse, type Result } from './result.js';
import { addMinutes, formatLocalDate, parseLocalDate, type LocalDate } from './time.js';
import { dayValue } from '../i18n/text.js';

export function bookingEnd(start: string, durationMinutes: number): string {
  return addMinutes(start, durationMinutes);
}

type Interval = Pick<BookingDoc, 'id' | 'practitionerId' | 'start' | 'end' | 'status'>;

/** Half-open intervals [start, end) overlap when each starts before the other ends. */
export function overlaps(a: Pick<Interval, 'start' | 'end'>, b: Pick<Interval, 'start' | 'end'>): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Booked (not cancelled) bookings of the same practitioner that overlap the candidate. */
export function conflictingBookings<T extends Interval>(candidate: Omit<Interval, 'status'>, existing: readonly T[]): T[] {
  return existing.filter((b) =>
    b.id !== candidate.id && b.status === 'booked' && b.practitionerId === candidate.practitionerId && overlaps(b, candidate));
}

/** How far back a visit may be recorded, and how far ahead one may be booked. */
export const BOOKING_YEARS_BACK = 1;
export const BOOKING_YEARS_AHEAD = 2;

/** The same day `years` later (29 February becomes 28 February in a common year). */
function addYears(date: LocalDate, years: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return formatLocalDate(year + years, month, month === 2 && day === 29 && !leap(year + years) ? 28 : day);
}

/** The first and last day a booking may be on, seen from `today` (the clinic's day, from the desk's clock). */
export function bookingWindow(today: LocalDate): { earliest: LocalDate; latest: LocalDate } {
  return { earliest: addYears(today, -BOOKING_YEARS_BACK), latest: addYears(today, BOOKING_YEARS_AHEAD) };
}

/**
 * Whether a booking may be on `day`: refused outside the window (a mistyped year such as
 * 1900 would otherwise become a booking with an invoice); a day before today is allowed —
 * staff record yesterday's visit — and `inPast` tells the dialog to say so.
 */
export function checkBookingDay(day: LocalDate, today: LocalDate): Result<{ inPast: boolean }> {
  const { earliest, latest } = bookingWindow(today);
  if (day < earliest || day > latest) {
    return refuse('booking.refused.outsideWindow', {
      day: dayValue(day), direction: day < earliest ? 'back' : 'ahead', earliest: dayValue(earliest), latest: dayValue(latest),
    }, 'start');
  }
  return ok({ inPast: day < today });
}
