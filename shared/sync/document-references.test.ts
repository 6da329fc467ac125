/**
 * The rules a pushed document keeps with the clinic's other documents: references the server
 * holds (missing → retryable missing_reference) and the clinic's currency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../schemas/index.js';
import { deskDocuments, type DeskDocuments } from '../test-support/desk-documents.js';
import { contextProblem, referencesOf, REFERENCES, type PushContextFacts } from './document-references.js';
import type { WireDocument } from './protocol.js';

let desk: DeskDocuments;
beforeAll(async () => {
  desk = await deskDocuments();
});

/** The server as the desk's own documents make it: it holds everything the desk made. */
function holdingAll(except: readonly string[] = [], clinicCurrency: string | null = 'NOK'): PushContextFacts {
  const held = new Set(Object.entries(desk).flatMap(([c, docs]) => docs.map((d) => `${c}/${d.id}`)));
  return { clinicCurrency, holds: (c, id) => held.has(`${c}/${id}`) && !except.includes(id) };
}

const payment = () => desk.payments.find((p) => p.kind === 'payment')!;

describe('references', () => {
  it('every desk-made document names only documents the desk made', () => {
    for (const [c, docs] of Object.entries(desk) as [CollectionName, WireDocument[]][]) {
      for (const doc of docs) expect(contextProblem(c, doc, holdingAll()), `${c} ${doc.id}`).toBeNull();
    }
  });

  it('lists what a document names, and nothing for a tombstone or an empty optional reference', () => {
    const p = payment();
    expect(referencesOf('payments', p)).toEqual([{ to: 'invoices', id: p.invoiceId }, { to: 'clients', id: p.clientId }]);
    expect(referencesOf('payments', { ...p, invoiceId: '' })).toEqual([{ to: 'clients', id: p.clientId }]);
    expect(referencesOf('payments', { ...p, _deleted: true })).toEqual([]);
    const booking = desk.bookings[0]!;
    expect(referencesOf('bookings', booking).map((r) => r.to)).toEqual(['clients', 'services', 'staff']);
    expect(referencesOf('clients', desk.clients[0]!)).toEqual([]);
  });

  it('calls a reference the server does not hold missing, retryable, naming the field and the id', () => {
    const p = payment();
    const missing = contextProblem('payments', p, holdingAll([String(p.invoiceId)]));
    expect(missing).toEqual({
      code: 'missing_reference', retryable: true, params: { field: 'invoiceId', collection: 'invoices', id: p.invoiceId },
      reason: `the invoice it names in "invoiceId" ("${String(p.invoiceId)}") has not reached the server`,
      reasonText: { id: 'syncRule.problem.missingReference', values: { collection: 'invoices', field: '"invoiceId"', id: `"${String(p.invoiceId)}"` } },
    });
    const booking = desk.bookings[0]!;
    for (const field of ['clientId', 'serviceId', 'practitionerId']) {
      expect(contextProblem('bookings', booking, holdingAll([String(booking[field])]))?.params.field).toBe(field);
    }
    const request = desk.paymentrequests[0]!;
    expect(contextProblem('paymentrequests', request, holdingAll([String(request.invoiceId)]))?.params.field).toBe('invoiceId');
    const note = desk.invoices.find((i) => i.kind === 'credit_note')!;
    expect(contextProblem('invoices', note, holdingAll([String(note.creditsInvoiceId)]))?.params.field).toBe('creditsInvoiceId');
    // A tombstone names nothing that must exist.
    expect(contextProblem('payments', { ...p, _deleted: true }, holdingAll([String(p.invoiceId)]))).toBeNull();
  });

  it('checks no pair of references that point at each other (booking ↔ invoice)', () => {
    expect(REFERENCES.bookings!.map((r) => r.field)).not.toContain('invoiceId');
    expect(REFERENCES.invoices!.map((r) => r.field)).not.toContain('bookingId');
  });
});

describe("the clinic's currency", () => {
  it('refuses money in another currency once the server holds the settings, and any before', () => {
    const p = payment();
    expect(contextProblem('payments', { ...p, currency: 'USD' }, holdingAll([], 'NOK'))).toEqual({
      code: 'rule_broken', params: { field: 'currency', currency: 'USD', clinicCurrency: 'NOK' }, reason: 'it is in USD, but the clinic charges in NOK',
      reasonText: { id: 'syncRule.problem.otherCurrency', values: { currency: 'USD', clinicCurrency: 'NOK' } },
    });
    for (const c of ['services', 'invoices', 'paymentrequests', 'messages'] as const) {
      expect(contextProblem(c, { ...desk[c][0]!, currency: 'EUR' }, holdingAll())?.code, c).toBe('rule_broken');
    }
    expect(contextProblem('payments', { ...p, currency: 'USD' }, holdingAll([], null))).toBeNull();
  });

  it('never lets the settings change the currency', () => {
    const settings = desk.settings[0]!;
    expect(contextProblem('settings', { ...settings, currency: 'SEK' }, holdingAll([], 'NOK'))?.reason).toBe("the clinic's currency is NOK and does not change");
    expect(contextProblem('settings', { ...settings, currency: 'SEK' }, holdingAll([], null))).toBeNull();
  });
});
