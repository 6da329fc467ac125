/**
 * What a practitioner-only user sees (PRODUCT.md "Staff and permissions"): their own
 * calendar, and the clients — with their invoices — they have bookings with. Found by
 * the bookings' [practitionerId, start] index. Every desk holds the clinic's data, so
 * this scopes what the desk shows; it is not a secret kept from the desk.
 */
import type { ClinicDatabase } from './database.js';

export async function clientIdsOfPractitioner(db: ClinicDatabase, practitionerId: string): Promise<Set<string>> {
  const bookings = await db.bookings.find({ selector: { practitionerId }, sort: [{ practitionerId: 'asc' }, { start: 'asc' }] }).exec();
  return new Set(bookings.map((b) => b.clientId));
}
