/**
 * The export for a debt collector: one row per invoice the chasing marked ready for debt
 * collection, with what a collector needs to act — who (name, address, contact, date of
 * birth), what (invoice number, dates, amounts, reminder fees apart) and how it was chased (reminder and
 * final-notice dates). CSV with a header row, `;`-separated as Norwegian spreadsheets
 * expect, amounts with a decimal point, every field quoted. The header row is in the language
 * of whoever exports; dates and amounts stay machine-readable in every language.
 */
import type { ClientDoc, InvoiceDoc, PaymentRequestDoc } from '../schemas/index.js';
import type { InvoiceAccount } from './ledger.js';
import { MINOR_DIGITS } from './money.js';
import type { MessageId } from '../i18n/catalogues/index.js';
import type { Translator } from '../i18n/translator.js';

export interface DebtCase {
  readonly invoice: Pick<InvoiceDoc, 'number' | 'invoiceDate' | 'dueDate' | 'currency'>;
  readonly client: Pick<ClientDoc, 'firstName' | 'lastName' | 'address' | 'email' | 'phone' | 'dateOfBirth'>;
  readonly account: Pick<InvoiceAccount, 'totalMinor' | 'paidMinor' | 'creditedMinor' | 'feesMinor' | 'balanceMinor'>;
  readonly steps: readonly Pick<PaymentRequestDoc, 'purpose' | 'sentAt'>[];
}

/** The header row, in the language of whoever exports. */
const HEADER: readonly MessageId[] = [
  'debtExport.column.invoiceNumber', 'debtExport.column.invoiceDate', 'debtExport.column.dueDate', 'debtExport.column.currency',
  'debtExport.column.invoiced', 'debtExport.column.credited', 'debtExport.column.reminderFees', 'debtExport.column.paid', 'debtExport.column.outstanding',
  'debtExport.column.firstName', 'debtExport.column.lastName', 'debtExport.column.address', 'debtExport.column.email', 'debtExport.column.mobile',
  'debtExport.column.dateOfBirth', 'debtExport.column.reminderSent', 'debtExport.column.secondReminderSent', 'debtExport.column.finalNoticeSent',
  'debtExport.column.readySince',
];

function amount(minor: number, currency: InvoiceDoc['currency']): string {
  const d = MINOR_DIGITS[currency];
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** d)}.${String(abs % 10 ** d).padStart(d, '0')}`;
}

function cell(value: string): string {
  // Quoted; a leading =, +, - or @ is escaped so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** `tr`: the Translator of whoever exports; it words the header row (the rows are data). */
export function debtCollectionCsv(cases: readonly DebtCase[], tr: Pick<Translator, 't'>): string {
  const day = (steps: DebtCase['steps'], purpose: PaymentRequestDoc['purpose']) => steps.find((s) => s.purpose === purpose)?.sentAt.slice(0, 10) ?? '';
  const rows = cases.map(({ invoice, client, account, steps }) => [
    String(invoice.number || ''), invoice.invoiceDate, invoice.dueDate, invoice.currency,
    amount(account.totalMinor, invoice.currency), amount(account.creditedMinor, invoice.currency), amount(account.feesMinor, invoice.currency), amount(account.paidMinor, invoice.currency), amount(account.balanceMinor, invoice.currency),
    client.firstName, client.lastName, client.address, client.email, client.phone, client.dateOfBirth,
    day(steps, 'reminder'), day(steps, 'second_reminder'), day(steps, 'final_notice'), day(steps, 'debt_collection'),
  ]);
  return [HEADER.map((id) => tr.t(id)), ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
