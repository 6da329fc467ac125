/**
 * The export for a debt collector: one row per invoice the chasing marked ready for debt
 * collection, with what a collector needs to act — who (name, address, contact, date of
 * birth), what (invoice number, dates, amounts, reminder fees apart) and how it was chased (reminder and
 * final-notice dates). CSV with a header row, `;`-separated as Norwegian spreadsheets
 * expect, amounts with a decimal point, every field quoted.
 */
import type { ClientDoc, InvoiceDoc, PaymentRequestDoc } from '../schemas/index.js';
import type { InvoiceAccount } from './ledger.js';
import { MINOR_DIGITS } from './money.js';

export interface DebtCase {
  readonly invoice: Pick<InvoiceDoc, 'number' | 'invoiceDate' | 'dueDate' | 'currency'>;
  readonly client: Pick<ClientDoc, 'firstName' | 'lastName' | 'address' | 'email' | 'phone' | 'dateOfBirth'>;
  readonly account: Pick<InvoiceAccount, 'totalMinor' | 'paidMinor' | 'creditedMinor' | 'feesMinor' | 'balanceMinor'>;
  readonly steps: readonly Pick<PaymentRequestDoc, 'purpose' | 'sentAt'>[];
}

const HEADER = ['Invoice number', 'Invoice date', 'Due date', 'Currency', 'Invoiced', 'Credited', 'Reminder fees', 'Paid', 'Outstanding',
  'First name', 'Last name', 'Address', 'Email', 'Mobile', 'Date of birth', 'Reminder sent', 'Second reminder sent', 'Final notice sent', 'Ready since'];

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

export function debtCollectionCsv(cases: readonly DebtCase[]): string {
  const day = (steps: DebtCase['steps'], purpose: PaymentRequestDoc['purpose']) => steps.find((s) => s.purpose === purpose)?.sentAt.slice(0, 10) ?? '';
  const rows = cases.map(({ invoice, client, account, steps }) => [
    String(invoice.number || ''), invoice.invoiceDate, invoice.dueDate, invoice.currency,
    amount(account.totalMinor, invoice.currency), amount(account.creditedMinor, invoice.currency), amount(account.feesMinor, invoice.currency), amount(account.paidMinor, invoice.currency), amount(account.balanceMinor, invoice.currency),
    client.firstName, client.lastName, client.address, client.email, client.phone, client.dateOfBirth,
    day(steps, 'reminder'), day(steps, 'second_reminder'), day(steps, 'final_notice'), day(steps, 'debt_collection'),
  ]);
  return [HEADER, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
