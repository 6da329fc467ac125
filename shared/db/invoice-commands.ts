/**
 * Invoice life-cycle commands on the desk's database: edit a draft, complete, void,
 * credit, and make an invoice for an externally billed booking. Each checks the acting
 * staff member's permission and the domain rules before it writes, and writes one
 * document (plus its log entry), so a refusal leaves nothing half-written.
 */
import type { InvoiceDoc } from '../schemas/index.js';
import { changeStamp, factStamp } from '../domain/actor.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { completeDraft, type Numbering } from '../domain/invoice-completion.js';
import { draftCreditNote, voidInvoice as voidRule, type CreditRequest } from '../domain/invoice-corrections.js';
import { editDraftLines, type LineInput } from '../domain/invoice-drafts.js';
import { invoiceChangePermission } from '../domain/invoice-permissions.js';
import { draftInvoiceForBooking } from '../domain/billing.js';
import { invoiceTotals } from '../domain/invoice-math.js';
import { newId } from '../domain/ids.js';
import { ok, refuse, RefusedError, type Result } from '../domain/result.js';
import { moneyValue, text, type MessageId, type Text } from '../i18n/text.js';
import type { ClinicDatabase } from './database.js';
import { activityEntry } from './activity-log.js';
import { insertOnce, isRepeat, journaled, modifyAs, partId } from './operations.js';
import { requirePermission, type DeskActor } from './acting-staff.js';
import { loadClientMoney } from './client-money.js';
import { paymentsActive } from '../domain/activation.js';

function refused(id: MessageId): never {
  throw new RefusedError(refuse(id));
}

async function clinicSettings(db: ClinicDatabase) {
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) refused('setup.refused.notSetUp');
  return settings;
}

async function findInvoice(db: ClinicDatabase, invoiceId: string) {
  const doc = await db.invoices.findOne(invoiceId).exec();
  if (!doc) refused('invoice.refused.gone');
  return doc;
}

/** A synced desk leaves the number to the server; a standalone desk takes the next one. */
export async function numberingFor(db: ClinicDatabase, synced: boolean): Promise<Numbering> {
  if (synced) return { kind: 'server' };
  const last = await db.invoices.findOne({ selector: { number: { $gt: 0 } }, sort: [{ number: 'desc' }] }).exec();
  return { kind: 'local', nextNumber: (last?.number ?? 0) + 1 };
}

/**
 * Applies a rule to the stored invoice at write time (so a concurrent edit from sync is
 * not lost) and returns what was written, or throws the rule's refusal unchanged.
 */
async function modifyInvoice(db: ClinicDatabase, invoiceId: string, rule: (current: InvoiceDoc) => Result<InvoiceDoc>, ctx: Pick<DeskActor, 'operation'>): Promise<InvoiceDoc> {
  const doc = await findInvoice(db, invoiceId);
  let outcome: Result<InvoiceDoc> | null = null;
  await modifyAs(ctx, doc)((current) => {
    outcome = rule(current);
    return outcome.ok ? outcome.value : current;
  });
  const result = outcome as Result<InvoiceDoc> | null;
  if (!result) throw new Error('invoice was not modified');
  if (!result.ok) throw new RefusedError(result);
  return result.value;
}

/** "invoice 12", "credit note (number pending from the sync server)". */
function numberText(invoice: Pick<InvoiceDoc, 'number' | 'kind'>): Text {
  return invoice.number > 0 ? text('invoice.numbered', { kind: invoice.kind, number: String(invoice.number) }) : text('invoice.numberedPending', { kind: invoice.kind });
}

/**
 * Completes a draft. `synced`: the clinic's server assigns the number (the invoice
 * shows "number pending" until it arrives); otherwise this desk takes the next number.
 */
export async function completeInvoice(db: ClinicDatabase, invoiceId: string, ctx: DeskActor): Promise<InvoiceDoc> {
  return journaled(db, ctx, { command: 'completeInvoice', args: { invoiceId }, commit: { collection: 'invoices', id: invoiceId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.completeInvoices');
    const settings = await clinicSettings(db);
    const current = (await findInvoice(db, invoiceId)).toMutableJSON();
    const numbering = await numberingFor(db, ctx.synced);
    const done = isRepeat(ctx, current.status === 'completed') ? current
      // Checked again inside the write: a double click's second run may find the first one done.
      : await modifyInvoice(db, invoiceId, (draft) => (isRepeat(ctx, draft.status === 'completed') ? ok(draft) : completeDraft(draft, settings, numbering, ctx)), ctx);
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: invoiceId, action: 'invoice.completed',
      summary: done.number > 0 ? text('log.invoiceCompleted', { number: String(done.number) }) : text('log.invoiceCompletedPending'), ...factStamp(ctx),
    }));
    return done;
  });
}

/** Replaces a draft's lines. Every line is checked first; a completed invoice is refused. */
export async function editInvoiceLines(db: ClinicDatabase, invoiceId: string, lines: readonly LineInput[], ctx: DeskActor): Promise<InvoiceDoc> {
  await requirePermission(db, ctx.actor, 'billing', 'operation.editInvoices');
  const settings = await clinicSettings(db);
  const before = (await findInvoice(db, invoiceId)).toMutableJSON();
  const edited = await modifyInvoice(db, invoiceId, (current) => editDraftLines(current, lines, settings, ctx), ctx);
  const total = (inv: InvoiceDoc) => moneyValue(invoiceTotals(inv.lines).totalMinor, inv.currency);
  await db.activity.insert(activityEntry({
    entity: 'invoice', entityId: invoiceId, action: 'invoice.edited',
    summary: text('log.linesEdited', { count: edited.lines.length, before: total(before), after: total(edited) }), ...factStamp(ctx),
  }));
  return edited;
}

/** Voids a draft (anyone who books: the booking was cancelled) or an unpaid, uncredited completed invoice (billing). */
export async function voidInvoice(db: ClinicDatabase, invoiceId: string, ctx: DeskActor): Promise<InvoiceDoc> {
  return journaled(db, ctx, { command: 'voidInvoice', args: { invoiceId }, commit: { collection: 'invoices', id: invoiceId } }, async () => {
    const before = (await findInvoice(db, invoiceId)).toMutableJSON();
    const repeat = isRepeat(ctx, before.status === 'void');
    const needed = repeat ? 'book' : invoiceChangePermission(before, { ...before, status: 'void', ...changeStamp(ctx) });
    await requirePermission(db, ctx.actor, needed, before.status === 'draft' ? 'operation.voidDrafts' : 'operation.voidInvoices');
    let voided = before;
    if (!repeat) {
      const money = await loadClientMoney(db, before.clientId);
      const account = money.account.accounts.get(invoiceId)!;
      voided = await modifyInvoice(db, invoiceId, (current) => (isRepeat(ctx, current.status === 'void') ? ok(current) : voidRule(current, account, ctx)), ctx);
    }
    await insertOnce(db.activity, activityEntry({
      id: partId(ctx, 'log'), entity: 'invoice', entityId: invoiceId, action: 'invoice.voided',
      summary: voided.completedAt ? text('log.invoiceVoided', { invoice: numberText(voided) }) : text('log.draftVoided'), ...factStamp(ctx),
    }));
    return voided;
  });
}

/**
 * Issues a credit note against a completed invoice (numbered in the same series). Commit point:
 * the credit note (its id from the operation, docs/decisions/0025-operations.md); the two log
 * entries follow, so a retry or a double click issues one note.
 */
export async function createCreditNote(db: ClinicDatabase, invoiceId: string, request: CreditRequest, ctx: DeskActor): Promise<InvoiceDoc> {
  const noteId = partId(ctx, 'invoice');
  return journaled(db, ctx, { command: 'createCreditNote', args: { invoiceId, request }, commit: { collection: 'invoices', id: noteId } }, async () => {
    await requirePermission(db, ctx.actor, 'billing', 'operation.issueCreditNotes');
    const settings = await clinicSettings(db);
    const invoice = (await findInvoice(db, invoiceId)).toMutableJSON();
    let note = (await db.invoices.findOne(noteId).exec())?.toMutableJSON();
    if (!note) {
      const money = await loadClientMoney(db, invoice.clientId);
      const account = money.account.accounts.get(invoiceId)!;
      const draft = draftCreditNote(invoice, account, request, settings.locale, ctx);
      if (!draft.ok) throw new RefusedError(draft);
      const completed = completeDraft({ ...draft.value, id: noteId }, settings, await numberingFor(db, ctx.synced), ctx);
      if (!completed.ok) throw new RefusedError(completed);
      note = completed.value;
      await insertOnce(db.invoices, note);
    }
    const amount = moneyValue(invoiceTotals(note.lines).totalMinor, note.currency);
    await insertOnce(db.activity, activityEntry({ id: partId(ctx, 'log'), entity: 'invoice', entityId: invoiceId, action: 'invoice.credited', summary: text('log.invoiceCredited', { amount, note: numberText(note) }), ...factStamp(ctx) }));
    await insertOnce(db.activity, activityEntry({ id: partId(ctx, 'log2'), entity: 'invoice', entityId: note.id, action: 'invoice.completed', summary: text('log.creditNoteFor', { invoice: numberText(invoice), amount }), ...factStamp(ctx) }));
    return note;
  });
}

/** "Create invoice" on an externally billed booking: it gets a draft from its service. */
export async function createInvoiceForBooking(db: ClinicDatabase, bookingId: string, ctx: DeskActor): Promise<InvoiceDoc> {
  await requirePermission(db, ctx.actor, 'book', 'operation.invoiceBookings');
  const settings = await clinicSettings(db);
  if (!paymentsActive(settings)) refused('activation.refused.invoicesOff');
  const booking = await db.bookings.findOne(bookingId).exec();
  if (!booking) refused('booking.refused.gone');
  if (booking.status === 'cancelled') refused('booking.refused.nothingToInvoice');
  if (booking.invoiceId) refused('booking.refused.hasInvoice');
  const service = await db.services.findOne(booking.serviceId).exec();
  if (!service) refused('booking.refused.serviceGone');
  const invoice = draftInvoiceForBooking(booking, service, settings, newId(), ctx);
  await db.invoices.insert(invoice);
  try {
    await booking.incrementalPatch({ invoiceId: invoice.id, billing: 'manual', billingChosen: true, ...changeStamp(ctx) });
  } catch (err) {
    // Nothing half-written: the draft goes again if the booking could not point to it.
    await db.invoices.findOne(invoice.id).remove();
    throw err;
  }
  await db.activity.bulkInsert([
    activityEntry({ entity: 'booking', entityId: bookingId, action: 'booking.invoiced', summary: text('log.invoiceForBooking'), ...factStamp(ctx) }),
    activityEntry({ entity: 'invoice', entityId: invoice.id, action: 'invoice.created', summary: text('log.draftFromBooking'), ...factStamp(ctx) }),
  ]);
  return invoice;
}
