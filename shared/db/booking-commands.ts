/**
 * Booking from the calendar: checks the form, warns about overlaps, and writes the
 * booking together with its draft invoice (unless externally billed).
 */
import type { BookingDoc, InvoiceDoc } from '../schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { createsDraftInvoice, draftInvoiceForBooking, resolveBilling, type BillingChoice } from '../domain/billing.js';
import { bookingEnd, conflictingBookings } from '../domain/bookings.js';
import { newId } from '../domain/ids.js';
import { RefusedError, type Refusal } from '../domain/result.js';
import { DESK_ACTOR } from '../domain/setup.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';

export interface BookingInput {
  clientId: string;
  serviceId: string;
  practitionerId: string;
  /** UTC ISO instant. */
  start: string;
  billing: BillingChoice;
  /** The receptionist has seen the overlap warning and wants the booking anyway. */
  confirmOverlap: boolean;
}

/** The booking overlaps others of the same practitioner; ask before saving. */
export class OverlapError extends Error {
  constructor(readonly conflicts: BookingDoc[]) {
    super(conflicts.length === 1 ? 'This overlaps another booking for the same practitioner.' : `This overlaps ${conflicts.length} other bookings for the same practitioner.`);
    this.name = 'OverlapError';
  }
}

function refuse(message: string, field: string): never {
  const refusal: Refusal = { ok: false, message, field };
  throw new RefusedError(refusal);
}

/** Longest service we allow; bounds how far back an overlapping booking can start. */
const MAX_DURATION_MS = 24 * 60 * 60_000;

export async function findConflicts(db: ClinicDatabase, candidate: Pick<BookingDoc, 'id' | 'practitionerId' | 'start' | 'end'>): Promise<BookingDoc[]> {
  const from = new Date(new Date(candidate.start).getTime() - MAX_DURATION_MS).toISOString();
  const nearby = await db.bookings.find({
    selector: { practitionerId: candidate.practitionerId, start: { $gte: from, $lt: candidate.end } },
    sort: [{ practitionerId: 'asc' }, { start: 'asc' }],
  }).exec();
  return conflictingBookings(candidate, nearby.map((d) => d.toMutableJSON()));
}

export async function createBooking(
  db: ClinicDatabase,
  input: BookingInput,
  now = new Date().toISOString(),
  /** The staff member signed in on the desk, recorded as the writer. */
  actor = DESK_ACTOR,
): Promise<{ booking: BookingDoc; invoice: InvoiceDoc | null }> {
  if (!input.clientId) refuse('Choose a client for the booking.', 'client');
  if (!input.serviceId) refuse('Choose a service for the booking.', 'service');
  if (!input.practitionerId) refuse('Choose a practitioner for the booking.', 'practitioner');
  if (!input.start || Number.isNaN(Date.parse(input.start))) refuse('Choose when the booking starts.', 'start');

  const [settings, client, service, practitioner] = await Promise.all([
    db.settings.findOne(CLINIC_SETTINGS_ID).exec(),
    db.clients.findOne(input.clientId).exec(),
    db.services.findOne(input.serviceId).exec(),
    db.staff.findOne(input.practitionerId).exec(),
  ]);
  if (!settings) throw new RefusedError({ ok: false, message: 'The clinic is not set up yet.' });
  if (!client) refuse('That client no longer exists. Choose another.', 'client');
  if (!service || !service.active) return refuse('That service is not available. Choose another.', 'service');
  if (!practitioner || !practitioner.active || !practitioner.isPractitioner) refuse('Choose a practitioner for the booking.', 'practitioner');

  const start = new Date(input.start).toISOString();
  const id = newId();
  const end = bookingEnd(start, service.durationMinutes);
  const conflicts = await findConflicts(db, { id, practitionerId: input.practitionerId, start, end });
  if (conflicts.length > 0 && !input.confirmOverlap) throw new OverlapError(conflicts);

  const billing = resolveBilling(settings, input.billing, now);
  const invoiceId = createsDraftInvoice(billing) ? newId() : '';
  const booking: BookingDoc = {
    id, clientId: input.clientId, serviceId: input.serviceId, practitionerId: input.practitionerId,
    start, end, status: 'booked', billing, billingChosen: input.billing !== 'clinic-default', invoiceId,
    createdAt: now, updatedAt: now, updatedBy: actor,
  };
  const invoice = invoiceId ? draftInvoiceForBooking(booking, service, settings, invoiceId, now, actor) : null;

  await db.bookings.insert(booking);
  if (invoice) {
    try {
      await db.invoices.insert(invoice);
    } catch (err) {
      // Nothing half-written: without its invoice the booking is taken back.
      await db.bookings.findOne(id).remove();
      throw err;
    }
  }
  await db.activity.insert(activityEntry({
    entity: 'booking', entityId: id, action: 'booking.created',
    summary: invoice ? 'Booked; draft invoice created' : 'Booked; externally billed', at: now, by: actor,
  }));
  return { booking, invoice };
}
