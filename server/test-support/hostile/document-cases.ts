/**
 * Hostile pushes, one case each, for any suite that drives the real sync server: documents
 * a desk could never write (amounts of 1e20, currency XXX, unknown kinds, references to
 * nothing, lines as a string, float prices, a thousand extra fields, NUL, half surrogates,
 * -0, 1e300…) and bodies that are not a push at all (20,000 levels deep, 10 MB, prototype
 * keys, not JSON). A case sends its push as one desk of a prepared clinic and says what
 * came back: the status, whether the hostile document was stored, whether it was refused
 * (a 4xx, or a refusal naming it) and whether the harmless row sent with it was stored.
 * Every case must end refused, unstored and never 500 (docs/design.md invariant 13).
 * Imported by tests only (server/routes/hostile-documents.test.ts, and the lead's
 * hostile-input suite).
 */
import type { FastifyInstance } from 'fastify';
import { ROUTES, type ErrorBody, type PushResponse, type WireDocument } from '../../../shared/sync/protocol.js';
import type { CollectionName } from '../../../shared/schemas/index.js';
import type { Store } from '../../store/store.js';
import { bookingDoc, clientDoc, draftInvoice, messageDoc, activityDoc, paymentDoc, paymentRequestDoc, settingsDoc, staffDoc } from '../docs.js';
import { call, createClinic, enrollDesk, insert, insertReferenced, madeOn, type Desk, type TestClinic } from '../harness.js';

/** Staff of the hostile clinic the actor cases name (besides its admin). */
export const HOSTILE_STAFF = { reception: 'st-hostile-rita', removed: 'st-hostile-gone' } as const;
/** A payment link the server holds as sent, for the cases that forge its status and address. */
export const HOSTILE_SENT_LINK = {
  id: 'pr-hostile-sent', status: 'sent', amountMinor: 75_000, linkUrl: 'https://checkout.stripe.com/c/pay/cs_test_hostile', providerRef: 'cs_test_hostile', sentAt: '2026-03-02T09:00:00.000Z',
} as const;

export interface HostileTarget {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clinic: TestClinic;
  /** A second desk of the clinic (not the one that created it). */
  readonly other: Desk;
}

export interface HostileOutcome {
  readonly status: number;
  /** The hostile document is in the clinic's documents table. */
  readonly stored: boolean;
  /** A 4xx for the whole body, or a refusal naming the hostile document. */
  readonly refused: boolean;
  /** The refusal's code, or the error body's. */
  readonly code: string | null;
  /** The harmless document sent in the same push was stored (null: the case sends none). */
  readonly companionStored: boolean | null;
}

export interface HostileCase {
  readonly name: string;
  /** Refused as a whole body (a 4xx): nothing else in it is stored either. */
  readonly wholeBody: boolean;
  /** The code the refusal must carry (a push refusal code, or the error body's code for a 4xx). */
  readonly expectCode: string;
  run(target: HostileTarget): Promise<HostileOutcome>;
}

/**
 * A clinic on `app` holding what the cases' near-valid documents name (client-1, svc-1,
 * st-pract, inv-1) and its settings in NOK, so each case is refused for its own fault only.
 */
export async function prepareHostileTarget(app: FastifyInstance, store: Store): Promise<HostileTarget> {
  const clinic = await createClinic(app, 'Hostile Clinic');
  await insertReferenced(app, clinic);
  await insert(app, clinic.desk, 'settings', [settingsDoc()]);
  await insert(app, clinic.desk, 'staff', [
    staffDoc(HOSTILE_STAFF.reception, 'Rita Reception', ['reception']),
    staffDoc(HOSTILE_STAFF.removed, 'Gunnar Gone', ['admin'], { active: false }),
  ]);
  await insert(app, clinic.desk, 'paymentrequests', [paymentRequestDoc(HOSTILE_SENT_LINK.id, HOSTILE_SENT_LINK)]);
  return { app, store, clinic, other: await enrollDesk(app, clinic, 'Hostile desk 2') };
}

let counter = 0;
const uniqueId = (name: string) => `h${++counter}-${name}`.slice(0, 40);
const idFor = (name: string) => uniqueId(name.replace(/[^a-z0-9]+/gi, '-'));

async function clinicSeq(t: HostileTarget): Promise<number> {
  return (await t.store.query<{ seq: number }>('SELECT seq FROM clinics WHERE id = $1', [t.clinic.clinicId]))[0]!.seq;
}

/** Whether the push wrote this document: a row of that id with a seq after the push began. */
async function writtenSince(t: HostileTarget, collection: string, id: string, seq: number): Promise<boolean> {
  const rows = await t.store.query('SELECT 1 FROM documents WHERE clinic_id = $1 AND collection = $2 AND id = $3 AND seq > $4', [t.clinic.clinicId, collection, id, seq]);
  return rows.length > 0;
}

/** JSON with raw text in place of "<raw>" placeholders: what JSON.stringify cannot write (-0, 1e400, a lone \ud800). */
const RAW = '<raw>';
function withRaw(body: unknown, raw: readonly string[]): string {
  let text = JSON.stringify(body);
  for (const r of raw) text = text.replace(JSON.stringify(RAW), r);
  return text;
}

/** A harmless new document of the collection, sent in the same push (settings have one id only: none). */
const COMPANIONS: Readonly<Partial<Record<CollectionName, (id: string) => WireDocument>>> = {
  clients: (id) => clientDoc(id),
  staff: (id) => staffDoc(id, 'Harmless Helper', ['reception']),
  bookings: (id) => bookingDoc(id),
  invoices: (id) => draftInvoice(id),
  payments: (id) => paymentDoc(id),
  paymentrequests: (id) => paymentRequestDoc(id),
  messages: (id) => messageDoc(id),
  activity: (id) => activityDoc(id),
};

export interface RowCase {
  readonly name: string;
  readonly collection: CollectionName;
  readonly expectCode: string;
  /** The hostile document for this id, as pushed from `desk`. */
  readonly doc: (id: string, desk: Desk) => unknown;
  /** The clinic's second desk pushes it (default: the desk that created the clinic). */
  readonly fromOtherDesk?: boolean;
  /** The state the desk says the server holds (for a change to a stored document). */
  readonly assumed?: () => WireDocument;
  /** Raw JSON for each "<raw>" placeholder in the document, in order. */
  readonly raw?: readonly string[];
  /** The server answers 4xx for the whole body, so the harmless row is not stored either. */
  readonly wholeBody?: boolean;
}

/** One hostile row and a harmless new document of the same collection after it, in one push. */
export function rowCase(c: RowCase): HostileCase {
  return {
    name: c.name,
    expectCode: c.expectCode,
    wholeBody: c.wholeBody === true,
    async run(t) {
      const id = idFor(c.name);
      const desk = c.fromOtherDesk ? t.other : t.clinic.desk;
      const hostile = c.doc(id, desk);
      const hostileId = String((hostile as { id?: unknown }).id ?? id);
      const harmless = COMPANIONS[c.collection]?.(uniqueId('companion'));
      const companion = harmless ? { ...harmless, ...madeOn(c.collection, desk, t.clinic.adminId) } : null;
      const rows = [
        { newDocumentState: hostile, ...(c.assumed ? { assumedMasterState: c.assumed() } : {}) },
        ...(companion ? [{ newDocumentState: companion }] : []),
      ];
      const seq = await clinicSeq(t);
      const res = await call<PushResponse & ErrorBody>(t.app, 'POST', ROUTES.push(c.collection), { desk, rawBody: withRaw(rows, c.raw ?? []) });
      const refusal = res.status === 200 ? res.body.refusals.find((r) => r.id === hostileId) : undefined;
      return {
        status: res.status,
        // The id as stored would be: a NUL cannot even be looked up in PostgreSQL.
        stored: await writtenSince(t, c.collection, hostileId.split('\u0000').join(''), seq),
        refused: (res.status >= 400 && res.status < 500) || refusal !== undefined,
        code: refusal?.code ?? (res.status >= 400 ? res.body.error?.code ?? null : null),
        companionStored: companion ? await writtenSince(t, c.collection, companion.id, seq) : null,
      };
    },
  };
}

interface BodyCase {
  readonly name: string;
  readonly collection: CollectionName;
  readonly expectCode: string;
  /** The raw body; it carries the document `id`. */
  readonly body: (id: string) => string;
  readonly contentType?: string;
}

/** A body that is not a push the server can read at all. */
function bodyCase(c: BodyCase): HostileCase {
  return {
    name: c.name,
    expectCode: c.expectCode,
    wholeBody: true,
    async run(t) {
      const id = idFor(c.name);
      const seq = await clinicSeq(t);
      const res = await call<ErrorBody>(t.app, 'POST', ROUTES.push(c.collection), {
        desk: t.clinic.desk, rawBody: c.body(id), ...(c.contentType ? { headers: { 'content-type': c.contentType } } : {}),
      });
      return {
        status: res.status, stored: await writtenSince(t, c.collection, id, seq), refused: res.status >= 400 && res.status < 500,
        code: res.body?.error?.code ?? null, companionStored: null,
      };
    },
  };
}

/** Two rows of the same document in one push, and a harmless client. */
function duplicateCase(): HostileCase {
  return {
    name: 'the same document twice in one push',
    expectCode: 'invalid_document',
    wholeBody: false,
    async run(t) {
      const id = uniqueId('twice');
      const companion = clientDoc(uniqueId('companion'));
      const rows = [{ newDocumentState: clientDoc(id) }, { newDocumentState: clientDoc(id, { firstName: 'Other' }) }, { newDocumentState: companion }];
      const seq = await clinicSeq(t);
      const res = await call<PushResponse>(t.app, 'POST', ROUTES.push('clients'), { desk: t.clinic.desk, body: rows });
      const refusals = res.status === 200 ? res.body.refusals.filter((r) => r.id === id) : [];
      return {
        status: res.status, stored: await writtenSince(t, 'clients', id, seq), refused: refusals.length === 2,
        code: refusals[0]?.code ?? null, companionStored: await writtenSince(t, 'clients', companion.id, seq),
      };
    },
  };
}

const deep = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const payment = (id: string, over: Partial<WireDocument> = {}) => paymentDoc(id, over);
const client = (id: string, over: Partial<WireDocument> = {}) => clientDoc(id, over);
const line = (over: Record<string, unknown> = {}) => ({ id: 'l1', serviceId: 'svc-1', description: 'Massage', quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2500, ...over });
const invoice = (id: string, over: Partial<WireDocument> = {}) => draftInvoice(id, { lines: [line()], ...over });
const lines = (n: number) => Array.from({ length: n }, (_, i) => line({ id: `l${i}` }));

const rowCases: RowCase[] = [
  // Money (invariant 1, 8)
  { name: 'payment of 1e20', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: 1e20 }) },
  { name: 'payment of 1e300', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: 1e300 }) },
  { name: 'payment of 1e400 (Infinity once parsed)', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: RAW }), raw: ['1e400'] },
  { name: 'payment above one amount\'s bound', collection: 'payments', expectCode: 'rule_broken', doc: (id) => payment(id, { amountMinor: 1_000_000_001 }) },
  { name: 'payment of -0', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { tenderedMinor: RAW }), raw: ['-0'] },
  { name: 'payment amount "NaN"', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: 'NaN' }) },
  { name: 'payment amount "Infinity"', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: 'Infinity' }) },
  { name: 'payment amount as text', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: '750.00' }) },
  { name: 'payment of a fraction of an øre', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { amountMinor: 100.5 }) },
  { name: 'negative cash tendered', collection: 'payments', expectCode: 'rule_broken', doc: (id) => payment(id, { tenderedMinor: -100 }) },
  { name: 'payment in currency XXX', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { currency: 'XXX' }) },
  { name: 'payment in USD at a NOK clinic', collection: 'payments', expectCode: 'rule_broken', doc: (id) => payment(id, { currency: 'USD' }) },
  { name: 'payment of an unknown kind', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { kind: 'gift' }) },
  { name: 'payment by an unknown method', collection: 'payments', expectCode: 'invalid_document', doc: (id) => payment(id, { method: 'bitcoin' }) },
  { name: 'payment on an invoice that does not exist', collection: 'payments', expectCode: 'missing_reference', doc: (id) => payment(id, { invoiceId: 'inv-nowhere' }) },
  { name: 'payment for a client that does not exist', collection: 'payments', expectCode: 'missing_reference', doc: (id) => payment(id, { clientId: 'client-nowhere' }) },
  // Invoices (invariant 3)
  { name: 'invoice lines as a string', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { lines: 'one massage' }) },
  { name: 'invoice line with a float price', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { lines: [line({ unitPriceMinor: 750.25 })] }) },
  { name: 'invoice line with a negative price', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { lines: [line({ unitPriceMinor: -75_000 })] }) },
  { name: 'invoice line worth more than one amount may be', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { lines: [line({ quantity: 10_000, unitPriceMinor: 1_000_000 })] }) },
  { name: 'invoice line of quantity 0', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { lines: [line({ quantity: 0 })] }) },
  { name: 'invoice line with VAT over 100 %', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { lines: [line({ vatRateBp: 10_001 })] }) },
  { name: 'invoice with two lines of one id', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { lines: [line(), line()] }) },
  { name: 'invoice of 51 lines', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { lines: lines(51) }) },
  { name: 'invoice of 20,000 lines (a huge array)', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { lines: lines(20_000) }) },
  { name: 'invoice number 1e300', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { status: 'completed', number: 1e300, completedAt: '2026-03-02T10:00:00.000Z' }) },
  { name: 'invoice with a due date that is no date', collection: 'invoices', expectCode: 'rule_broken', doc: (id) => invoice(id, { dueDate: '2026-02-30' }) },
  { name: 'invoice for a client that does not exist', collection: 'invoices', expectCode: 'missing_reference', doc: (id) => invoice(id, { clientId: 'client-nowhere' }) },
  { name: 'credit note for an invoice that does not exist', collection: 'invoices', expectCode: 'missing_reference', doc: (id) => invoice(id, { kind: 'credit_note', creditsInvoiceId: 'inv-nowhere' }) },
  { name: 'invoice of an unknown status', collection: 'invoices', expectCode: 'invalid_document', doc: (id) => invoice(id, { status: 'paid' }) },
  // Shape
  { name: 'a thousand extra fields', collection: 'clients', expectCode: 'invalid_document', doc: (id) => ({ ...client(id), ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`extra${i}`, 'x'])) }) },
  { name: 'RxDB meta fields on the wire', collection: 'clients', expectCode: 'invalid_document', doc: (id) => ({ ...client(id), _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} }) },
  { name: 'a tombstone that is only an id', collection: 'clients', expectCode: 'invalid_document', doc: (id) => ({ id, _deleted: true }) },
  { name: 'a field "constructor"', collection: 'clients', expectCode: 'invalid_document', doc: (id) => ({ ...client(id), constructor: 'x' }) },
  { name: 'an object where text belongs', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { firstName: { $ne: null } }) },
  { name: 'a name of 10,000 characters', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { firstName: 'K'.repeat(10_000) }) },
  { name: 'a 19,990-deep list in a field', collection: 'clients', expectCode: 'too_deep', doc: (id) => client(id, { firstName: RAW }), raw: [deep(19_990)], wholeBody: true },
  { name: 'a 20-deep list in a field', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { firstName: RAW }), raw: [deep(20)] },
  // Text
  { name: 'NUL in a name', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { firstName: 'Kari\u0000' }) },
  { name: 'NUL in an address (free text)', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { address: 'Strandgata 1\u0000' }) },
  { name: 'NUL in an id', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(`${id}\u0000`) },
  { name: 'NUL in a field name', collection: 'clients', expectCode: 'invalid_document', doc: (id) => ({ ...client(id), 'first\u0000Name': 'x' }) },
  { name: 'an escape character in a name', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { lastName: '\u001b[2J' }) },
  { name: 'a line break in a name', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { lastName: 'Nord\nmann' }) },
  { name: 'a lone high surrogate', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { firstName: RAW }), raw: ['"Kari\\ud83d"'] },
  { name: 'a lone low surrogate', collection: 'clients', expectCode: 'invalid_document', doc: (id) => client(id, { lastName: RAW }), raw: ['"\\ude00Nordmann"'] },
  { name: 'a date of birth that is no date', collection: 'clients', expectCode: 'rule_broken', doc: (id) => client(id, { dateOfBirth: '1980-13-01' }) },
  // Other collections
  { name: 'booking for a client that does not exist', collection: 'bookings', expectCode: 'missing_reference', doc: (id) => bookingDoc(id, { clientId: 'client-nowhere' }) },
  { name: 'booking with a practitioner that does not exist', collection: 'bookings', expectCode: 'missing_reference', doc: (id) => bookingDoc(id, { practitionerId: 'st-nowhere' }) },
  { name: 'booking for a service that does not exist', collection: 'bookings', expectCode: 'missing_reference', doc: (id) => bookingDoc(id, { serviceId: 'svc-nowhere' }) },
  { name: 'booking starting at a local time', collection: 'bookings', expectCode: 'invalid_document', doc: (id) => bookingDoc(id, { start: '2026-03-03T10:00:00+01:00' }) },
  { name: 'payment request by fax', collection: 'paymentrequests', expectCode: 'invalid_document', doc: (id) => paymentRequestDoc(id, { channels: ['fax'] }) },
  { name: 'payment request on an invoice that does not exist', collection: 'paymentrequests', expectCode: 'missing_reference', doc: (id) => paymentRequestDoc(id, { invoiceId: 'inv-nowhere' }) },
  { name: 'message of negative cost', collection: 'messages', expectCode: 'rule_broken', doc: (id) => messageDoc(id, { costMinor: -5 }) },
  { name: 'activity about an unknown kind of thing', collection: 'activity', expectCode: 'invalid_document', doc: (id) => activityDoc(id, { entity: 'database' }) },
  { name: 'staff member with an unknown role', collection: 'staff', expectCode: 'invalid_document', doc: (id) => staffDoc(id, 'Mallory', ['superuser']) },
  { name: 'settings under another id', collection: 'settings', expectCode: 'rule_broken', doc: () => settingsDoc({ id: 'clinic-2' }) },
  { name: 'settings in a time zone that does not exist', collection: 'settings', expectCode: 'rule_broken', doc: () => settingsDoc({ timeZone: 'Mars/Olympus' }), assumed: () => settingsDoc() },
  { name: 'settings in a locale that does not exist', collection: 'settings', expectCode: 'rule_broken', doc: () => settingsDoc({ locale: '!!' }), assumed: () => settingsDoc() },
  { name: 'settings changing the clinic\'s currency', collection: 'settings', expectCode: 'rule_broken', doc: () => settingsDoc({ currency: 'SEK' }), assumed: () => settingsDoc() },
];

const bodyCases: BodyCase[] = [
  { name: 'a body 20,000 levels deep', collection: 'clients', expectCode: 'too_deep', body: () => deep(20_000) },
  { name: 'an assumed state 20,000 levels deep', collection: 'clients', expectCode: 'too_deep', body: (id) => JSON.stringify([{ newDocumentState: clientDoc(id), assumedMasterState: RAW }]).replace(JSON.stringify(RAW), `{"id":"${id}","_deleted":false,"x":${deep(19_990)}}`) },
  { name: 'a body of 10 MB', collection: 'clients', expectCode: 'too_large', body: (id) => JSON.stringify([{ newDocumentState: clientDoc(id, { address: 'x'.repeat(10 * 1024 * 1024) }) }]) },
  { name: 'a "__proto__" key', collection: 'clients', expectCode: 'bad_json', body: (id) => `[{"newDocumentState":${JSON.stringify(clientDoc(id)).slice(0, -1)},"__proto__":{"isAdmin":true}}}]` },
  { name: 'a "constructor.prototype" key', collection: 'clients', expectCode: 'bad_json', body: (id) => `[{"newDocumentState":${JSON.stringify(clientDoc(id)).slice(0, -1)},"constructor":{"prototype":{"isAdmin":true}}}}]` },
  { name: 'a body that is not JSON', collection: 'clients', expectCode: 'bad_json', body: (id) => `[{"newDocumentState":{"id":"${id}"` },
  { name: 'a body that is one document, not a list of rows', collection: 'clients', expectCode: 'bad_request', body: (id) => JSON.stringify(clientDoc(id)) },
  { name: 'a row that is a list', collection: 'clients', expectCode: 'bad_request', body: (id) => JSON.stringify([{ newDocumentState: [clientDoc(id)] }]) },
  { name: '1,001 rows', collection: 'clients', expectCode: 'bad_request', body: (id) => JSON.stringify(Array.from({ length: 1001 }, (_, i) => ({ newDocumentState: clientDoc(i === 0 ? id : `${id}-${i}`.slice(0, 40)) }))) },
  { name: 'an id of 41 characters', collection: 'clients', expectCode: 'bad_request', body: (id) => JSON.stringify([{ newDocumentState: clientDoc(id.padEnd(41, 'x')) }]) },
  { name: 'a body sent as XML', collection: 'clients', expectCode: 'unsupported_media_type', body: (id) => `<push><id>${id}</id></push>`, contentType: 'application/xml' },
  { name: 'a body sent as text/plain', collection: 'clients', expectCode: 'bad_request', body: (id) => JSON.stringify([{ newDocumentState: clientDoc(id) }]), contentType: 'text/plain' },
];

/** Every hostile document and body case (at least 40), for the route test and the lead's suite. */
export const HOSTILE_DOCUMENT_CASES: readonly HostileCase[] = [...rowCases.map(rowCase), duplicateCase(), ...bodyCases.map(bodyCase)];
