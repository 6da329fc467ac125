/**
 * Reads what the clinic's day sheet is derived from (shared/domain/day-sheet.ts), each by an
 * indexed query. The renderer subscribes to the same queries (live), so a payment taken
 * on another desk shows on the sheet as soon as it syncs; tests and main call loadDaySheet.
 *
 * Cost: outstanding needs every completed invoice issued before the day's end and the money
 * facts before it, so both queries grow with the clinic's history (an index range, not a
 * scan, but all of the past). Fine for a desk's years of data; if it ever is not, keep a
 * per-client balance snapshot and read only the facts after it.
 */
import type { InvoiceDoc, MessageDoc, PaymentDoc, PaymentRequestDoc } from '../schemas/index.js';
import { CLINIC_SETTINGS_ID } from '../schemas/index.js';
import { daySheet, type DaySheet } from '../domain/day-sheet.js';
import { localDaysRange, type LocalDate } from '../domain/time.js';
import { refuse, RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';

/**
 * Issued invoices and credit notes created before `end`, by the ['status', 'createdAt'] index
 * (an invoice completed before `end` was created before it). The day's own completions
 * and voids are among them; drafts are not read.
 */
export function issuedInvoicesUntilQuery(db: ClinicDatabase, end: string) {
  return db.invoices.find({
    selector: { status: { $in: ['completed', 'void'] }, createdAt: { $lt: end } },
    sort: [{ status: 'asc' }, { createdAt: 'asc' }],
  });
}

/** Money facts before `end`, by the 'at' index: the day's takings are the last stretch of it. */
export function factsUntilQuery(db: ClinicDatabase, end: string) {
  return db.payments.find({ selector: { at: { $lt: end } }, sort: [{ at: 'asc' }] });
}

/** The day's messages (links and reminders sent), by the 'at' index. */
export function messagesOfDayQuery(db: ClinicDatabase, from: string, to: string) {
  return db.messages.find({ selector: { at: { $gte: from, $lt: to } }, sort: [{ at: 'asc' }] });
}

/** The day as UTC instants in the clinic's zone, for the queries above. */
export function daySheetRange(date: LocalDate, timeZone: string): { from: string; to: string } {
  return localDaysRange(date, 1, timeZone);
}

export interface DaySheetData {
  readonly invoices: InvoiceDoc[];
  readonly facts: PaymentDoc[];
  readonly messages: MessageDoc[];
  /** The chasing's debt-collection markers: which invoices were ready for debt collection. */
  readonly steps: PaymentRequestDoc[];
}

/** Every debt-collection marker (few: one per invoice the chasing gave up on). */
export function collectionMarkersQuery(db: ClinicDatabase) {
  return db.paymentrequests.find({ selector: { purpose: 'debt_collection' } });
}

export async function loadDaySheetData(db: ClinicDatabase, date: LocalDate, timeZone: string): Promise<DaySheetData> {
  const { from, to } = daySheetRange(date, timeZone);
  const [invoiceDocs, factDocs, messageDocs, stepDocs] = await Promise.all([
    issuedInvoicesUntilQuery(db, to).exec(), factsUntilQuery(db, to).exec(), messagesOfDayQuery(db, from, to).exec(), collectionMarkersQuery(db).exec(),
  ]);
  return {
    invoices: invoiceDocs.map((d) => d.toMutableJSON()), facts: factDocs.map((d) => d.toMutableJSON()),
    messages: messageDocs.map((d) => d.toMutableJSON()), steps: stepDocs.map((d) => d.toMutableJSON()),
  };
}

/** The day sheet for a clinic day, in the clinic's zone and currency. */
export async function loadDaySheet(db: ClinicDatabase, date: LocalDate): Promise<DaySheet> {
  const settings = await db.settings.findOne(CLINIC_SETTINGS_ID).exec();
  if (!settings) throw new RefusedError(refuse('daySheet.refused.notSetUp'));
  const data = await loadDaySheetData(db, date, settings.timeZone);
  return daySheet({ date, timeZone: settings.timeZone, currency: settings.currency, ...data });
}
