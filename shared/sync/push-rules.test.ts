import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COLLECTION_NAMES, type CollectionName } from '../schemas/index.js';
import { STAFF_ROLES, type StaffRole } from '../schemas/staff.js';
import { hasPermission } from '../domain/permissions.js';
import { COLLECTION_POLICIES } from './collections.js';
import type { WireDocument } from './protocol.js';
import {
  actingStaffFrom, canonicalJson, decidePushRow, isPlainVoid, sameState, type ActingStaff, type PushRuleContext,
} from './push-rules.js';

const admin: ActingStaff = { id: 'st-admin', name: 'Astrid Admin', roles: ['admin'], active: true };
const ctx = (collection: CollectionName, staff: ActingStaff | null = admin): PushRuleContext => ({ collection, staffId: staff?.id ?? 'st-x', staff });

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
  number: 0, invoiceDate: '', dueDate: '', completedAt: '', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z', updatedBy: 'st-admin',
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
      const d = decidePushRow(ctx(collection, null), stored, { newDocumentState: reorder(stored), assumedMasterState: assumed });
      expect(d).toEqual({ kind: 'unchanged' });
    }));
  });

  it('returns the stored state as a conflict when the desk assumed anything else', () => {
    fc.assert(fc.property(fc.constantFrom(...COLLECTION_NAMES), docArb, docArb, fc.option(docArb, { nil: undefined }), (collection, stored, next, assumed) => {
      fc.pre(!sameState(stored, next) && !sameState(stored, assumed));
      expect(decidePushRow(ctx(collection), stored, { newDocumentState: next, assumedMasterState: assumed })).toEqual({ kind: 'conflict', current: stored });
    }));
  });

  it('compares assumedMasterState without regard to key order', () => {
    const stored = { id: 'a', _deleted: false, name: 'Old', nested: { p: 1, q: true } };
    const d = decidePushRow(ctx('clients'), stored, { newDocumentState: { ...stored, name: 'New' }, assumedMasterState: reorder(stored) });
    expect(d.kind).toBe('write');
  });

  it("takes a receptionist's edit of a client's details and the log entry it writes (client edits sync)", () => {
    const rita: ActingStaff = { id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], active: true };
    const stored = { id: 'c1', _deleted: false, firstName: 'Ana', email: '', updatedAt: '2026-01-01T10:00:00.000Z', updatedBy: 'st-admin' };
    const edited = { ...stored, firstName: 'Anna', email: 'anna@example.com', updatedAt: '2026-01-02T10:00:00.000Z', updatedBy: rita.id };
    expect(decidePushRow(ctx('clients', rita), stored, { newDocumentState: edited, assumedMasterState: stored })).toEqual({ kind: 'write', document: edited, invoiceNumber: null });
    const entry = { id: 'a1', _deleted: false, entity: 'client', entityId: 'c1', action: 'client.updated', summary: 'Changed', at: edited.updatedAt, by: rita.id };
    expect(decidePushRow(ctx('activity', rita), null, { newDocumentState: entry })).toEqual({ kind: 'write', document: entry, invoiceNumber: null });
  });

  it('writes only when the acting staff member is active and has the collection\'s permission', () => {
    const rolesArb = fc.subarray([...STAFF_ROLES] as StaffRole[]);
    fc.assert(fc.property(fc.constantFrom(...COLLECTION_NAMES), rolesArb, fc.boolean(), (collection, roles, active) => {
      const staff: ActingStaff = { id: 'st-1', name: 'Ingrid Berg', roles, active };
      const d = decidePushRow(ctx(collection, staff), null, { newDocumentState: { id: 'new', _deleted: false, kind: 'invoice', status: 'draft', number: 0, ...(collection === 'payments' ? { kind: 'payment', method: 'cash', amountMinor: 100 } : {}) } });
      // A staff-made payment request needs billing whatever the collection's floor (payment-request-permissions.ts).
      const needed = collection === 'paymentrequests' ? 'billing' : COLLECTION_POLICIES[collection].write;
      const allowed = active && hasPermission(roles, needed);
      expect(d.kind).toBe(allowed ? 'write' : 'refused');
    }));
  });

  it('names the person and the permission in a refusal', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Ingrid Berg', roles: ['reception'], active: true };
    const d = decidePushRow(ctx('payments', reception), null, { newDocumentState: { id: 'p1', _deleted: false } });
    expect(d).toEqual({ kind: 'refused', code: 'permission_denied', message: 'Ingrid Berg does not have the billing permission, so the server did not take this payment.' });
    const d2 = decidePushRow(ctx('staff', { ...reception, roles: ['billing'] }), null, { newDocumentState: { id: 's1', _deleted: false } });
    expect(d2.kind === 'refused' && d2.message).toBe('Ingrid Berg does not have the admin permission, so the server did not take this change to the staff list.');
    const d3 = decidePushRow(ctx('bookings', { ...admin, active: false }), null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(d3.kind === 'refused' && d3.message).toMatch(/Astrid Admin is no longer active/);
    const d4 = decidePushRow({ collection: 'bookings', staffId: null, staff: null }, null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(d4.kind === 'refused' && d4.message).toMatch(/No staff member is signed in/);
    const d5 = decidePushRow({ collection: 'bookings', staffId: 'ghost', staff: null }, null, { newDocumentState: { id: 'b1', _deleted: false } });
    expect(d5.kind === 'refused' && d5.message).toMatch(/not on the clinic's staff list/);
  });

  it('never lets a stored fact change or disappear (append-only collections)', () => {
    const facts = COLLECTION_NAMES.filter((c) => COLLECTION_POLICIES[c].appendOnly);
    expect(facts.sort()).toEqual(['activity', 'messages', 'payments']);
    fc.assert(fc.property(fc.constantFrom(...facts), docArb, docArb, (collection, stored, next) => {
      const d = decidePushRow(ctx(collection), stored, { newDocumentState: next, assumedMasterState: stored });
      expect(d.kind).toBe(sameState(stored, next) ? 'unchanged' : 'conflict');
    }));
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { id: 'p', _deleted: false, kind: 'payment', method: 'cash', amountMinor: 100 } }).kind).toBe('write');
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { id: 'p', _deleted: true } }).kind).toBe('refused');
  });
});

describe('decidePushRow for invoices', () => {
  it('asks for a number when a completed invoice arrives with number 0', () => {
    const draft = invoice();
    const pending = invoice({ status: 'completed', completedAt: '2026-01-02T09:00:00.000Z' });
    expect(decidePushRow(ctx('invoices'), draft, { newDocumentState: pending, assumedMasterState: draft }))
      .toEqual({ kind: 'write', document: pending, invoiceNumber: 'assign' });
    expect(decidePushRow(ctx('invoices'), null, { newDocumentState: pending }))
      .toEqual({ kind: 'write', document: pending, invoiceNumber: 'assign' });
    expect(decidePushRow(ctx('invoices'), draft, { newDocumentState: invoice({ lines: [] }), assumedMasterState: draft }))
      .toMatchObject({ kind: 'write', invoiceNumber: null });
  });

  it("takes a desk's own number (a standalone desk's history) for the server to check", () => {
    expect(decidePushRow(ctx('invoices'), null, { newDocumentState: completed })).toEqual({ kind: 'write', document: completed, invoiceNumber: 4 });
    expect(decidePushRow(ctx('invoices'), null, { newDocumentState: { ...completed, number: -1 } }).kind).toBe('refused');
  });

  it('keeps a completed invoice except for a plain void', () => {
    const voided = { ...completed, status: 'void', updatedAt: '2026-02-01T10:00:00.000Z' };
    expect(isPlainVoid(completed, voided)).toBe(true);
    expect(decidePushRow(ctx('invoices'), completed, { newDocumentState: voided, assumedMasterState: completed }))
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
      expect(decidePushRow(ctx('invoices'), completed, { newDocumentState: next, assumedMasterState: completed })).toEqual({ kind: 'conflict', current: completed });
    }
  });

  it('keeps a void invoice as it is', () => {
    const voided = { ...completed, status: 'void' };
    fc.assert(fc.property(fc.constantFrom('draft', 'completed', 'void'), fc.boolean(), fc.integer({ min: 0, max: 9 }), (status, deleted, number) => {
      const next = { ...voided, status, _deleted: deleted, number };
      fc.pre(!sameState(next, voided));
      expect(decidePushRow(ctx('invoices'), voided, { newDocumentState: next, assumedMasterState: voided })).toEqual({ kind: 'conflict', current: voided });
    }));
  });

  it('needs billing to void or complete', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const voided = { ...completed, status: 'void' };
    expect(decidePushRow(ctx('invoices', reception), completed, { newDocumentState: voided, assumedMasterState: completed }).kind).toBe('refused');
    const draft = invoice();
    const completing = { ...draft, status: 'completed', completedAt: '2026-01-02T09:00:00.000Z' };
    expect(decidePushRow(ctx('invoices', reception), draft, { newDocumentState: completing, assumedMasterState: draft })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Rita does not have the billing permission/) });
    const edited = { ...draft, lines: [{ ...(draft.lines as object[])[0], unitPriceMinor: 1 }] };
    expect(decidePushRow(ctx('invoices', reception), draft, { newDocumentState: edited, assumedMasterState: draft }).kind).toBe('refused');
    const creditNote = invoice({ id: 'cn-1', kind: 'credit_note', status: 'completed', creditsInvoiceId: 'inv-1' });
    expect(decidePushRow(ctx('invoices', reception), null, { newDocumentState: creditNote }).kind).toBe('refused');
  });

  it('refuses money facts that are not a positive amount or mix up client credit', () => {
    const base = { id: 'p1', _deleted: false, kind: 'payment', method: 'cash', amountMinor: 10_000, currency: 'NOK' };
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: base }).kind).toBe('write');
    for (const amountMinor of [0, -500, 1.5, '100']) {
      expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...base, amountMinor } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/positive amount/) });
    }
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...base, kind: 'credit_applied' } }).kind).toBe('refused');
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...base, method: 'client_credit' } }).kind).toBe('refused');
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...base, kind: 'credit_applied', method: 'client_credit' } }).kind).toBe('write');
  });

  it('takes a reminder fee from the chasing whoever is signed in, and no other fee', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const fee = { id: 'fee-reminder-i1', _deleted: false, kind: 'fee', method: 'other', amountMinor: 7_000, currency: 'NOK', recordedBy: 'system' };
    expect(decidePushRow(ctx('payments', reception), null, { newDocumentState: fee }).kind).toBe('write');
    // A receptionist's own "fee" is still a money fact they may not record.
    expect(decidePushRow(ctx('payments', reception), null, { newDocumentState: { ...fee, recordedBy: 'st-r' } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Rita does not have the billing permission/) });
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...fee, recordedBy: 'st-admin' } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/charged only by the chasing/) });
    expect(decidePushRow(ctx('payments'), null, { newDocumentState: { ...fee, method: 'cash' } }).kind).toBe('refused');
    expect(decidePushRow(ctx('payments', reception), null, { newDocumentState: { ...fee, amountMinor: 0 } })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/positive amount/) });
    // A system payment is not a fee: it still needs billing.
    expect(decidePushRow(ctx('payments', reception), null, { newDocumentState: { ...fee, kind: 'payment', method: 'payment_link' } }).kind).toBe('refused');
  });

  it('lets reception schedule automatic links and record the desk\'s sending, but not ask for money', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const auto = { id: 'pr1', _deleted: false, purpose: 'payment_link', amountMinor: 0, status: 'scheduled', sendAt: '2026-11-21T10:15:00.000Z', updatedBy: 'st-r' };
    expect(decidePushRow(ctx('paymentrequests', reception), null, { newDocumentState: auto }).kind).toBe('write');
    const moved = { ...auto, sendAt: '2026-11-22T10:15:00.000Z' };
    expect(decidePushRow(ctx('paymentrequests', reception), auto, { newDocumentState: moved, assumedMasterState: auto }).kind).toBe('write');
    const sent = { ...auto, status: 'sent', amountMinor: 75_000, linkUrl: 'https://pay/x', updatedBy: 'system' };
    expect(decidePushRow(ctx('paymentrequests', reception), auto, { newDocumentState: sent, assumedMasterState: auto }).kind).toBe('write');
    const staffMade = { ...auto, amountMinor: 30_000 };
    expect(decidePushRow(ctx('paymentrequests', reception), null, { newDocumentState: staffMade })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/Rita does not have the billing permission/) });
    const raised = { ...sent, amountMinor: 99_000, channels: ['sms'], updatedBy: 'st-r' };
    expect(decidePushRow(ctx('paymentrequests', reception), sent, { newDocumentState: raised, assumedMasterState: sent }).kind).toBe('refused');
  });

  it('lets booking staff create a draft, keep it in step and void it when the booking is cancelled', () => {
    const reception: ActingStaff = { id: 'st-r', name: 'Rita', roles: ['reception'], active: true };
    const draft = invoice();
    expect(decidePushRow(ctx('invoices', reception), null, { newDocumentState: draft })).toEqual({ kind: 'write', document: draft, invoiceNumber: null });
    const moved = { ...draft, serviceDate: '2026-02-03', updatedBy: 'st-r' };
    expect(decidePushRow(ctx('invoices', reception), draft, { newDocumentState: moved, assumedMasterState: draft }).kind).toBe('write');
    const voidedDraft = { ...draft, status: 'void', updatedBy: 'st-r' };
    expect(decidePushRow(ctx('invoices', reception), draft, { newDocumentState: voidedDraft, assumedMasterState: draft }).kind).toBe('write');
    const nobody: ActingStaff = { id: 'st-p', name: 'Per', roles: [], active: true };
    expect(decidePushRow(ctx('invoices', nobody), null, { newDocumentState: draft }).kind).toBe('refused');
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
