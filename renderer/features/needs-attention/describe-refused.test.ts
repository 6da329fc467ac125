import { describe, expect, it } from 'vitest';
import type { ClientDoc, InvoiceDoc } from '../../../shared/schemas/index.js';
import { describeRefused, refusedOutcome } from './describe-refused.js';

const clinic = { locale: 'nb-NO' };
const client = { firstName: 'Ola', lastName: 'Berg' } as ClientDoc;
const invoice = { number: 12, clientId: 'c1' } as InvoiceDoc;

describe('how a refused change reads', () => {
  it('names a payment by amount, method, invoice and client', () => {
    const doc = { kind: 'payment', amountMinor: 75_000, currency: 'NOK', method: 'cash' };
    expect(describeRefused({ collection: 'payments', kept: true }, { doc, invoice, client, clinic })).toMatch(/^Payment of 750,00\skr \(Cash\) on invoice 12 for Ola Berg$/);
    expect(describeRefused({ collection: 'payments', kept: true }, { doc: { ...doc, kind: 'refund' }, invoice: null, client: null, clinic })).toMatch(/^Refund of 750,00\skr \(Cash\)$/);
  });

  it('names a message, an invoice, a log entry and a record change', () => {
    expect(describeRefused({ collection: 'messages', kept: true }, { doc: { channel: 'sms', recipient: '+4790000000' }, invoice, client, clinic })).toBe('SMS to +4790000000 on invoice 12 for Ola Berg');
    expect(describeRefused({ collection: 'invoices', kept: true }, { doc: { number: 0 }, invoice: null, client, clinic })).toBe('Invoice (number pending) for Ola Berg');
    expect(describeRefused({ collection: 'activity', kept: true }, { doc: { summary: 'Took 100 kr' }, invoice: null, client: null, clinic })).toBe('Log entry: Took 100 kr');
    expect(describeRefused({ collection: 'bookings', kept: false }, { doc: { start: 'x' }, invoice: null, client, clinic })).toBe('A booking change for Ola Berg');
    expect(describeRefused({ collection: 'payments', kept: true }, { doc: null, invoice: null, client: null, clinic })).toBe('A payment that is no longer on this desk');
  });

  it('says what became of it on this desk', () => {
    expect(refusedOutcome({ kept: true }, null)).toMatch(/^Kept on this desk only/);
    expect(refusedOutcome({ kept: false }, null)).toMatch(/^Taken back on this desk/);
    expect(refusedOutcome({ kept: true, acceptedBy: 'a' }, 'Astrid')).toBe('Accepted again by Astrid; waiting for the sync server to take it.');
  });
});
