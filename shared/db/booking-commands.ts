/**
 * Booking from the calendar: checks the form, warns about overlaps, and writes the
 * booking together with its draft invoice (unless externally billed).
 */
import type { BookingDoc, InvoiceDoc } from '../schemas/index.js';
import { changeStamp, createStamp, factStamp, type Actor } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { createsDraftInvoice, draftInvoiceForBooking, resolveBilling, type BillingChoice } from '../domain/billing.js';
import { bookingEnd, checkBookingDay, conflictingBookings } from '../domain/bookings.js';
import { refuse as refusal, RefusedError } from '../domain/result.js';
import { instantValue, text, type MessageId, type Text } from '../i18n/text.js';
import { inEnglish } from '../i18n/translator.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { insertOnce, journaled, modifyAs, partId } from './operations.js';
import { localDateOf } from '../domain/time.js';
import { automaticLinkRequest, automaticLinkSendAt } from '../domain/auto-send.js';
import { isAutomaticLink } from '../domain/link-amount.js';
import { MAX_DURATION_MINUTES } from '../domain/services.js';

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

/** The booking overlaps others of the same practitioner; ask before saving. `text` says so to the reader, `message` in English. */
export class OverlapError extends Error {
  readonly text: Text;
  constructor(readonly conflicts: BookingDoc[]) {
    const warning = text('overlap.warning', { count: conflicts.length });
    super(inEnglish(warning));
    this.name = 'OverlapError';
    this.text = warning;
  }
}

function refuse(id: MessageId, field?: string): never {
  throw new RefusedError(refusal(id, field));
}

/** Refuses a start outside the booking window around the clinic's today (shared/domain/bookings.ts). */
function requireBookableDay(start: string, now: string, settings: { timeZone: string }): void {
  const checked = checkBookingDay(localDateOf(start, settings.timeZone), localDateOf(now, settings.timeZone));
  if (!checked.ok) throw new RefusedError(checked);
}

/** Longest service we allow; bounds how far back an overlapping booking can start. */
const MAX_DURATION_MS = MAX_DURATION_MINUTES * 60_000;

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
  /** The staff member signed in on the desk, on this desk, at the desk clock's now (docs/decisions/0004-time.md). */
  ctx: Actor & { readonly operation?: string },
): Promise<{ booking: BookingDoc; invoice: InvoiceDoc | null }> {
  const id = partId(ctx, 'booking');
  const deskCtx = { synced: false, ...ctx };
  return journaled(db, deskCtx, { command: 'createBooking', args: { input }, commit: { collection: 'bookings', id } }, async () => {
    await requirePermission(db, ctx.actor, 'book', 'operation.bookAppointments');
    const earlier = await db.bookings.findOne(id).exec();
    if (earlier) return finishBooking(db, earlier.toMutableJSON(), ctx);
    const now = ctx.now;
    if (!input.clientId) refuse('booking.refused.noClient', 'client');
    if (!input.serviceId) refuse('booking.refused.noService', 'service');
    if (!input.practitionerId) refuse('booking.refused.noPractitioner', 'practitioner');
    if (!input.start || Number.isNaN(Date.parse(input.start))) refuse('booking.refused.noStart', 'start');

    const [settings, client, service, practitioner] = await Promise.all([
      db.settings.findOne(CLINIC_SETTINGS_ID).exec(),
      db.clients.findOne(input.clientId).exec(),
      db.services.findOne(input.serviceId).exec(),
      db.staff.findOne(input.practitionerId).exec(),
    ]);
    if (!settings) refuse('setup.refused.notSetUp');
    requireBookableDay(input.start, now, settings);
    if (!client) refuse('booking.refused.clientGone', 'client');
    if (!service || !service.active) return refuse('booking.refused.serviceUnavailable', 'service');
    if (!practitioner || !practitioner.active || !practitioner.isPractitioner) refuse('booking.refused.noPractitioner', 'practitioner');

    const start = new Date(input.start).toISOString();
    const end = bookingEnd(start, service.durationMinutes);
    const conflicts = await findConflicts(db, { id, practitionerId: input.practitionerId, start, end });
    if (conflicts.length > 0 && !input.confirmOverlap) throw new OverlapError(conflicts);

    const billing = resolveBilling(settings, input.billing, now);
    const invoiceId = createsDraftInvoice(billing) ? partId(ctx, 'invoice') : '';
    const booking: BookingDoc = {
      id, clientId: input.clientId, serviceId: input.serviceId, practitionerId: input.practitionerId,
      start, end, status: 'booked', billing, billingChosen: input.billing !== 'clinic-default', invoiceId,
      ...createStamp(ctx),
    };
    // Commit point (docs/decisions/0025-operations.md): the booking. Its draft invoice, an
    // Automatic link and the log entry follow from it.
    await insertOnce(db.bookings, booking);
    try {
      return await finishBooking(db, booking, ctx);
    } catch (err) {
      // Without an operation to finish it later, nothing half-written: the booking is taken back.
      if (ctx.operation === undefined) await db.bookings.findOne(id).remove();
      throw err;
    }
  });
}

/** What follows from a booking written: its draft invoice, an Automatic link, the log. Each at most once. */
async function finishBooking(db: ClinicDatabase, booking: BookingDoc, ctx: Actor & { readonly operation?: string }): Promise<{ booking: BookingDoc; invoice: InvoiceDoc | null }> {
  if (!booking.invoiceId) {
    await insertOnce(db.activity, activityEntry({ id: partId(ctx, 'log'), entity: 'booking', entityId: booking.id, action: 'booking.created', summary: text('log.bookedExternal'), ...factStamp(ctx) }));
    return { booking, invoice: null };
  }
  const [settings, client, service] = await Promise.all([
    db.settings.findOne(CLINIC_SETTINGS_ID).exec(),
    db.clients.findOne(booking.clientId).exec(),
    db.services.findOne(booking.serviceId).exec(),
  ]);
  if (!settings || !client || !service) refuse('booking.refused.detailsGone');
  let invoice = (await db.invoices.findOne(booking.invoiceId).exec())?.toMutableJSON() ?? null;
  if (!invoice) {
    invoice = draftInvoiceForBooking(booking, service, settings, booking.invoiceId, ctx);
    await insertOnce(db.invoices, invoice);
  }
  if (booking.billing === 'automatic') {
    await insertOnce(db.paymentrequests, { ...automaticLinkRequest(booking, invoice, client.toMutableJSON(), settings, ctx), id: partId(ctx, 'request') });
  }
  await insertOnce(db.activity, activityEntry({ id: partId(ctx, 'log'), entity: 'booking', entityId: booking.id, action: 'booking.created', summary: text('log.bookedWithDraft'), ...factStamp(ctx) }));
  return { booking, invoice };
}

export interface RescheduleInput {
  /** UTC ISO instant. */
  start: string;
  practitionerId: string;
  confirmOverlap: boolean;
}

/**
 * Moves a booking. Its draft invoice follows (the service date it will show); an
 * invoice already completed keeps the date it was issued with (invariant 3).
 */
export async function rescheduleBooking(db: ClinicDatabase, bookingId: string, input: RescheduleInput, ctx: DeskActor): Promise<BookingDoc> {
  const now = ctx.now;
  await requirePermission(db, ctx.actor, 'book', 'operation.moveBookings');
  if (!input.start || Number.isNaN(Date.parse(input.start))) refuse('booking.refused.noStart', 'start');
  const [doc, settings] = await Promise.all([db.bookings.findOne(bookingId).exec(), db.settings.findOne(CLINIC_SETTINGS_ID).exec()]);
  if (!doc) refuse('booking.refused.gone');
  if (!settings) refuse('setup.refused.notSetUp');
  if (doc.status === 'cancelled') refuse('booking.refused.cancelledCannotMove', 'start');
  requireBookableDay(input.start, now, settings);
  const practitioner = await db.staff.findOne(input.practitionerId).exec();
  if (!practitioner || !practitioner.active || !practitioner.isPractitioner) refuse('booking.refused.noPractitioner', 'practitioner');
  const start = new Date(input.start).toISOString();
  const duration = new Date(doc.end).getTime() - new Date(doc.start).getTime();
  const end = new Date(new Date(start).getTime() + duration).toISOString();
  const conflicts = (await findConflicts(db, { id: bookingId, practitionerId: input.practitionerId, start, end })).filter((b) => b.id !== bookingId);
  if (conflicts.length > 0 && !input.confirmOverlap) throw new OverlapError(conflicts);
  const from = doc.start;
  await doc.incrementalPatch({ start, end, practitionerId: input.practitionerId, ...changeStamp(ctx) });
  if (doc.billing === 'automatic' && doc.invoiceId) {
    // The automatic link follows the appointment (docs/product.md §4).
    const sendAt = automaticLinkSendAt({ createdAt: doc.createdAt, end }, settings);
    for (const r of await db.paymentrequests.find({ selector: { invoiceId: doc.invoiceId } }).exec()) {
      if (r.status === 'scheduled' && isAutomaticLink(r)) await r.incrementalPatch({ sendAt, ...changeStamp(ctx) });
    }
  }
  let invoiceNote: 'none' | 'draftMoved' | 'issued' = 'none';
  if (doc.invoiceId) {
    const invoice = await db.invoices.findOne(doc.invoiceId).exec();
    const serviceDate = localDateOf(start, settings.timeZone);
    if (invoice && invoice.status === 'draft' && invoice.serviceDate !== serviceDate) {
      await invoice.incrementalModify((current) => (current.status === 'draft' ? { ...current, serviceDate, ...changeStamp(ctx) } : current));
      invoiceNote = 'draftMoved';
    } else if (invoice && invoice.status !== 'draft') {
      invoiceNote = 'issued';
    }
  }
  await db.activity.insert(activityEntry({
    entity: 'booking', entityId: bookingId, action: 'booking.moved', summary: text('log.bookingMoved', { from: instantValue(from), to: instantValue(start), note: invoiceNote }), ...factStamp(ctx),
  }));
  return (await db.bookings.findOne(bookingId).exec())!.toMutableJSON();
}

/**
 * Cancels a booking. `voidDraft`: its draft invoice is voided too (nothing was issued,
 * so booking staff may). A completed invoice is never voided here: that needs billing
 * and its own decision (invoice-commands.voidInvoice).
 */
export async function cancelBooking(db: ClinicDatabase, bookingId: string, options: { voidDraft: boolean }, ctx: DeskActor): Promise<{ booking: BookingDoc; draftVoided: boolean }> {
  return journaled(db, ctx, { command: 'cancelBooking', args: { bookingId, options }, commit: { collection: 'bookings', id: bookingId } }, async () => {
    await requirePermission(db, ctx.actor, 'book', 'operation.cancelBookings');
    const doc = await db.bookings.findOne(bookingId).exec();
    if (!doc) refuse('booking.refused.gone');
    const logId = partId(ctx, 'log');
    // The same operation again (a retry, recovery): finish it; anyone else finds it done.
    const ours = ctx.operation !== undefined;
    if (doc.status === 'cancelled' && (!ours || (await db.activity.findOne(logId).exec()))) {
      if (!ours) refuse('booking.refused.alreadyCancelled');
      return { booking: doc.toMutableJSON(), draftVoided: (await db.invoices.findOne(doc.invoiceId || '-').exec())?.status === 'void' };
    }
    // The links first: a cancelled appointment is never charged automatically, even when a
    // later write of this command fails (docs/decisions/0025-operations.md).
    if (doc.invoiceId) {
      for (const r of await db.paymentrequests.find({ selector: { invoiceId: doc.invoiceId } }).exec()) {
        if (r.status === 'scheduled' && isAutomaticLink(r)) await modifyAs(ctx, r)((current) => (current.status === 'scheduled' ? { ...current, status: 'cancelled', ...changeStamp(ctx) } : current));
      }
    }
    let draftVoided = false;
    if (options.voidDraft && doc.invoiceId) {
      const invoice = await db.invoices.findOne(doc.invoiceId).exec();
      if (invoice?.status === 'draft') {
        await insertOnce(db.activity, activityEntry({ id: partId(ctx, 'log2'), entity: 'invoice', entityId: invoice.id, action: 'invoice.voided', summary: text('log.draftVoidedBookingCancelled'), ...factStamp(ctx) }));
        await modifyAs(ctx, invoice)((current) => (current.status === 'draft' ? { ...current, status: 'void', ...changeStamp(ctx) } : current));
      }
      draftVoided = (await db.invoices.findOne(doc.invoiceId).exec())?.status === 'void';
    }
    await modifyAs(ctx, doc)((current) => (current.status === 'cancelled' ? current : { ...current, status: 'cancelled', ...changeStamp(ctx) }));
    await insertOnce(db.activity, activityEntry({
      id: logId, entity: 'booking', entityId: bookingId, action: 'booking.cancelled', summary: text(draftVoided ? 'log.bookingCancelledDraftVoided' : 'log.bookingCancelled'), ...factStamp(ctx),
    }));
    return { booking: (await db.bookings.findOne(bookingId).exec())!.toMutableJSON(), draftVoided };
  });
}
