/** The invoice as the client reads it, rendered to HTML (no browser here), in English and in bokmål. */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { checkSetup } from '../../../shared/domain/setup.js';
import type { InvoiceDoc } from '../../../shared/schemas/index.js';
import { TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { ReaderLanguage } from '../../app/language.js';
import { InvoiceDocument } from './InvoiceDocument.js';

const setup = checkSetup({
  clinicName: 'Fjordside Fysioterapi', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
  service: { name: 'Konsultasjon', durationMinutes: '45', price: '750', vatRate: '25' },
}, '2026-01-01T08:00:00.000Z', TEST_DESK);
if (!setup.ok) throw new Error(setup.message);
const { settings } = setup.value;

const invoice = {
  id: 'inv-1', kind: 'invoice', status: 'completed', clientId: 'c-1', bookingId: '', creditsInvoiceId: '', currency: 'NOK',
  lines: [{ id: 'l-1', serviceId: '', description: 'Konsultasjon', quantity: 1, unitPriceMinor: 75_000, discountBp: 1_000, vatRateBp: 2_500 }],
  number: 12, invoiceDate: '2026-12-02', dueDate: '2026-12-16', completedAt: '2026-12-02T09:00:00.000Z', serviceDate: '2026-12-02',
} as unknown as InvoiceDoc;

function render(choice: string, clinicLocale = 'nb-NO'): string {
  const document = createElement(InvoiceDocument, { invoice, client: null, settings, account: undefined });
  const html = renderToStaticMarkup(createElement(ReaderLanguage, { choice, clinicLocale, timeZone: 'Europe/Oslo', children: document }));
  return html.replace(/(<[^>]+>)+/g, '|').replace(/[\u00a0\u202f]/g, ' ');
}

describe('the invoice document', () => {
  it('reads in bokmål with Norwegian amounts, rates and dates', () => {
    const text = render('');
    expect(text).toContain('|Faktura|');
    expect(text).toContain('|Forfallsdato|16. des. 2026|');
    expect(text).toContain('Mva 25 % av 540,00 kr eks. mva');
    expect(text).toContain('|−75,00 kr|');
  });

  it('reads in English, as before', () => {
    const text = render('en', 'en-GB');
    expect(text).toContain('|Due date|16 Dec 2026|');
    expect(text).toContain('VAT 25% of NOK 540.00 excl. VAT');
    expect(text).toContain('|Invoice no.|12|');
  });
});
