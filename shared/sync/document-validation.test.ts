/**
 * The document validation both sides use (docs/design.md invariant 13): every document a
 * real desk makes passes — driven through the desk's own commands and the demo clinic — and
 * each schema rule, text rule and domain rule refuses with its code and the field it names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COLLECTION_NAMES, type CollectionName } from '../schemas/index.js';
import { demoClinic } from '../domain/demo-clinic.js';
import { MAX_AMOUNT_MINOR } from '../domain/money.js';
import { deskDocuments, type DeskDocuments } from '../test-support/desk-documents.js';
import { checkPulledDocuments, documentProblem } from './document-validation.js';
import { pushRefusalOf } from './document-problem.js';
import { createTranslator } from '../i18n/translator.js';
import { parseStoredText } from '../i18n/stored-text.js';
import type { WireDocument } from './protocol.js';

let desk: DeskDocuments;
beforeAll(async () => {
  desk = await deskDocuments();
});

const first = (c: CollectionName): WireDocument => {
  const doc = desk[c][0];
  if (!doc) throw new Error(`the desk made no ${c}`);
  return doc;
};
const byKind = (kind: string) => desk.payments.find((p) => p.kind === kind)!;
const withLines = () => desk.invoices.find((i) => (i.lines as unknown[]).length === 2)!;
const judge = (c: CollectionName, doc: unknown) => documentProblem(c, doc);
const expectProblem = (c: CollectionName, doc: unknown, code: string, params: Record<string, unknown>) => {
  const p = judge(c, doc);
  expect(p, JSON.stringify(doc).slice(0, 200)).not.toBeNull();
  expect(p!.code).toBe(code);
  expect(p!.params).toMatchObject(params);
  return p!;
};

describe('what desks make', () => {
  it('every document the desk commands wrote passes, in every collection, live and as a tombstone', () => {
    for (const name of COLLECTION_NAMES) {
      expect(desk[name].length, `the desk made no ${name}`).toBeGreaterThan(0);
      for (const doc of desk[name]) {
        expect(judge(name, doc), `${name} ${doc.id}`).toBeNull();
        expect(judge(name, { ...doc, _deleted: true }), `${name} ${doc.id} deleted`).toBeNull();
      }
    }
    // Kinds that matter: every payment kind and a credit note were made.
    expect(new Set(desk.payments.map((p) => p.kind))).toEqual(new Set(['payment', 'refund', 'credit_applied', 'fee']));
    expect(desk.invoices.some((i) => i.kind === 'credit_note')).toBe(true);
  });

  it('every document of a demo clinic passes', () => {
    const demo = demoClinic({ now: new Date('2026-03-02T10:00:00.000Z'), bookings: 400, practitioners: 4, clients: 60, perPractitionerDay: 5 });
    const sets: [CollectionName, object[]][] = [['settings', [demo.settings]], ['staff', demo.staff], ['services', demo.services], ['clients', demo.clients], ['bookings', demo.bookings], ['invoices', demo.invoices]];
    for (const [name, docs] of sets) for (const d of docs) expect(judge(name, { ...d, _deleted: false }), `${name}`).toBeNull();
  });
});

describe('the schema (invalid_document)', () => {
  it('names a missing field, an unknown one, and RxDB meta fields a wire document must not carry', () => {
    const payment = byKind('payment');
    const { currency: _c, ...noCurrency } = payment;
    expect(expectProblem('payments', noCurrency, 'invalid_document', { field: 'currency', rule: 'required' }).reason).toBe('"currency" is missing');
    expectProblem('payments', { ...payment, note: 'hi' }, 'invalid_document', { field: 'note', rule: 'unknown_field' });
    for (const meta of ['_meta', '_rev', '_attachments']) expectProblem('payments', { ...payment, [meta]: {} }, 'invalid_document', { field: meta, rule: 'unknown_field' });
    const { _deleted: _d, ...noFlag } = payment;
    expectProblem('payments', noFlag, 'invalid_document', { field: '_deleted', rule: 'required' });
    // A tombstone is a whole document, not just an id.
    expectProblem('bookings', { id: 'b-1', _deleted: true }, 'invalid_document', { rule: 'required' });
    expectProblem('invoices', { ...withLines(), lines: [{ ...(withLines().lines as object[])[0], colour: 'red' }] }, 'invalid_document', { field: 'lines[0].colour', rule: 'unknown_field' });
  });

  it('refuses a thousand extra fields at the first', () => {
    const extra = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`x${i}`, i]));
    expectProblem('clients', { ...first('clients'), ...extra }, 'invalid_document', { rule: 'unknown_field' });
  });

  it('names wrong types, unknown enum values, floats, too long text and out-of-range numbers', () => {
    const payment = byKind('payment');
    const invoice = withLines();
    const line = (invoice.lines as Record<string, unknown>[])[0]!;
    expectProblem('invoices', { ...invoice, lines: 'two lines' }, 'invalid_document', { field: 'lines', rule: 'type', type: 'array' });
    expectProblem('payments', { ...payment, currency: 'XXX' }, 'invalid_document', { field: 'currency', rule: 'enum' });
    expectProblem('payments', { ...payment, kind: 'gift' }, 'invalid_document', { field: 'kind', rule: 'enum' });
    expectProblem('payments', { ...payment, method: 'bitcoin' }, 'invalid_document', { field: 'method', rule: 'enum' });
    expectProblem('payments', { ...payment, amountMinor: 1e20 }, 'invalid_document', { field: 'amountMinor', rule: 'maximum' });
    expectProblem('payments', { ...payment, amountMinor: '500' }, 'invalid_document', { field: 'amountMinor', rule: 'type', type: 'integer' });
    expectProblem('invoices', { ...invoice, lines: [{ ...line, unitPriceMinor: 750.5 }] }, 'invalid_document', { field: 'lines[0].unitPriceMinor', rule: 'type' });
    expectProblem('invoices', { ...invoice, number: 1e300 }, 'invalid_document', { field: 'number', rule: 'maximum' });
    expectProblem('clients', { ...first('clients'), firstName: 'x'.repeat(81) }, 'invalid_document', { field: 'firstName', rule: 'maxLength', limit: 80 });
    expectProblem('payments', { ...payment, at: 'yesterday' }, 'invalid_document', { field: 'at', rule: 'format' });
    expectProblem('payments', [payment], 'invalid_document', { field: '', rule: 'type' });
    expectProblem('payments', null, 'invalid_document', { rule: 'type' });
  });

  it('counts maxLength in characters: 80 emoji are a name of 80', () => {
    expect(judge('clients', { ...first('clients'), firstName: '😀'.repeat(80) })).toBeNull();
  });

  it('takes instants as desks write them (UTC ISO) and nothing else', () => {
    const payment = byKind('payment');
    for (const at of ['2026-03-02T09:00:00.000Z', '2026-03-02T09:00:00Z', '2024-02-29T23:59:59.999Z']) expect(judge('payments', { ...payment, at }), at).toBeNull();
    for (const at of ['2026-03-02T10:00:00.000+01:00', '2026-03-02t09:00:00z', '2026-02-29T09:00:00.000Z', '2026-04-31T09:00:00.000Z', '2026-03-02T24:00:00.000Z', '2026-03-02 09:00:00Z', '']) {
      expectProblem('payments', { ...payment, at }, 'invalid_document', { field: 'at', rule: 'format' });
    }
  });
});

describe('text and numbers (invalid_document)', () => {
  it('refuses NUL and other control characters, allowing tabs and line breaks only in free text', () => {
    const client = first('clients');
    expect(expectProblem('clients', { ...client, firstName: 'Kari\u0000' }, 'invalid_document', { field: 'firstName', rule: 'control_character', character: 'U+0000' }).reason).toBe('"firstName" contains a NUL character');
    expectProblem('clients', { ...client, lastName: 'A\u001bB' }, 'invalid_document', { field: 'lastName', character: 'U+001B' });
    expectProblem('clients', { ...client, firstName: 'Kari\nAnne' }, 'invalid_document', { field: 'firstName', character: 'U+000A' });
    expectProblem('clients', { ...client, id: 'c\u0000' }, 'invalid_document', { field: 'id', character: 'U+0000' });
    expect(judge('clients', { ...client, address: 'Strandgata 1\r\n5013\tBergen' })).toBeNull();
    expectProblem('clients', { ...client, address: 'Strandgata\u0000' }, 'invalid_document', { field: 'address', character: 'U+0000' });
    const invoice = withLines();
    const lines = invoice.lines as Record<string, unknown>[];
    expect(judge('invoices', { ...invoice, lines: [{ ...lines[0], description: 'Two\nlines' }] })).toBeNull();
    expectProblem('invoices', { ...invoice, lines: [lines[0], { ...lines[1], description: 'Tape\u0007' }] }, 'invalid_document', { field: 'lines[1].description', character: 'U+0007' });
    expectProblem('staff', { ...first('staff'), roles: ['admin\u0000'] }, 'invalid_document', { field: 'roles[0]' });
  });

  it('refuses half a surrogate pair anywhere, and takes whole ones', () => {
    const client = first('clients');
    for (const bad of ['Kari\ud83d', '\ude00Kari', 'a\ud83d\ud83d', 'a\ude00\ud83d']) {
      expectProblem('clients', { ...client, firstName: bad }, 'invalid_document', { field: 'firstName', rule: 'unpaired_surrogate' });
    }
    expect(judge('clients', { ...client, firstName: 'Kari 😀👍🏽' })).toBeNull();
  });

  it('finds a control character or a lone surrogate wherever it is put in any string of any document', () => {
    const targets = COLLECTION_NAMES.flatMap((c) => desk[c].flatMap((doc) => Object.keys(doc).filter((k) => typeof doc[k] === 'string').map((k) => ({ c, doc, k }))));
    const badChar = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 11, max: 12 }), fc.integer({ min: 14, max: 31 }), fc.integer({ min: 0xd800, max: 0xdfff })).map((n) => String.fromCharCode(n));
    fc.assert(fc.property(fc.constantFrom(...targets), badChar, fc.nat(), ({ c, doc, k }, ch, at) => {
      const text = String(doc[k]).slice(0, 10);
      const pos = at % (text.length + 1);
      const p = judge(c, { ...doc, [k]: text.slice(0, pos) + ch + text.slice(pos) });
      return p !== null && p.code === 'invalid_document';
    }));
  });

  it('refuses -0, which no desk writes', () => {
    expectProblem('payments', { ...byKind('payment'), tenderedMinor: -0 }, 'invalid_document', { field: 'tenderedMinor', rule: 'negative_zero' });
    expectProblem('settings', { ...first('settings'), vatRatesBp: [2500, -0] }, 'invalid_document', { field: 'vatRatesBp[1]', rule: 'negative_zero' });
  });
});

describe('domain rules (rule_broken)', () => {
  it(`bounds every amount at ${MAX_AMOUNT_MINOR} minor units and never below zero`, () => {
    const payment = byKind('payment');
    expect(judge('payments', { ...payment, amountMinor: MAX_AMOUNT_MINOR })).toBeNull();
    expectProblem('payments', { ...payment, amountMinor: MAX_AMOUNT_MINOR + 1 }, 'rule_broken', { field: 'amountMinor', rule: 'amount_too_large', limit: MAX_AMOUNT_MINOR });
    expectProblem('payments', { ...payment, tenderedMinor: -1 }, 'rule_broken', { field: 'tenderedMinor', rule: 'amount_negative' });
    expectProblem('services', { ...first('services'), priceMinor: MAX_AMOUNT_MINOR + 1 }, 'rule_broken', { field: 'priceMinor' });
    expectProblem('paymentrequests', { ...first('paymentrequests'), feeMinor: -100 }, 'rule_broken', { field: 'feeMinor' });
    expectProblem('messages', { ...first('messages'), costMinor: MAX_AMOUNT_MINOR * 10 }, 'rule_broken', { field: 'costMinor' });
    expectProblem('settings', { ...first('settings'), reminderFeeMinor: -1 }, 'rule_broken', { field: 'reminderFeeMinor' });
  });

  it('bounds invoice lines: their price, quantity × price, their number, and one id each', () => {
    const invoice = withLines();
    const lines = invoice.lines as Record<string, unknown>[];
    expectProblem('invoices', { ...invoice, lines: [{ ...lines[0], unitPriceMinor: -500 }] }, 'rule_broken', { field: 'lines[0].unitPriceMinor', rule: 'amount_negative' });
    expectProblem('invoices', { ...invoice, lines: [{ ...lines[0], quantity: 10_000, unitPriceMinor: 100_001 }] }, 'rule_broken', { field: 'lines[0]', rule: 'amount_too_large' });
    expect(judge('invoices', { ...invoice, lines: [{ ...lines[0], quantity: 10_000, unitPriceMinor: 100_000 }] })).toBeNull();
    expectProblem('invoices', { ...invoice, lines: [lines[0], { ...lines[1], id: lines[0]!.id }] }, 'rule_broken', { field: 'lines[1].id', rule: 'repeated' });
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...lines[0], id: `l-${i}` }));
    expect(judge('invoices', { ...invoice, lines: many(50) })).toBeNull();
    expectProblem('invoices', { ...invoice, lines: many(51) }, 'rule_broken', { field: 'lines', rule: 'too_many', limit: 50 });
    expectProblem('invoices', { ...invoice, lines: many(30_000) }, 'rule_broken', { field: 'lines', rule: 'too_many' });
  });

  it('takes dates as LocalDate and empty instants as empty or UTC', () => {
    const invoice = withLines();
    expectProblem('invoices', { ...invoice, dueDate: '2026-02-30' }, 'rule_broken', { field: 'dueDate', rule: 'local_date' });
    expectProblem('invoices', { ...invoice, invoiceDate: '02.03.2026' }, 'rule_broken', { field: 'invoiceDate', rule: 'local_date' });
    expectProblem('clients', { ...first('clients'), dateOfBirth: '1980-13-01' }, 'rule_broken', { field: 'dateOfBirth' });
    expectProblem('invoices', { ...invoice, completedAt: 'soon' }, 'rule_broken', { field: 'completedAt', rule: 'utc_instant' });
    expectProblem('paymentrequests', { ...first('paymentrequests'), expiresAt: '2026-03-02T10:00:00+01:00' }, 'rule_broken', { field: 'expiresAt' });
    expect(judge('invoices', { ...invoice, dueDate: '', completedAt: '' })).toBeNull();
  });

  it('keeps lists free of repeats', () => {
    expectProblem('staff', { ...first('staff'), roles: ['admin', 'admin'] }, 'rule_broken', { field: 'roles', rule: 'repeated' });
    expectProblem('paymentrequests', { ...first('paymentrequests'), channels: ['sms', 'sms'] }, 'rule_broken', { field: 'channels', rule: 'repeated' });
  });

  it('keeps the settings one document with a zone, a locale and at most 10 VAT rates a desk can use', () => {
    const settings = first('settings');
    expectProblem('settings', { ...settings, id: 'clinic-2' }, 'rule_broken', { field: 'id', rule: 'settings_id' });
    expectProblem('settings', { ...settings, timeZone: 'Mars/Olympus' }, 'rule_broken', { field: 'timeZone', rule: 'time_zone' });
    expectProblem('settings', { ...settings, locale: 'not a locale!' }, 'rule_broken', { field: 'locale', rule: 'locale' });
    expectProblem('settings', { ...settings, vatRatesBp: Array.from({ length: 11 }, (_, i) => i * 100) }, 'rule_broken', { field: 'vatRatesBp', rule: 'too_many' });
  });
});

describe('framing', () => {
  it('gives the server a refusal naming the field, retryable only when the problem says so', () => {
    const p = judge('payments', { ...byKind('payment'), currency: 'XXX' })!;
    expect(pushRefusalOf('payments', 'p-1', p)).toEqual({
      id: 'p-1', code: 'invalid_document', params: { field: 'currency', rule: 'enum', allowed: 'NOK,GBP,EUR,USD,SEK,DKK' },
      message: 'The sync server did not take this payment: "currency" must be one of NOK, GBP, EUR, USD, SEK, DKK.',
      text: { id: 'syncRule.notTaken', values: { collection: 'payments', reason: { id: 'syncRule.problem.enum', values: { field: '"currency"', allowed: 'NOK, GBP, EUR, USD, SEK, DKK' } } } },
    });
    expect(pushRefusalOf('payments', 'p-1', { ...p, retryable: true })).toMatchObject({ retryable: true, message: expect.stringMatching(/has not taken this payment yet.*sends it again/) });
  });

  it('reads in bokmål on a Norwegian desk, and as a Text a desk can read back as input', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const p = judge('payments', { ...byKind('payment'), currency: 'XXX' })!;
    const refusal = pushRefusalOf('payments', 'p-1', p);
    expect(nb.t(refusal.text!)).toBe('Synkroniseringsserveren tok ikke imot denne betalingen: "currency" må være en av NOK, GBP, EUR, USD, SEK, DKK.');
    expect(nb.t(pushRefusalOf('payments', 'p-1', { ...p, retryable: true }).text!)).toMatch(/^Synkroniseringsserveren har ikke tatt imot denne betalingen ennå: .*sender den på nytt/);
    expect(parseStoredText(JSON.stringify(refusal.text))).toEqual(refusal.text);
    const { rejected } = checkPulledDocuments('bookings', [{ ...desk.bookings[0], start: 'tomorrow' }]);
    expect(nb.t(rejected[0]!.text)).toBe(`Denne skranken tok ikke imot en timebestilling som synkroniseringsserveren sendte ("${desk.bookings[0]!.id}"): "start" må være et UTC-tidspunkt som 2026-03-02T09:00:00.000Z.`);
  });

  it('quotes a hostile field name escaped and short', () => {
    const p = judge('clients', { ...first('clients'), [`\u001b[31m${'x'.repeat(200)}`]: 1 })!;
    expect(p.reason.includes('\u001b')).toBe(false);
    expect(p.reason.length).toBeLessThan(120);
  });
});

describe('checkPulledDocuments', () => {
  it('keeps what a desk may store and says why it did not take the rest', () => {
    const good = desk.bookings;
    const bad = [{ ...good[0], start: 'tomorrow' }, { ...good[1], _meta: { lwt: 1 } }, 'not a document', { ...good[2], id: 'x'.repeat(60) }];
    const { valid, rejected } = checkPulledDocuments('bookings', [...good, ...bad]);
    expect(valid).toEqual(good);
    expect(rejected.map((r) => [r.id, r.code, r.params.field])).toEqual([
      [good[0]!.id, 'invalid_document', 'start'], [good[1]!.id, 'invalid_document', '_meta'], ['', 'invalid_document', ''], ['x'.repeat(40), 'invalid_document', 'id'],
    ]);
    expect(rejected[0]!.message).toBe(`This desk did not take a booking the sync server sent ("${good[0]!.id}"): "start" must be a UTC time such as 2026-03-02T09:00:00.000Z.`);
    expect(rejected.every((r) => r.collection === 'bookings')).toBe(true);
  });
});
