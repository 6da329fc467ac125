import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../shared/domain/ledger.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { ledgerEntryLabel } from './ledger-labels.js';

const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const en = createTranslator({ language: 'en', clinicLocale: 'en-GB', timeZone: 'Europe/London' });

const invoice = (id: string, number: number, creditsInvoiceId = '') => ({ id, number, creditsInvoiceId }) as InvoiceDoc;
const invoices = new Map([['inv-12', invoice('inv-12', 12)], ['cn-14', invoice('cn-14', 14, 'inv-12')], ['inv-0', invoice('inv-0', 0)]]);
const entry = (kind: LedgerEntry['kind'], invoiceId: string, method: LedgerEntry['method'] = null): LedgerEntry =>
  ({ id: `${kind}-${invoiceId}`, kind, at: '2026-12-02T09:00:00.000Z', invoiceId, amountMinor: 0, method, runningMinor: 0 });

describe('a ledger entry in words', () => {
  it('reads as before in English', () => {
    expect(ledgerEntryLabel(entry('invoice', 'inv-12'), invoices, en)).toBe('Invoice 12');
    expect(ledgerEntryLabel(entry('credit_note', 'cn-14'), invoices, en)).toBe('Credit note 14 for invoice 12');
    expect(ledgerEntryLabel(entry('payment', 'inv-12', 'cash'), invoices, en)).toBe('Payment, Cash (invoice 12)');
    expect(ledgerEntryLabel(entry('payment', '', 'bank_transfer'), invoices, en)).toBe('Payment, Bank transfer');
    expect(ledgerEntryLabel(entry('refund', '', 'payment_link'), invoices, en)).toBe('Refund to card');
    expect(ledgerEntryLabel(entry('fee', 'inv-0'), invoices, en)).toBe('Reminder fee on invoice (number pending)');
    // Without a translator (a caller not yet converted), English.
    expect(ledgerEntryLabel(entry('void', 'inv-12'), invoices, en)).toBe('Invoice 12 voided');
  });

  it('reads in bokmål on a Norwegian desk', () => {
    expect(ledgerEntryLabel(entry('invoice', 'inv-12'), invoices, nb)).toBe('Faktura 12');
    expect(ledgerEntryLabel(entry('credit_note', 'cn-14'), invoices, nb)).toBe('Kreditnota 14 for faktura 12');
    expect(ledgerEntryLabel(entry('payment', 'inv-12', 'cash'), invoices, nb)).toBe('Betaling, Kontant (faktura 12)');
    expect(ledgerEntryLabel(entry('fee', 'inv-0'), invoices, nb)).toBe('Purregebyr på faktura (nummer kommer)');
    expect(ledgerEntryLabel(entry('credit_applied', 'inv-12'), invoices, nb)).toBe('Klientkreditt brukt på faktura 12');
  });
});
