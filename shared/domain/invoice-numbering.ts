/**
 * The server's side of invoice numbering (docs/design.md invariant 3): when a completed
 * invoice arrives without a number, the clinic's sync server gives it the next number of
 * the clinic's single gap-free series and dates it. The counter itself lives in the
 * server's database; this module only decides which invoices need a number and what
 * dates go with it, so the rule is pure and testable. Imported by server/ (and by
 * anything else that needs the same dates); imports shared/ only.
 */
import { addDays, isValidTimeZone, localDateOf, type LocalDate } from './time.js';

/** The settings fields that date an invoice; both optional (no settings doc yet). */
export interface InvoiceTerms {
  readonly timeZone?: unknown;
  readonly paymentTermsDays?: unknown;
  /** A whole settings document may be passed as it is stored. */
  readonly [field: string]: unknown;
}

/** Used until the clinic has saved settings (the product's defaults, docs/product.md). */
export const DEFAULT_INVOICE_TERMS = { timeZone: 'Europe/Oslo', paymentTermsDays: 14 } as const;

/** The terms to use: the settings' values where valid, the defaults otherwise. */
export function resolveInvoiceTerms(settings: InvoiceTerms | null | undefined): { timeZone: string; paymentTermsDays: number } {
  const tz = settings?.timeZone;
  const days = settings?.paymentTermsDays;
  return {
    timeZone: typeof tz === 'string' && isValidTimeZone(tz) ? tz : DEFAULT_INVOICE_TERMS.timeZone,
    paymentTermsDays: typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 365 ? days : DEFAULT_INVOICE_TERMS.paymentTermsDays,
  };
}

/** The invoice date is the clinic's calendar day at `now`; the due date follows by the payment terms. */
export function invoiceDates(now: Date | string, settings: InvoiceTerms | null | undefined): { invoiceDate: LocalDate; dueDate: LocalDate } {
  const terms = resolveInvoiceTerms(settings);
  const invoiceDate = localDateOf(now, terms.timeZone);
  return { invoiceDate, dueDate: addDays(invoiceDate, terms.paymentTermsDays) };
}

/** A completed invoice still waiting for its number ("number pending" on the desk). */
export function awaitsNumber(invoice: Readonly<Record<string, unknown>>): boolean {
  return invoice.status === 'completed' && invoice.number === 0;
}

/** The invoice as the server stores it once numbered: number and dates filled in, nothing else touched. */
export function numberInvoice<T extends Readonly<Record<string, unknown>>>(invoice: T, number: number, now: Date | string, settings: InvoiceTerms | null | undefined): T {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`not an invoice number: ${number}`);
  return { ...invoice, number, ...invoiceDates(now, settings) };
}
