/**
 * The rules a pushed document keeps with the clinic's other documents (docs/design.md
 * invariant 13): what it names exists at the server, and its money is in the clinic's
 * currency. Pure: the server reads, in the push's transaction and once per referenced
 * collection, what referencesOf asks for, and passes what it found to contextProblem.
 * Imported by server/sync/validate-push.ts (and tests that predict it).
 *
 * Only references that form no cycle are checked — bookings name clients, services and
 * practitioners; invoices name clients (a credit note its invoice); payments and payment
 * requests name their invoice and client. A booking's `invoiceId` and an invoice's `bookingId`
 * point at each other: checking both would let neither in while the desk pushes them in
 * separate requests. A reference the server does not hold yet is `missing_reference`,
 * retryable: desks push each collection on its own, so a payment may arrive before its
 * invoice, and the desk sends it again (docs/decisions/0018-validating-documents.md).
 * A deleted document counts as held: a fact recorded against a draft another desk deleted
 * meanwhile is still a fact. Tombstones name nothing that must exist.
 */
import type { CollectionName } from '../schemas/index.js';
import { text } from '../i18n/text.js';
import type { DocumentProblem } from './document-problem.js';
import { problem, quoted } from './document-problem.js';
import type { WireDocument } from './protocol.js';

export interface Reference {
  readonly field: string;
  readonly to: CollectionName;
  /** '' means "none" (a payment of client credit names no invoice). */
  readonly optional: boolean;
}

const ref = (field: string, to: CollectionName, optional = false): Reference => ({ field, to, optional });

export const REFERENCES: Readonly<Partial<Record<CollectionName, readonly Reference[]>>> = {
  bookings: [ref('clientId', 'clients'), ref('serviceId', 'services'), ref('practitionerId', 'staff')],
  invoices: [ref('clientId', 'clients'), ref('creditsInvoiceId', 'invoices', true)],
  payments: [ref('invoiceId', 'invoices', true), ref('clientId', 'clients')],
  paymentrequests: [ref('invoiceId', 'invoices'), ref('clientId', 'clients')],
};

/** Collections whose documents carry the clinic's currency in `currency`. */
const CARRIES_CURRENCY: ReadonlySet<CollectionName> = new Set(['settings', 'services', 'invoices', 'payments', 'paymentrequests', 'messages']);

export const needsClinicCurrency = (collection: CollectionName): boolean => CARRIES_CURRENCY.has(collection);

/** The ids a document names, per collection, for the server to look up. */
export function referencesOf(collection: CollectionName, doc: WireDocument): { to: CollectionName; id: string }[] {
  if (doc._deleted) return [];
  const out: { to: CollectionName; id: string }[] = [];
  for (const r of REFERENCES[collection] ?? []) {
    const id = doc[r.field];
    if (typeof id === 'string' && !(r.optional && id === '')) out.push({ to: r.to, id });
  }
  return out;
}

export interface PushContextFacts {
  /** The currency of the settings the server holds; null before a desk has pushed them. */
  readonly clinicCurrency: string | null;
  /** Whether the server holds (or this push brings) a document of that collection and id. */
  readonly holds: (collection: CollectionName, id: string) => boolean;
}

function currencyProblem(collection: CollectionName, doc: WireDocument, clinicCurrency: string | null): DocumentProblem | null {
  // Before any settings reach the server there is no clinic currency to keep to: the
  // first desk pushes its settings with its other collections, in no set order.
  if (clinicCurrency === null || !CARRIES_CURRENCY.has(collection) || doc.currency === clinicCurrency) return null;
  const params = { field: 'currency', currency: String(doc.currency), clinicCurrency };
  if (collection === 'settings') return problem('rule_broken', text('syncRule.problem.clinicCurrencyFixed', { clinicCurrency }), params);
  return problem('rule_broken', text('syncRule.problem.otherCurrency', { currency: String(doc.currency), clinicCurrency }), params);
}

/** The first rule this document breaks against the clinic's other documents, or null. */
export function contextProblem(collection: CollectionName, doc: WireDocument, facts: PushContextFacts): DocumentProblem | null {
  const currency = currencyProblem(collection, doc, facts.clinicCurrency);
  if (currency) return currency;
  if (doc._deleted) return null;
  for (const r of REFERENCES[collection] ?? []) {
    const id = doc[r.field];
    if (typeof id !== 'string' || (r.optional && id === '') || facts.holds(r.to, id)) continue;
    return {
      ...problem('missing_reference', text('syncRule.problem.missingReference', { collection: r.to, field: quoted(r.field), id: quoted(id) }), { field: r.field, collection: r.to, id }),
      retryable: true,
    };
  }
  return null;
}
