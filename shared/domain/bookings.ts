/**
 * Booking rules: times come from the service's duration, and two bookings of one
 * practitioner that overlap need the receptionist's confirmation.
 */
import type { BookingDoc } from '../schemas/index.js';
import { addMinutes } from './time.js';

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
