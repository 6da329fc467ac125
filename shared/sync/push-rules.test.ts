import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COLLECTION_NAMES, type CollectionName } from '../schemas/index.js';
import { STAFF_ROLES, type StaffRole } from '../schemas/staff.js';
import { hasPermission } from '../domain/permissions.js';
import { DESK_ACTOR } from '../domain/setup.js';
import { COLLECTION_POLICIES } from './collections.js';
import { createTranslator } from '../i18n/translator.js';
import type { WireDocument } from './protocol.js';
import {
  actingStaffFrom, canonicalJson, decidePushRow, isPlainVoid, sameState, type ActingStaff, type PushRuleContext,
} from './push-rules.js';

const admin: ActingStaff = { id: 'st-admin', name: 'Astrid Admin', roles: ['admin'], active: true };
const DESK = 'desk-t';
type TestCtx = PushRuleContext & { readonly who: string };
/** The rules for one collection, with `staff` as the actor the pushed documents record (on this desk). */
const ctx = (collection: CollectionName, staff: ActingStaff | null = admin, who = staff?.id ?? 'st-x'): TestCtx => ({
  collection, deskId: DESK, deskSince: null, staff: new Map(staff ? [[staff.id, staff]] : []), who,
});
/** `d` as made by the context's actor on this desk, unless it names its own actor or desk. */
function made(c: TestCtx, d: WireDocument): WireDocument {
  const p = COLLECTION_POLICIES[c.collection];
  return { [p.actorField]: c.who, [p.deskField]: DESK, ...d };
}
/**
 * A pushed row whose documents record the context's actor and desk, unless they name their own.
 * A test that compares a decision with a document builds it with `made` (or names the actor and
 * desk itself), so the document it expects is the one that was pushed or stored.
 */
function decide(c: TestCtx, stored: WireDocument | null, row: { newDocumentState: WireDocument; assumedMasterState?: WireDocument }) {
  return decidePushRow(c, stored ? made(c, stored) : null, {
    newDocumentState: made(c, row.newDocumentState), ...(row.assumedMasterState ? { assumedMasterState: made(c, row.assumedMasterState) } : {}),
  });
}

/** Reverses key order at every level: same document, different text. */
function reorder<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reorder) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)])) as T;
  }
  return value;
}

const docArb: fc.Arbitrary<WireDocument> = fc.record({
  id: fc.constantFrom('a', 'b'),
  _deleted: fc.boolean(),
  name: fc.string({ maxLength: 4 }),
  n: fc.integer({ min: 0, max: 3 }),
  tags: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  nested: fc.record({ p: fc.integer({ min: 0, max: 2 }), q: fc.boolean() }),
});

const invoice = (over: Partial<WireDocument> = {}): WireDocument => ({
  id: 'inv-1', _deleted: false, kind: 'invoice', status: 'draft', clientId: 'c1', bookingId: '', creditsInvoiceId: '',
  currency: 'NOK', lines: [{ id: 'l1', serviceId: 's1', description: 'Massage', quantity: 1, unitPriceMinor: 50_000, discountBp: 0, vatRateBp: 2500 }],
  number: 0, invoiceDate: '', dueDate: '', completedAt: '', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  updatedBy: admin.id, deskId: DESK,
  ...over,
});
const completed = invoice({ status: 'completed', number: 4, invoiceDate: '2026-01-02', dueDate: '2026-01-16', completedAt: '2026-01-02T09:00:00.000Z' });

describe('sameState', () => {
  it('ignores key order at every depth', () => {
    fc.assert(fc.property(docArb, (doc) => {
      expect(sameState(doc, reorder(doc))).toBe(true);
      expect(canonicalJson(doc)).toBe(canonicalJson(reorder(doc)));
    }));
  });

  it('treats missing as equal only to missing', () => {
    expect(sameState(undefined, null)).toBe(true);
    expect(sameState(undefined, { id: 'a', _deleted: false })).toBe(false);
    expect(sameState({ id: 'a', _deleted: false }, { id: 'a', _deleted: true })).toBe(false);
    expect(sameState({ id: 'a', _deleted: false, l: [1, 2] }, { id: 'a', _deleted: false, l: [2, 1] })).toBe(false);
  });
});

describe('decidePushRow', () => {
  it('answers an exact re-push with "unchanged", whatever the desk assumed (pushes may be sent twice)', () => {
    fc.assert(fc.property(fc.constantFrom(...COLLECTION_NAMES), docArb, fc.option(docArb, { nil: undefined }), (collection, stored, assumed) => {
      const d = decide(ctx(collection, null), stored, { newDocumentState: reorder(stored), assumedMasterState: assumed });
      expect(d).toEqual({ kind: 'unchanged' });
    }));
  });

  it('returns the stored state as a conflict when the desk assumed anything else', () => {
    fc.assert(fc.property(fc.constantFrom(...COLLECTION_NAMES), docArb, docArb, fc.option(docArb, { nil: undefined }), (collection, stored, next, assumed) => {
      const c = ctx(collection);
      const [s, n, a] = [made(c, stored), made(c, next), assumed && made(c, assumed)];
      fc.pre(!sameState(s, n) && !sameState(s, a));
      expect(decide(c, s, { newDocumentState: n, assumedMasterState: a })).toEqual({ kind: 'conflict', current: s });
      // Staleness is judged first: the stored state comes back before the recorded actor or desk is looked at.
      const elsewhere = { ...n, [COLLECTION_POLICIES[collection].deskField]: 'desk-other' };
      expect(decide(ctx(collection, null), s, { newDocumentState: elsewhere, assumedMasterState: a })).toEqual({ kind: 'conflict', current: s });
    }));
  });

  it('compares assumedMasterState without regard to key order', () => {
    const stored = { id: 'a', _deleted: false, name: 'Old', nested: { p: 1, q: true } };
    const d = decide(ctx('clients'), stored, { newDocumentState: { ...stored, name: 'New' }, assumedMasterState: reorder(stored) });
    expect(d.kind).toBe('write');
  });

  it("takes a receptionist's edit of a client's details and the log entry it writes (client edits sync)", () => {
    const rita: ActingStaff = { id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], active: true };
    const stored = { id: 'c1', _deleted: false, firstName: 'Ana', email: '', updatedAt: '2026-01-01T10:00:00.000Z', updatedBy: 'st-admin', deskId: DESK };
    const edited = { ...stored, firstName: 'Anna', email: 'anna@example.com', updatedAt: '2026-01-02T10:00:00.000Z', updatedBy: rita.id };
    expect(decide(ctx('clients', rita), stored, { newDocumentState: edited, assumedMasterState: stored })).toEqual({ kind: 'write', document: edited, invoiceNumber: null });
    const entry = { id: 'a1', _deleted: false, entity: 'client', entityId: 'c1', action: 'client.updated', summary: 'Changed', at: edited.updatedAt, by: rita.id, deskId: DESK };
    expect(decide(ctx('activity', rita), null, { newDocumentState: entry })).toEqual({ kind: 'write', document: entry, invoiceNumber: null });
  });

  it('writes only when the acting staff member is active and has the collection\'s permission', () => {
    const rolesArb = fc.subarray([...STAFF_ROLES] as StaffRole[]);
    fc.assert(fc.property(fc.constantFrom(...COLLECTION_NAMES), rolesArb, fc.boolean(), (collection, roles, active) => {
      const staff: ActingStaff = { id: 'st-1', name: 'Ingrid Berg', roles, active };
      const d = decide(ctx(collection, staff), null, { newDocumentState: { id: 'new', _deleted: false, kind: 'invoice', status: 'draft', number: 0, ...(collection === 'payments' ? { kind: 'payment', method: 'cash', amountMinor: 100 } : {}) } });
      // A staff-made payment request needs billing whatever the collection's floor (payment-request-permissions.ts).
      const needed = collection === 'paymentrequests' ? 'billing' : COLLECTION_POLICIES[collection].write;
      const allowed = active && hasPermission(roles, needed);
      expect(d.kind).toBe(allowed ? 'write' : 'refused');
    }));
  });

  it('names the person and the permission in a refusal', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Ingrid Berg', roles: ['reception'], active: true };
    const d = decide(ctx('payments', reception), null, { newDocumentState: { id: 'p1', _deleted: false } });
    expect(d).toEqual({
      kind: 'refused', code: 'permission_denied', params: { actor: 'st-r' }, message: 'Ingrid Berg does not have the billing permission, so the server did not take this payment.',
      text: { id: 'syncRule.staffLacksPermission', values: { name: 'Ingrid Berg', permission: 'billing', what: 'payments' } },
    });
    const d2 = decide(ctx('staff', { ...reception, roles: ['billing'] }), null, { newDocumentState: { id: 's1', _deleted: false } });
    expect(d2.kind === 'refused' && d2.message).toBe('Ingrid Berg does not have the admin permission, so the server did not take this change to the staff list.');
    const d3 = decide(ctx('bookings', { ...admin, active: false }), null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(d3.kind === 'refused' && d3.message).toMatch(/Astrid Admin is no longer active/);
    const d4 = decide(ctx('bookings', null, ''), null, { newDocumentState: { id: 'b1', _deleted: false } });
    // About the change, not about whoever is signed in on the pushing desk.
    expect(d4.kind === 'refused' && d4.message).toBe('This booking change does not record which staff member made it, so the server did not take it.');
    const d5 = decide(ctx('bookings', null, 'ghost'), null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(d5.kind === 'refused' && d5.message).toMatch(/not on this clinic's staff list/);
    // The same refusals on a Norwegian desk.
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(d.kind === 'refused' && nb.t(d.text)).toBe('Ingrid Berg har ikke tillatelsen fakturering, så serveren tok ikke imot denne betalingen.');
    expect(d4.kind === 'refused' && nb.t(d4.text)).toBe('Denne endringen av en timebestilling viser ikke hvilken ansatt som gjorde den, så serveren tok den ikke imot.');
    const unnamed = decide(ctx('bookings', { ...admin, name: 'This staff member', active: false }), null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(unnamed.kind === 'refused' && nb.t(unnamed.text)).toBe('Denne ansatte er ikke lenger aktiv ved klinikken, så serveren tok ikke imot denne endringen av en timebestilling.');
  });

  it('judges the actor and the desk the document records (invariant 11)', () => {
    const rita: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const c: TestCtx = { ...ctx('payments'), staff: new Map([[admin.id, admin], [rita.id, rita]]) };
    const payment = { id: 'p1', _deleted: false, kind: 'payment', method: 'cash', amountMinor: 100, at: '2026-01-02T10:00:00.000Z', recordedBy: admin.id, recordedOn: DESK };
    expect(decide(c, null, { newDocumentState: payment })).toEqual({ kind: 'write', document: payment, invoiceNumber: null });
    // Whoever else is on the staff list, the person the payment records decides.
    expect(decide(c, null, { newDocumentState: { ...payment, recordedBy: rita.id } }))
      .toMatchObject({ kind: 'refused', code: 'permission_denied', params: { actor: 'st-r' }, message: expect.stringMatching(/^Rita does not have the billing permission/) });
    const wrongDesk = (desk: string) => ({
      kind: 'refused', code: 'wrong_desk', params: { desk }, message: 'This payment is recorded as made on another desk, so the server did not take it from this one.',
      text: { id: 'syncRule.wrongDesk', values: { what: 'payments' } },
    });
    expect(decide(c, null, { newDocumentState: { ...payment, recordedOn: 'desk-other' } })).toEqual(wrongDesk('desk-other'));
    // A change naming no desk was made before desks were recorded: taken only if older than this desk's first push that recorded them.
    const undated = { ...payment, recordedOn: '' };
    expect(decide({ ...c, deskSince: '2026-01-05T00:00:00.000Z' }, null, { newDocumentState: undated })).toEqual({ kind: 'write', document: undated, invoiceNumber: null });
    expect(decide({ ...c, deskSince: payment.at }, null, { newDocumentState: undated }).kind).toBe('write');
    expect(decide({ ...c, deskSince: '2026-01-01T00:00:00.000Z' }, null, { newDocumentState: undated })).toEqual(wrongDesk(''));
    expect(decide(c, null, { newDocumentState: undated })).toEqual(wrongDesk(''));
    expect(decide({ ...c, deskSince: '2026-01-05T00:00:00.000Z' }, null, { newDocumentState: { ...undated, at: '' } })).toEqual(wrongDesk(''));
  });

  it("takes the setup's own settings and service only as history a joining desk uploads", () => {
    const since = '2026-01-05T00:00:00.000Z';
    const setup = (collection: CollectionName, over: Partial<WireDocument> = {}): WireDocument => ({
      id: `${collection}-1`, _deleted: false, name: 'x', updatedAt: '2026-01-01T08:00:00.000Z', updatedBy: DESK_ACTOR, deskId: DESK, ...over,
    });
    const joining = (collection: CollectionName): TestCtx => ({ ...ctx(collection, null), deskSince: since });
    for (const collection of ['settings', 'services'] as const) {
      expect(decide(joining(collection), null, { newDocumentState: setup(collection) }).kind, collection).toBe('write');
      // Later than the desk's first push, over what the server holds, or with no desk history: not the setup's.
      expect(decide(joining(collection), null, { newDocumentState: setup(collection, { updatedAt: '2026-01-06T00:00:00.000Z' }) })).toMatchObject({ kind: 'refused', code: 'permission_denied', params: { actor: DESK_ACTOR } });
      const stored = setup(collection, { name: 'stored' });
      expect(decide(joining(collection), stored, { newDocumentState: setup(collection), assumedMasterState: stored })).toMatchObject({ kind: 'refused', code: 'permission_denied' });
      expect(decide(ctx(collection, null), null, { newDocumentState: setup(collection) })).toMatchObject({ kind: 'refused', code: 'permission_denied' });
    }
    // Staff never: the clinic's first admin arrives with the clinic, so a "setup" admin is a forgery.
    expect(decide(joining('staff'), null, { newDocumentState: setup('staff', { roles: ['admin'] }) }))
      .toMatchObject({ kind: 'refused', code: 'permission_denied', message: expect.stringMatching(/setup, which is over/) });
  });

  it('never lets a stored fact change or disappear (append-only collections)', () => {
    const facts = COLLECTION_NAMES.filter((c) => COLLECTION_POLICIES[c].appendOnly);
    expect(facts.sort()).toEqual(['activity', 'messages', 'payments']);
    fc.assert(fc.property(fc.constantFrom(...facts), docArb, docArb, (collection, stored, next) => {
      const d = decide(ctx(collection), stored, { newDocumentState: next, assumedMasterState: stored });
      expect(d.kind).toBe(sameState(stored, next) ? 'unchanged' : 'conflict');
    }));
    expect(decide(ctx('payments'), null, { newDocumentState: { id: 'p', _deleted: false, kind: 'payment', method: 'cash', amountMinor: 100 } }).kind).toBe('write');
    expect(decide(ctx('payments'), null, { newDocumentState: { id: 'p', _deleted: true } }).kind).toBe('refused');
  });
});

describe('decidePushRow for invoices', () => {
  it('asks for a number when a completed invoice arrives with number 0', () => {
    const draft = invoice();
    const pending = invoice({ status: 'completed', completedAt: '2026-01-02T09:00:00.000Z' });
    expect(decide(ctx('invoices'), draft, { newDocumentState: pending, assumedMasterState: draft }))
      .toEqual({ kind: 'write', document: pending, invoiceNumber: 'assign' });
    expect(decide(ctx('invoices'), null, { newDocumentState: pending }))
      .toEqual({ kind: 'write', document: pending, invoiceNumber: 'assign' });
    expect(decide(ctx('invoices'), draft, { newDocumentState: invoice({ lines: [] }), assumedMasterState: draft }))
      .toMatchObject({ kind: 'write', invoiceNumber: null });
  });

  it("takes a desk's own number only as the founding desk's history, for the server to check", () => {
    // The desk that created the clinic, first synced after it completed the invoice: its series is taken over.
    const founding: TestCtx = { ...ctx('invoices'), foundingDesk: true, deskSince: '2026-01-05T00:00:00.000Z' };
    expect(decide(founding, null, { newDocumentState: completed })).toEqual({ kind: 'write', document: completed, invoiceNumber: 4 });
    expect(decide(founding, null, { newDocumentState: { ...completed, number: -1 } }).kind).toBe('refused');
    // Any other desk-made number is a forgery that would move the clinic's series.
    const forged = (c: TestCtx, over: Partial<WireDocument> = {}) => decide(c, null, { newDocumentState: { ...completed, number: 900_000, ...over } });
    const refusedNumber = { kind: 'refused', code: 'invoice_number', params: { number: 900_000 }, message: expect.stringMatching(/given by the sync server/), text: { id: 'syncRule.invoice.numberedByDesk', values: { number: '900000' } } };
    expect(forged({ ...founding, foundingDesk: false })).toEqual(refusedNumber);
    expect(forged({ ...founding, deskSince: null })).toEqual(refusedNumber);
    expect(forged(founding, { completedAt: '2026-01-06T09:00:00.000Z' })).toEqual(refusedNumber);
    expect(forged(founding, { completedAt: '' })).toEqual(refusedNumber);
    expect(forged(founding).kind).toBe('write');
  });

  it('keeps a completed invoice except for a plain void', () => {
    const voided = { ...completed, status: 'void', updatedAt: '2026-02-01T10:00:00.000Z' };
    expect(isPlainVoid(completed, voided)).toBe(true);
    expect(decide(ctx('invoices'), completed, { newDocumentState: voided, assumedMasterState: completed }))
      .toEqual({ kind: 'write', document: voided, invoiceNumber: null });

    const edits: WireDocument[] = [
      { ...completed, lines: [] },
      { ...completed, number: 5 },
      { ...completed, status: 'draft' },
      { ...completed, _deleted: true },
      { ...voided, lines: [] },
      { ...voided, _deleted: true },
      { ...completed, number: 0, invoiceDate: '', dueDate: '' },
    ];
    for (const next of edits) {
      expect(decide(ctx('invoices'), completed, { newDocumentState: next, assumedMasterState: completed })).toEqual({ kind: 'conflict', current: completed });
    }
  });

  it('keeps a void invoice as it is', () => {
    const voided = { ...completed, status: 'void' };
    fc.assert(fc.property(fc.constantFrom('draft', 'completed', 'void'), fc.boolean(), fc.integer({ min: 0, max: 9 }), (status, deleted, number) => {
      const next = { ...voided, status, _deleted: deleted, number };
      fc.pre(!sameState(next, voided));
      expect(decide(ctx('invoices'), voided, { newDocumentState: next, assumedMasterState: voided })).toEqual({ kind: 'conflict', current: voided });
    }));
  });

  it('needs billing to void or complete', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const c = ctx('invoices', reception);
    // Refused because Rita, who the change records, lacks billing — not because of who else is on the staff list.
    const ritaLacksBilling = { kind: 'refused', code: 'permission_denied', params: { actor: 'st-r' }, message: expect.stringMatching(/^Rita does not have the billing permission/) };
    const voided = { ...completed, status: 'void', updatedBy: reception.id };
    expect(decide(c, completed, { newDocumentState: voided, assumedMasterState: completed })).toMatchObject(ritaLacksBilling);
    const draft = invoice();
    const completing = { ...draft, status: 'completed', completedAt: '2026-01-02T09:00:00.000Z', updatedBy: reception.id };
    expect(decide(c, draft, { newDocumentState: completing, assumedMasterState: draft })).toMatchObject(ritaLacksBilling);
    const edited = { ...draft, lines: [{ ...(draft.lines as object[])[0], unitPriceMinor: 1 }], updatedBy: reception.id };
    expect(decide(c, draft, { newDocumentState: edited, assumedMasterState: draft })).toMatchObject(ritaLacksBilling);
    const creditNote = invoice({ id: 'cn-1', kind: 'credit_note', status: 'completed', creditsInvoiceId: 'inv-1', updatedBy: reception.id });
    expect(decide(c, null, { newDocumentState: creditNote })).toMatchObject(ritaLacksBilling);
    // The same void recorded by someone with billing is taken.
    const billing: ActingStaff = { id: 'st-b', name: 'Bo', roles: ['billing'], active: true };
    const voidedByBo = { ...voided, updatedBy: billing.id };
    expect(decide(ctx('invoices', billing), completed, { newDocumentState: voidedByBo, assumedMasterState: completed }))
      .toEqual({ kind: 'write', document: voidedByBo, invoiceNumber: null });
  });

  it('refuses money facts that are not a positive amount or mix up client credit', () => {
    const base = { id: 'p1', _deleted: false, kind: 'payment', method: 'cash', amountMinor: 10_000, currency: 'NOK' };
    expect(decide(ctx('payments'), null, { newDocumentState: base }).kind).toBe('write');
    for (const amountMinor of [0, -500, 1.5, '100']) {
      expect(decide(ctx('payments'), null, { newDocumentState: { ...base, amountMinor } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/positive amount/) });
    }
    expect(decide(ctx('payments'), null, { newDocumentState: { ...base, kind: 'credit_applied' } }).kind).toBe('refused');
    expect(decide(ctx('payments'), null, { newDocumentState: { ...base, method: 'client_credit' } }).kind).toBe('refused');
    expect(decide(ctx('payments'), null, { newDocumentState: { ...base, kind: 'credit_applied', method: 'client_credit' } }).kind).toBe('write');
  });

  it('takes a reminder fee from the chasing whoever is signed in, and no other fee', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const fee = { id: 'fee-reminder-i1', _deleted: false, kind: 'fee', invoiceId: 'i1', method: 'other', amountMinor: 7_000, currency: 'NOK', recordedBy: 'system' };
    expect(decide(ctx('payments', reception), null, { newDocumentState: fee }).kind).toBe('write');
    // A receptionist's own "fee" is still a money fact they may not record.
    expect(decide(ctx('payments', reception), null, { newDocumentState: { ...fee, recordedBy: 'st-r' } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Rita does not have the billing permission/) });
    expect(decide(ctx('payments'), null, { newDocumentState: { ...fee, recordedBy: 'st-admin' } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/charged only by the chasing/) });
    expect(decide(ctx('payments'), null, { newDocumentState: { ...fee, method: 'cash' } }).kind).toBe('refused');
    expect(decide(ctx('payments', reception), null, { newDocumentState: { ...fee, amountMinor: 0 } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/positive amount/) });
    // A system payment is not a fee: the system records only chasing fees and the provider's link payments
    // (payment-link-events.ts), so any other payment it names is refused whoever is signed in.
    expect(decide(ctx('payments', reception), null, { newDocumentState: { ...fee, kind: 'payment', method: 'cash' } }))
      .toMatchObject({ kind: 'refused', code: 'system_write' });
    const linkPayment = { ...fee, id: 'link-pi_1', kind: 'payment', method: 'payment_link', externalRef: 'pi_1', recordedOn: DESK };
    expect(decide(ctx('payments', reception), null, { newDocumentState: linkPayment })).toEqual({ kind: 'write', document: linkPayment, invoiceNumber: null });
    // The provider's payment is named after its reference: no reference, or an id of the system's choosing, is not one.
    for (const forged of [{ ...linkPayment, externalRef: '' }, { ...linkPayment, id: 'link-pi_2' }, { ...linkPayment, kind: 'refund' }]) {
      expect(decide(ctx('payments', reception), null, { newDocumentState: forged })).toMatchObject({ kind: 'refused', code: 'system_write' });
    }
    const linkRefund = { ...linkPayment, id: 'refund-re_1', kind: 'refund', externalRef: 're_1' };
    expect(decide(ctx('payments', reception), null, { newDocumentState: linkRefund }).kind).toBe('write');
    // A link payment a receptionist records as their own still needs billing.
    expect(decide(ctx('payments', reception), null, { newDocumentState: { ...linkPayment, recordedBy: 'st-r' } }))
      .toMatchObject({ kind: 'refused', code: 'permission_denied', message: expect.stringMatching(/Rita does not have the billing permission/) });
  });

  it('lets reception schedule automatic links and record the desk\'s sending, but not ask for money', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const auto = { id: 'pr1', _deleted: false, purpose: 'payment_link', amountMinor: 0, status: 'scheduled', sendAt: '2026-11-21T10:15:00.000Z', updatedBy: 'st-r' };
    expect(decide(ctx('paymentrequests', reception), null, { newDocumentState: auto }).kind).toBe('write');
    const moved = { ...auto, sendAt: '2026-11-22T10:15:00.000Z' };
    expect(decide(ctx('paymentrequests', reception), auto, { newDocumentState: moved, assumedMasterState: auto }).kind).toBe('write');
    const sent = { ...auto, status: 'sent', amountMinor: 75_000, linkUrl: 'https://checkout.stripe.com/c/pay/cs_test_1', updatedBy: 'system' };
    expect(decide(ctx('paymentrequests', reception), auto, { newDocumentState: sent, assumedMasterState: auto }).kind).toBe('write');
    const staffMade = { ...auto, amountMinor: 30_000 };
    expect(decide(ctx('paymentrequests', reception), null, { newDocumentState: staffMade })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Rita does not have the billing permission/) });
    const raised = { ...sent, amountMinor: 99_000, channels: ['sms'], updatedBy: 'st-r' };
    expect(decide(ctx('paymentrequests', reception), sent, { newDocumentState: raised, assumedMasterState: sent }).kind).toBe('refused');
  });

  it('lets booking staff create a draft, keep it in step and void it when the booking is cancelled', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const draft = invoice({ updatedBy: reception.id });
    expect(decide(ctx('invoices', reception), null, { newDocumentState: draft })).toEqual({ kind: 'write', document: draft, invoiceNumber: null });
    const moved = { ...draft, serviceDate: '2026-02-03', updatedAt: '2026-01-03T10:00:00.000Z' };
    expect(decide(ctx('invoices', reception), draft, { newDocumentState: moved, assumedMasterState: draft })).toEqual({ kind: 'write', document: moved, invoiceNumber: null });
    const voidedDraft = { ...draft, status: 'void', updatedAt: '2026-01-03T10:00:00.000Z' };
    expect(decide(ctx('invoices', reception), draft, { newDocumentState: voidedDraft, assumedMasterState: draft })).toEqual({ kind: 'write', document: voidedDraft, invoiceNumber: null });
    const nobody: ActingStaff = { id: 'st-p', name: 'Per', roles: [], active: true };
    expect(decide(ctx('invoices', nobody), null, { newDocumentState: { ...draft, updatedBy: nobody.id } }))
      .toMatchObject({ kind: 'refused', code: 'permission_denied', params: { actor: 'st-p' }, message: expect.stringMatching(/^Per does not have the booking permission/) });
  });
});

describe('actingStaffFrom', () => {
  it('reads roles and active, and treats deleted or missing staff as unknown', () => {
    expect(actingStaffFrom({ id: 's', _deleted: false, name: 'Ola', roles: ['billing', 'nonsense'], active: true }))
      .toEqual({ id: 's', name: 'Ola', roles: ['billing'], active: true });
    expect(actingStaffFrom({ id: 's', _deleted: false, name: 'Ola', roles: 'admin' })).toEqual({ id: 's', name: 'Ola', roles: [], active: false });
    expect(actingStaffFrom({ id: 's', _deleted: true, name: 'Ola', roles: ['admin'], active: true })).toBeNull();
    expect(actingStaffFrom(null)).toBeNull();
  });
});

describe('the activation moment (decision 0035)', () => {
  const settings = (at: string, over: Partial<WireDocument> = {}): WireDocument => ({ id: 'clinic', _deleted: false, invoicingActivatedAt: at, paymentTermsDays: 14, ...over });
  const AT = '2026-03-02T09:00:00.000Z';

  it('takes the activation, and later changes that keep its moment', () => {
    const c = ctx('settings');
    expect(decide(c, settings(''), { newDocumentState: settings(AT), assumedMasterState: settings('') }).kind).toBe('write');
    expect(decide(c, settings(AT), { newDocumentState: settings(AT, { paymentTermsDays: 30 }), assumedMasterState: settings(AT) }).kind).toBe('write');
  });

  it('refuses a push that moves or clears a recorded moment, even from an admin', () => {
    const c = ctx('settings');
    for (const moved of ['', '2026-01-01T00:00:00.000Z']) {
      const decision = decide(c, settings(AT), { newDocumentState: settings(moved), assumedMasterState: settings(AT) });
      expect(decision).toMatchObject({ kind: 'refused', code: 'rule_broken', message: expect.stringMatching(/cannot be changed/) });
    }
  });
});
