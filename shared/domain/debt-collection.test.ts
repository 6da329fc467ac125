import { describe, expect, it } from 'vitest';
import { debtCollectionCsv, type DebtCase } from './debt-collection.js';
import { createTranslator } from '../i18n/translator.js';

const EN = createTranslator({ language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const NB = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const CASE: DebtCase = {
  invoice: { number: 12, invoiceDate: '2026-03-02', dueDate: '2026-03-16', currency: 'NOK' },
  client: { firstName: 'Ingrid', lastName: 'Berg "Bergen"', address: 'Strandgata 5, 5013 Bergen', email: 'ingrid@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' },
  account: { totalMinor: 75_000, paidMinor: 25_000, creditedMinor: 0, feesMinor: 7_000, balanceMinor: 57_000 },
  steps: [{ purpose: 'reminder', sentAt: '2026-03-23T09:00:00.000Z' }, { purpose: 'debt_collection', sentAt: '2026-05-11T09:00:00.000Z' }],
};

describe('debt collection export', () => {
  it('has a header and one quoted row per case, with amounts and chasing dates', () => {
    const csv = debtCollectionCsv([CASE], EN);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe('"Invoice number";"Invoice date";"Due date";"Currency";"Invoiced";"Credited";"Reminder fees";"Paid";"Outstanding";"First name";"Last name";"Address";"Email";"Mobile";"Date of birth";"Reminder sent";"Second reminder sent";"Final notice sent";"Ready since"');
    expect(row).toBe('"12";"2026-03-02";"2026-03-16";"NOK";"750.00";"0.00";"70.00";"250.00";"570.00";"Ingrid";"Berg ""Bergen""";"Strandgata 5, 5013 Bergen";"ingrid@example.com";"\'+47 412 34 567";"1984-03-27";"2026-03-23";"";"";"2026-05-11"');
  });

  it('words the header in the language of whoever exports, and keeps the rows as they are', () => {
    const [enHeader, enRow] = debtCollectionCsv([CASE], EN).trimEnd().split('\r\n');
    const [nbHeader, nbRow] = debtCollectionCsv([CASE], NB).trimEnd().split('\r\n');
    expect(nbHeader).toMatch(/^"Fakturanummer";"Fakturadato";"Forfallsdato";"Valuta";.*"Purregebyrer";.*"Utestående";.*"Inkassovarsel sendt";"Klar for inkasso siden"$/);
    expect(nbHeader!.split(';')).toHaveLength(enHeader!.split(';').length);
    expect(nbRow).toBe(enRow);
  });
});
