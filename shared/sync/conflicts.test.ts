import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { CollectionName } from '../schemas/index.js';
import { conflictHandlerFor, isEqualForSync, resolveConflict } from './conflicts.js';

type Doc = Record<string, unknown> & { _deleted: boolean };
type Fields = Record<string, fc.Arbitrary<unknown>>;

const resolve = (collection: CollectionName, n: Doc, r: Doc, a?: Doc): Doc =>
  resolveConflict<Record<string, unknown>>(collection, a ? { newDocumentState: n, realMasterState: r, assumedMasterState: a } : { newDocumentState: n, realMasterState: r });

// ---------------------------------------------------------------- generators
// Few distinct values on purpose, so both sides often touch the same field, pick the same
// value, or carry the same updatedAt (the tie-break paths).

const BASE_AT = '2026-03-01T11:00:00.000Z';
const EDIT_AT = ['2026-03-01T12:00:00.000Z', '2026-03-01T12:05:00.000Z'] as const;
const hour = (h: number) => `2026-03-02T${String(h).padStart(2, '0')}:00:00.000Z`;
const staff = fc.constantFrom('s1', 's2');
const instant = fc.integer({ min: 8, max: 11 }).map(hour);
const line = fc.record({
  id: fc.constantFrom('l1', 'l2'),
  serviceId: fc.constantFrom('sv1', ''),
  description: fc.constantFrom('Massage', 'Oil'),
  quantity: fc.integer({ min: 1, max: 2 }),
  unitPriceMinor: fc.constantFrom(50_000, 65_000),
  discountBp: fc.constantFrom(0, 1_000),
  vatRateBp: fc.constantFrom(0, 2_500),
});

const bookingFields: Fields = {
  clientId: fc.constantFrom('c1', 'c2'),
  serviceId: fc.constantFrom('sv1', 'sv2'),
  practitionerId: fc.constantFrom('p1', 'p2'),
  start: instant,
  end: instant,
  status: fc.constantFrom('booked', 'cancelled'),
  billing: fc.constantFrom('automatic', 'manual', 'external'),
  billingChosen: fc.boolean(),
  invoiceId: fc.constantFrom('', 'i1'),
};
const clientFields: Fields = {
  firstName: fc.constantFrom('Kari', 'Ola'),
  lastName: fc.constantFrom('Nordmann', 'Hansen'),
  sortName: fc.constantFrom('nordmann kari', 'hansen ola'),
  searchText: fc.constantFrom('kari', 'ola'),
  email: fc.constantFrom('', 'kari@example.com'),
  phone: fc.constantFrom('', '+4790000000'),
  dateOfBirth: fc.constantFrom('', '1980-01-01'),
};
const invoiceFields: Fields = {
  kind: fc.constantFrom('invoice', 'credit_note'),
  status: fc.constantFrom('draft', 'completed', 'void'),
  clientId: fc.constantFrom('c1', 'c2'),
  bookingId: fc.constantFrom('', 'b1'),
  creditsInvoiceId: fc.constant(''),
  currency: fc.constantFrom('NOK', 'EUR'),
  lines: fc.array(line, { maxLength: 2 }),
  number: fc.constantFrom(0, 7),
  invoiceDate: fc.constantFrom('', '2026-03-01'),
  dueDate: fc.constantFrom('', '2026-03-15'),
  completedAt: fc.constantFrom('', '2026-03-01T12:00:00.000Z'),
};
const paymentFields: Fields = {
  kind: fc.constantFrom('payment', 'refund'),
  invoiceId: fc.constantFrom('i1', ''),
  clientId: fc.constantFrom('c1', 'c2'),
  method: fc.constantFrom('cash', 'card_terminal'),
  amountMinor: fc.constantFrom(10_000, 20_000),
  currency: fc.constantFrom('NOK', 'EUR'),
  at: instant,
  recordedBy: staff,
  externalRef: fc.constant(''),
};
/** For the collections without a dedicated generator: a few plain, array and object fields. */
const genericFields: Fields = {
  name: fc.constantFrom('a', 'b'),
  count: fc.integer({ min: 0, max: 2 }),
  tags: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }),
  nested: fc.record({ p: fc.boolean(), q: fc.constantFrom('u', 'v') }),
};

interface Spec { collection: CollectionName; fields: Fields; audited: boolean }
const SPECS: Spec[] = [
  { collection: 'bookings', fields: bookingFields, audited: true },
  { collection: 'clients', fields: clientFields, audited: true },
  { collection: 'invoices', fields: invoiceFields, audited: true },
  { collection: 'payments', fields: paymentFields, audited: false },
  { collection: 'settings', fields: genericFields, audited: true },
  { collection: 'staff', fields: genericFields, audited: true },
  { collection: 'services', fields: genericFields, audited: true },
  { collection: 'paymentrequests', fields: genericFields, audited: true },
  { collection: 'messages', fields: genericFields, audited: false },
  { collection: 'activity', fields: genericFields, audited: false },
];
const FIELD_MERGE: CollectionName[] = ['bookings', 'clients', 'settings', 'staff', 'services', 'paymentrequests'];
const APPEND_ONLY: CollectionName[] = ['payments', 'messages', 'activity'];
const spec = (c: CollectionName): Spec => SPECS.find((s) => s.collection === c)!;

function baseDoc(s: Spec, draftOnly = false): fc.Arbitrary<Doc> {
  return fc.record(s.fields).map((f) => ({
    id: 'doc-1',
    ...f,
    ...(draftOnly ? { status: 'draft', number: 0 } : {}),
    ...(s.audited ? { createdAt: BASE_AT, updatedAt: BASE_AT, updatedBy: 's1' } : {}),
    _deleted: false,
  }));
}

/** A desk's edit of `base`: some fields replaced, a later updatedAt, sometimes a deletion; sometimes no edit at all. */
function editOf(s: Spec, base: Doc, draftOnly = false): fc.Arbitrary<Doc> {
  const keys = Object.keys(s.fields).filter((k) => !(draftOnly && (k === 'status' || k === 'number')));
  return fc.tuple(fc.record(s.fields), fc.subarray(keys), fc.constantFrom(...EDIT_AT), staff, fc.integer({ min: 0, max: 9 }))
    .map(([values, changed, at, by, dice]) => {
      if (dice === 0) return base;
      const edit: Doc = { ...base };
      for (const k of changed) edit[k] = values[k];
      if (s.audited) Object.assign(edit, { updatedAt: at, updatedBy: by });
      if (dice === 1) edit._deleted = true;
      return edit;
    });
}

/** A base and two independent edits of it (X, Y). */
function scenario(s: Spec, draftOnly = false): fc.Arbitrary<[Doc, Doc, Doc]> {
  return baseDoc(s, draftOnly).chain((b) => fc.tuple(fc.constant(b), editOf(s, b, draftOnly), editOf(s, b, draftOnly)));
}

const contentKeys = (...docs: Doc[]) =>
  [...new Set(docs.flatMap((d) => Object.keys(d)))].filter((k) => !['_deleted', 'updatedAt', 'updatedBy'].includes(k));
const same = (a: unknown, b: unknown) => isEqualForSync({ v: a }, { v: b });
const runs = { numRuns: 300 };

// ---------------------------------------------------------------- properties

describe('properties for every collection', () => {
  for (const s of SPECS) {
    describe(s.collection, () => {
      it('is deterministic and leaves its inputs alone', () => {
        fc.assert(fc.property(scenario(s), fc.boolean(), ([b, x, y], withBase) => {
          const before = structuredClone([b, x, y]);
          const first = resolve(s.collection, x, y, withBase ? b : undefined);
          const again = resolve(s.collection, structuredClone(x), structuredClone(y), withBase ? structuredClone(b) : undefined);
          expect(again).toEqual(first);
          expect([b, x, y]).toEqual(before);
        }), runs);
      });

      it('resolve(x, x, x) = x', () => {
        fc.assert(fc.property(scenario(s), ([, x]) => {
          expect(resolve(s.collection, x, x, x)).toEqual(x);
          expect(resolve(s.collection, x, structuredClone(x))).toEqual(x);
        }), runs);
      });

      it('is idempotent: resolving the result again against either side changes nothing', () => {
        fc.assert(fc.property(scenario(s), fc.boolean(), ([b, x, y], withBase) => {
          const base = withBase ? b : undefined;
          const z = resolve(s.collection, x, y, base);
          // The server already holds the result and the desk re-pushes its old edit …
          expect(resolve(s.collection, x, z, base)).toEqual(z);
          // … or the desk holds the result and meets the old master again.
          expect(resolve(s.collection, z, y, base)).toEqual(z);
          // And pushing the result against the master it was made from keeps it.
          expect(resolve(s.collection, z, y, y)).toEqual(z);
        }), runs);
      });
    });
  }
});

describe('field-merge collections (bookings, clients, services, staff, settings, paymentrequests, draft invoices)', () => {
  const cases: [CollectionName, boolean][] = [...FIELD_MERGE.map((c): [CollectionName, boolean] => [c, false]), ['invoices', true]];
  for (const [collection, draftOnly] of cases) {
    const s = spec(collection);
    describe(draftOnly ? 'invoices (both drafts)' : collection, () => {
      it('is symmetric in content: the same fields whichever desk resolves (the audit names the resolving desk)', () => {
        const content = (d: Doc) => ({ ...d, updatedAt: undefined, updatedBy: undefined, deskId: undefined });
        fc.assert(fc.property(scenario(s, draftOnly), fc.boolean(), ([b, x, y], withBase) => {
          const base = withBase ? b : undefined;
          const [xy, yx] = [resolve(collection, x, y, base), resolve(collection, y, x, base)];
          // A merge that keeps nothing of the resolving desk's is the master itself, audit and all.
          if (!same(content(xy), content(y)) && !same(content(yx), content(x))) expect(content(xy)).toEqual(content(yx));
        }), runs);
      });

      it('keeps every field changed on one side only; a field changed on both takes one of the two values', () => {
        fc.assert(fc.property(scenario(s, draftOnly), ([b, x, y]) => {
          const z = resolve(collection, x, y, b);
          for (const k of contentKeys(b, x, y)) {
            const [xc, yc] = [!same(x[k], b[k]), !same(y[k], b[k])];
            if (xc && !yc) expect(z[k], k).toEqual(x[k]);
            else if (yc && !xc) expect(z[k], k).toEqual(y[k]);
            else if (!xc && !yc) expect(z[k], k).toEqual(b[k]);
            else expect(same(z[k], x[k]) || same(z[k], y[k]), k).toBe(true);
          }
          expect(z._deleted).toBe(x._deleted || y._deleted);
          // The merge is the resolving desk's change, recorded as its own (invariant 11), unless it is the master unchanged.
          const later = String(x.updatedAt) >= String(y.updatedAt) ? x.updatedAt : y.updatedAt;
          if (same({ ...z, updatedAt: 0, updatedBy: 0, deskId: 0 }, { ...y, updatedAt: 0, updatedBy: 0, deskId: 0 })) expect(z).toEqual(y);
          else expect([z.updatedAt, z.updatedBy, z.deskId]).toEqual([later, x.updatedBy, x.deskId]);
        }), runs);
      });

      it('fast-forwards when one side did not edit', () => {
        fc.assert(fc.property(scenario(s, draftOnly), ([b, x]) => {
          // An edit that changed only who/when leaves nothing to push: the master stays.
          const onlyAudit = same({ ...x, updatedAt: 0, updatedBy: 0, deskId: 0 }, { ...b, updatedAt: 0, updatedBy: 0, deskId: 0 });
          const later = String(x.updatedAt) >= String(b.updatedAt) ? x.updatedAt : b.updatedAt;
          expect(resolve(collection, x, b, b)).toEqual(onlyAudit ? b : { ...x, updatedAt: later });
          expect(resolve(collection, b, x, b)).toEqual(x);
        }), runs);
      });
    });
  }

  it('bookings: a cancellation on either side survives', () => {
    fc.assert(fc.property(scenario(spec('bookings')), fc.boolean(), ([b, x, y], withBase) => {
      const z = resolve('bookings', x, y, withBase ? b : undefined);
      const cancels = (d: Doc) => d.status === 'cancelled' && (!withBase || b.status !== 'cancelled');
      if (cancels(x) || cancels(y)) expect(z.status).toBe('cancelled');
    }), runs);
  });
});

describe('append-only facts (payments, messages, activity)', () => {
  it('always return the server copy', () => {
    for (const collection of APPEND_ONLY) {
      fc.assert(fc.property(scenario(spec(collection)), ([b, x, y]) => {
        expect(resolve(collection, x, y, b)).toBe(y);
        expect(resolve(collection, x, y)).toBe(y);
      }), { numRuns: 50 });
    }
  });
  // Symmetric only in the sense that matters: a fact's two copies are the same fact, so
  // resolve(X, X') = X' = X. Two different contents under one id are not merged.
});

describe('invoices (any status)', () => {
  const s = spec('invoices');
  it('a completed or void master is kept, except for a plain void of a completed one', () => {
    fc.assert(fc.property(scenario(s), fc.boolean(), ([b, x, y], withBase) => {
      fc.pre(y.status === 'completed' || y.status === 'void');
      const z = resolve('invoices', x, y, withBase ? b : undefined);
      const strip = (d: Doc) => ({ ...d, status: '', updatedAt: '', updatedBy: '' });
      if (z.status === 'void' && y.status === 'completed') expect(strip(z)).toEqual(strip(y));
      else expect(z).toEqual(y);
    }), runs);
  });

  it('a desk that completed a draft wins: its issued content and number (0 while pending)', () => {
    fc.assert(fc.property(scenario(s), ([b, x, y]) => {
      fc.pre(x.status === 'completed' && y.status === 'draft');
      const z = resolve('invoices', x, y, b);
      for (const k of ['status', 'kind', 'clientId', 'currency', 'lines', 'number', 'invoiceDate', 'dueDate', 'completedAt', 'updatedAt', 'updatedBy', '_deleted']) {
        expect(z[k], k).toEqual(x[k]);
      }
      // bookingId is not issued content: a change made only on the master is merged in.
      expect(z.bookingId).toEqual(same(x.bookingId, b.bookingId) ? y.bookingId : x.bookingId);
    }), runs);
  });
});

// ---------------------------------------------------------------- examples

const booking = (over: Partial<Doc> = {}): Doc => ({
  id: 'b1', clientId: 'c1', serviceId: 'sv1', practitionerId: 'p1',
  start: '2026-03-02T09:00:00.000Z', end: '2026-03-02T10:00:00.000Z', status: 'booked',
  billing: 'automatic', billingChosen: false, invoiceId: 'i1',
  createdAt: BASE_AT, updatedAt: BASE_AT, updatedBy: 's1', _deleted: false, ...over,
});
const at = (hhmm: string) => `2026-03-01T${hhmm}:00.000Z`;
const line1 = { id: 'l1', serviceId: 'sv1', description: 'Massage', quantity: 1, unitPriceMinor: 65_000, discountBp: 0, vatRateBp: 0 };
const invoice = (over: Partial<Doc> = {}): Doc => ({
  id: 'i1', kind: 'invoice', status: 'draft', clientId: 'c1', bookingId: 'b1', creditsInvoiceId: '', currency: 'NOK',
  lines: [line1], number: 0, invoiceDate: '', dueDate: '', completedAt: '',
  createdAt: BASE_AT, updatedAt: BASE_AT, updatedBy: 's1', _deleted: false, ...over,
});

/** Examples compare what was merged; who the merge names is checked once, below. */
const withoutWho = (d: Doc): Doc => ({ ...d, updatedBy: undefined, deskId: undefined });
const expectMerge = (d: Doc) => ({ toEqual: (e: Doc) => expect(withoutWho(d)).toEqual(withoutWho(e)) });

describe('settings: one activation, never two mixed (decision 0035)', () => {
  const settings = (over: Record<string, unknown> = {}): Doc => ({
    id: 'clinic', _deleted: false, invoicingActivatedAt: '', billingProcess: 'automatic', paymentProvider: 'sandbox', paymentTermsDays: 14,
    updatedAt: BASE_AT, updatedBy: 's1', deskId: 'desk-0', ...over,
  });
  const base = settings();
  const early = settings({ invoicingActivatedAt: hour(9), paymentProvider: 'stripe', updatedAt: hour(9), deskId: 'desk-b' });
  const late = settings({ invoicingActivatedAt: hour(10), billingProcess: 'manual', updatedAt: hour(10), deskId: 'desk-a' });

  it("keeps the server's activation whole when a desk activated too, whichever came first", () => {
    for (const [mine, servers] of [[early, late], [late, early]] as const) {
      const merged = resolve('settings', mine, servers, base);
      expect(merged).toMatchObject({ invoicingActivatedAt: servers.invoicingActivatedAt, billingProcess: servers.billingProcess, paymentProvider: servers.paymentProvider });
    }
  });

  it('merges other settings as ever, and an activation the server does not hold yet is the desk\'s', () => {
    expect(resolve('settings', early, settings({ paymentTermsDays: 30, updatedAt: hour(8) }), base)).toMatchObject({ invoicingActivatedAt: hour(9), paymentProvider: 'stripe', paymentTermsDays: 30 });
    const activated = settings({ invoicingActivatedAt: hour(9) });
    expect(resolve('settings', settings({ invoicingActivatedAt: hour(9), billingProcess: 'manual', updatedAt: hour(11) }), settings({ invoicingActivatedAt: hour(9), paymentTermsDays: 30, updatedAt: hour(10) }), activated))
      .toMatchObject({ billingProcess: 'manual', paymentTermsDays: 30 });
  });
});

describe('examples', () => {
  it('a merge is the resolving desk\'s change: it names that desk and its staff member (invariant 11)', () => {
    const base = booking({ deskId: 'desk-0' });
    const moved = booking({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's1', deskId: 'desk-a' });
    const reassigned = booking({ practitionerId: 'p2', updatedAt: at('12:05'), updatedBy: 's2', deskId: 'desk-b' });
    expect(resolve('bookings', moved, reassigned, base)).toMatchObject({ practitionerId: 'p2', start: moved.start, updatedBy: 's1', deskId: 'desk-a', updatedAt: at('12:05') });
    // Nothing of the resolving desk's left: the master itself, so nothing is pushed.
    expect(resolve('bookings', base, reassigned, base)).toEqual(reassigned);
  });

  it('one desk reschedules, the other changes practitioner: both kept', () => {
    const base = booking();
    const moved = booking({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's1' });
    const reassigned = booking({ practitionerId: 'p2', updatedAt: at('12:05'), updatedBy: 's2' });
    const expected = booking({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', practitionerId: 'p2', updatedAt: at('12:05'), updatedBy: 's2' });
    expectMerge(resolve('bookings', moved, reassigned, base)).toEqual(expected);
    expectMerge(resolve('bookings', reassigned, moved, base)).toEqual(expected);
  });

  it('both reschedule: the later updatedAt wins', () => {
    const base = booking();
    const early = booking({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's2' });
    const late = booking({ start: '2026-03-02T15:00:00.000Z', end: '2026-03-02T16:00:00.000Z', updatedAt: at('12:05'), updatedBy: 's1' });
    expectMerge(resolve('bookings', early, late, base)).toEqual(late);
    expectMerge(resolve('bookings', late, early, base)).toEqual(late);
  });

  it('both reschedule at the same instant: the larger value wins on both desks', () => {
    const base = booking();
    const a = booking({ start: '2026-03-02T13:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's1' });
    const b = booking({ start: '2026-03-02T15:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's2' });
    const expected = booking({ start: '2026-03-02T15:00:00.000Z', updatedAt: at('12:00'), updatedBy: 's2' });
    expectMerge(resolve('bookings', a, b, base)).toEqual(expected);
    expectMerge(resolve('bookings', b, a, base)).toEqual(expected);
  });

  it('cancel vs reschedule: cancelled, at the rescheduled time', () => {
    const base = booking();
    const cancelled = booking({ status: 'cancelled', updatedAt: at('12:00'), updatedBy: 's1' });
    const moved = booking({ start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', updatedAt: at('12:05'), updatedBy: 's2' });
    const expected = booking({ status: 'cancelled', start: '2026-03-02T13:00:00.000Z', end: '2026-03-02T14:00:00.000Z', updatedAt: at('12:05'), updatedBy: 's2' });
    expectMerge(resolve('bookings', cancelled, moved, base)).toEqual(expected);
    expectMerge(resolve('bookings', moved, cancelled, base)).toEqual(expected);
  });

  it('same booking id created on two desks (no base): cancelled beats a later booked', () => {
    const a = booking({ status: 'cancelled', updatedAt: at('12:00') });
    const b = booking({ status: 'booked', updatedAt: at('12:05') });
    expect(resolve('bookings', a, b).status).toBe('cancelled');
    expect(resolve('bookings', b, a).status).toBe('cancelled');
  });

  it('deleted vs edited: deleted (with the edit merged)', () => {
    const base = booking();
    const deleted = booking({ _deleted: true, updatedAt: at('12:00') });
    const edited = booking({ practitionerId: 'p2', updatedAt: at('12:05'), updatedBy: 's2' });
    const expected = booking({ practitionerId: 'p2', updatedAt: at('12:05'), updatedBy: 's2', _deleted: true });
    expectMerge(resolve('bookings', deleted, edited, base)).toEqual(expected);
    expectMerge(resolve('bookings', edited, deleted, base)).toEqual(expected);
  });

  it('a payment pushed again returns the server copy', () => {
    const payment: Doc = { id: 'pay1', kind: 'payment', invoiceId: 'i1', clientId: 'c1', method: 'cash', amountMinor: 65_000,
      currency: 'NOK', at: at('12:00'), recordedBy: 's1', externalRef: '', _deleted: false };
    const server = { ...payment };
    const desk = { ...payment, amountMinor: 1 };
    expect(resolve('payments', desk, server, undefined)).toBe(server);
    expectMerge(resolve('payments', desk, server, payment)).toEqual(payment);
  });

  it('a desk edits a completed invoice: the master is unchanged', () => {
    const done = invoice({ status: 'completed', number: 17, invoiceDate: '2026-03-01', dueDate: '2026-03-15', completedAt: at('11:30'), updatedAt: at('11:30') });
    const server = { ...done, updatedAt: at('11:45'), updatedBy: 'system' };
    const edit = { ...done, lines: [{ ...line1, quantity: 2 }], updatedAt: at('12:00'), updatedBy: 's2' };
    expectMerge(resolve('invoices', edit, server, done)).toEqual(server);
    expectMerge(resolve('invoices', { ...edit, status: 'draft' }, server, done)).toEqual(server);
    expectMerge(resolve('invoices', { ...edit, _deleted: true }, server, done)).toEqual(server);
  });

  it('a desk voids a completed invoice: the void is kept, with the server number', () => {
    // The desk saw it completed but still unnumbered; the server has since numbered it.
    const seen = invoice({ status: 'completed', invoiceDate: '2026-03-01', dueDate: '2026-03-15', completedAt: at('11:30'), updatedAt: at('11:30') });
    const server = { ...seen, number: 17, updatedAt: at('11:31'), updatedBy: 'system' };
    const voided = { ...seen, status: 'void', updatedAt: at('12:00'), updatedBy: 's2' };
    expectMerge(resolve('invoices', voided, server, seen)).toEqual({ ...server, status: 'void', updatedAt: at('12:00'), updatedBy: 's2' });
    // A void that also changes the content is not a plain void: the master stands.
    expectMerge(resolve('invoices', { ...voided, lines: [] }, server, seen)).toEqual(server);
    // A void master stays void.
    const voidServer = { ...server, status: 'void' };
    expectMerge(resolve('invoices', { ...seen, dueDate: '2026-04-01', updatedAt: at('12:00') }, voidServer, seen)).toEqual(voidServer);
  });

  it('a desk completes a draft while another edits a line: the completed content wins', () => {
    const draft = invoice();
    const completed = invoice({ status: 'completed', invoiceDate: '2026-03-01', dueDate: '2026-03-15', completedAt: at('12:00'), updatedAt: at('12:00'), updatedBy: 's1' });
    const lineEdited = invoice({ lines: [{ ...line1, unitPriceMinor: 80_000 }], bookingId: '', updatedAt: at('12:05'), updatedBy: 's2' });
    expectMerge(resolve('invoices', completed, lineEdited, draft)).toEqual({ ...completed, bookingId: '' });
    // The other way round the completed master stands: invoices are not symmetric once final.
    expectMerge(resolve('invoices', lineEdited, completed, draft)).toEqual(completed);
  });

  it('draft vs draft: one edits a line, the other the booking link: both kept', () => {
    const draft = invoice();
    const a = invoice({ lines: [line1, { ...line1, id: 'l2', description: 'Oil', unitPriceMinor: 5_000 }], updatedAt: at('12:00') });
    const b = invoice({ bookingId: '', updatedAt: at('12:05'), updatedBy: 's2' });
    const expected = invoice({ lines: a.lines, bookingId: '', updatedAt: at('12:05'), updatedBy: 's2' });
    expectMerge(resolve('invoices', a, b, draft)).toEqual(expected);
    expectMerge(resolve('invoices', b, a, draft)).toEqual(expected);
  });

  it('a field changed on only one side wins even when that side is older', () => {
    const base = booking();
    const older = booking({ practitionerId: 'p2', updatedAt: at('12:00'), updatedBy: 's1' });
    const newer = booking({ invoiceId: '', updatedAt: at('12:05'), updatedBy: 's2' });
    expect(withoutWho(resolve('bookings', older, newer, base))).toMatchObject({ practitionerId: 'p2', invoiceId: '', updatedAt: at('12:05') });
  });
});

describe('isEqualForSync and the RxDB handler', () => {
  it('ignores key order and RxDB bookkeeping, not content', () => {
    expect(isEqualForSync({ a: 1, b: { c: [1, 2], d: 'x' }, _deleted: false }, { b: { d: 'x', c: [1, 2] }, _deleted: false, a: 1, _rev: '3-abc', _meta: { lwt: 1 }, _attachments: {} })).toBe(true);
    expect(isEqualForSync({ a: 1, _deleted: false }, { a: 1 })).toBe(true);
    expect(isEqualForSync({ a: 1, _deleted: false }, { a: 1, _deleted: true })).toBe(false);
    expect(isEqualForSync({ a: { c: [1, 2] } }, { a: { c: [2, 1] } })).toBe(false);
    expect(isEqualForSync({ a: 1 }, { a: '1' })).toBe(false);
    expect(isEqualForSync({ a: 1 }, { a: 1, b: 0 })).toBe(false);
  });

  it('resolve ignores RxDB bookkeeping on its inputs', () => {
    const base = booking();
    const desk = { ...booking({ practitionerId: 'p2', updatedAt: at('12:00') }), _rev: '2-x', _meta: { lwt: 5 } };
    expect(resolve('bookings', desk, base, base)).toEqual(booking({ practitionerId: 'p2', updatedAt: at('12:00') }));
  });

  it('conflictHandlerFor wraps the same rules', async () => {
    const handler = conflictHandlerFor('bookings');
    const base = booking();
    const cancelled = booking({ status: 'cancelled', updatedAt: at('12:00') });
    const moved = booking({ start: '2026-03-02T13:00:00.000Z', updatedAt: at('12:05'), updatedBy: 's2' });
    await expect(handler.resolve({ newDocumentState: cancelled, realMasterState: moved, assumedMasterState: base }, 'test'))
      .resolves.toEqual(booking({ status: 'cancelled', start: '2026-03-02T13:00:00.000Z', updatedAt: at('12:05'), updatedBy: 's1' }));
    expect(handler.isEqual(base, { ...base, _rev: '9-z' }, 'test')).toBe(true);
    expect(handler.isEqual(base, cancelled, 'test')).toBe(false);
    await expect(conflictHandlerFor('payments').resolve({ newDocumentState: cancelled, realMasterState: moved }, 'test')).resolves.toBe(moved);
  });
});
