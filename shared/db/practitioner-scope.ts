/**
 * What a practitioner-only user sees (docs/product.md "Staff and permissions"): their own
 * calendar, and the clients — with their invoices — they have bookings with. Found by
 * the bookings' [practitionerId, start] index. Every desk holds the clinic's data, so
 * this scopes what the desk shows; it is not a secret kept from the desk.
 */
import type { BookingDoc } from '../schemas/index.js';
import type { ClinicDatabase } from './database.js';

export function practitionerBookingsQuery(db: ClinicDatabase, practitionerId: string) {
  return db.bookings.find({ selector: { practitionerId }, sort: [{ practitionerId: 'asc' }, { start: 'asc' }] });
}

export function clientIdsOf(bookings: readonly Pick<BookingDoc, 'clientId'>[]): Set<string> {
  return new Set(bookings.map((b) => b.clientId));
}

export async function clientIdsOfPractitioner(db: ClinicDatabase, practitionerId: string): Promise<Set<string>> {
  return clientIdsOf(await practitionerBookingsQuery(db, practitionerId).exec());
}
