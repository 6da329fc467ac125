import { describe, expect, it } from 'vitest';
import type { ClientDoc, InvoiceDoc } from '../../../shared/schemas/index.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { text } from '../../../shared/i18n/text.js';
import { describeNotice, describeRefused, refusalReason, refusedOutcome } from './describe-refused.js';

// An English receptionist at a Norwegian clinic: English words, Norwegian formats.
const { t } = createTranslator({ language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const client = { firstName: 'Ola', lastName: 'Berg' } as ClientDoc;
const invoice = { number: 12, clientId: 'c1' } as InvoiceDoc;

describe('how a refused change reads', () => {
  it('names a payment by amount, method, invoice and client', () => {
    const doc = { kind: 'payment', amountMinor: 75_000, currency: 'NOK', method: 'cash' };
    expect(t(describeRefused({ collection: 'payments', kept: true }, { doc, invoice, client }))).toMatch(/^Payment of 750,00\skr \(Cash\) on invoice 12 for Ola Berg$/);
    expect(t(describeRefused({ collection: 'payments', kept: true }, { doc: { ...doc, kind: 'refund' }, invoice: null, client: null }))).toMatch(/^Refund of 750,00\skr \(Cash\)$/);
  });

  it('names a message, an invoice, a log entry and a record change', () => {
    expect(t(describeRefused({ collection: 'messages', kept: true }, { doc: { channel: 'sms', recipient: '+4790000000' }, invoice, client }))).toBe('SMS to +4790000000 on invoice 12 for Ola Berg');
    expect(t(describeRefused({ collection: 'invoices', kept: true }, { doc: { number: 0 }, invoice: null, client }))).toBe('Invoice (number pending) for Ola Berg');
    expect(t(describeRefused({ collection: 'activity', kept: true }, { doc: { summary: 'Took 100 kr' }, invoice: null, client: null }))).toBe('Log entry: Took 100 kr');
    expect(t(describeRefused({ collection: 'bookings', kept: false }, { doc: { start: 'x' }, invoice: null, client }))).toBe('A booking change for Ola Berg');
    expect(t(describeRefused({ collection: 'payments', kept: true }, { doc: null, invoice: null, client: null }))).toBe('A payment that is no longer on this desk');
  });

  it('says what became of it on this desk', () => {
    expect(t(refusedOutcome({ kept: true }, null))).toMatch(/^Kept on this desk only/);
    expect(t(refusedOutcome({ kept: false }, null))).toMatch(/^Taken back on this desk/);
    expect(t(refusedOutcome({ kept: true, acceptedBy: 'a' }, 'Astrid'))).toBe('Accepted again by Astrid; waiting for the sync server to take it.');
    expect(t(refusedOutcome({ kept: true, acceptedBy: 'a' }, null))).toBe('Accepted again by a staff member; waiting for the sync server to take it.');
  });

  it('reads in bokmål for a Norwegian desk', () => {
    const doc = { kind: 'payment', amountMinor: 75_000, currency: 'NOK', method: 'cash' };
    expect(nb.t(describeRefused({ collection: 'payments', kept: true }, { doc, invoice, client }))).toMatch(/^Betaling på 750,00\skr \(.+\) på faktura 12 for Ola Berg$/);
    expect(nb.t(describeRefused({ collection: 'payments', kept: true }, { doc: null, invoice: null, client: null }))).toBe('En betaling som ikke lenger finnes på denne skranken');
    expect(nb.t(refusedOutcome({ kept: true, acceptedBy: 'a' }, 'Astrid'))).toBe('Godtatt på nytt av Astrid; venter på at synkroniseringsserveren tar imot den.');
  });

  it("shows the server's reason, in the reader's language when the server sent it as a Text", () => {
    expect(t(refusalReason({ message: 'Rita Reception has no billing permission.' }))).toBe('Rita Reception has no billing permission.');
    const withText = { message: 'Sync stopped.', text: JSON.stringify(text('attention.outcome.takenBack')) };
    expect(nb.t(refusalReason(withText))).toBe('Tatt tilbake på denne skranken: den viser det synkroniseringsserveren har.');
    // A Text this desk cannot read (an unknown id) falls back to the English words.
    expect(nb.t(refusalReason({ message: 'Refused.', text: JSON.stringify({ id: 'no.such.id' }) }))).toBe('Refused.');
  });

  it('names a payment link or chasing step by its invoice and client', () => {
    const request = { purpose: 'payment_link', invoiceId: 'i1', clientId: 'c1' };
    expect(t(describeRefused({ collection: 'paymentrequests', kept: false }, { doc: request, invoice, client }))).toBe('Payment link for invoice 12 to Ola Berg');
    expect(t(describeRefused({ collection: 'paymentrequests', kept: false }, { doc: { ...request, purpose: 'second_reminder' }, invoice: null, client }))).toBe('Second reminder to Ola Berg');
    expect(nb.t(describeRefused({ collection: 'paymentrequests', kept: false }, { doc: { ...request, purpose: 'final_notice' }, invoice, client }))).toBe('Inkassovarsel for faktura 12 til Ola Berg');
  });

  it("words a status-bar notice as the change by name and what was said of it, a log entry without its summary", () => {
    const reason = text('push.waitsForCommand');
    const doc = { kind: 'payment', amountMinor: 75_000, currency: 'NOK', method: 'cash' };
    expect(t(describeNotice({ collection: 'payments', kind: 'waiting', reason }, { doc, invoice, client })))
      .toMatch(/^Payment of 750,00\skr \(Cash\) on invoice 12 for Ola Berg: This change was made together with others/);
    expect(t(describeNotice({ collection: 'activity', kind: 'refused', reason }, { doc: { summary: 'Took 100 kr' }, invoice: null, client: null }))).toMatch(/^A log entry: This change/);
    // A pulled document this desk holds no version of: its reason names it (kind and id).
    const notTaken = text('syncRule.pulledNotTaken', { collection: 'clients', id: '"c9"', reason: 'it is not an object' });
    expect(t(describeNotice({ collection: 'clients', kind: 'notTaken', reason: notTaken }, { doc: null, invoice: null, client: null }))).toBe('This desk did not take a client the sync server sent ("c9"): it is not an object.');
  });
});
