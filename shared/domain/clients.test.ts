import { describe, it, expect } from 'vitest';
import { checkClient, clientInputOf, clientName, clientQueryWords, describeClientChange, matchesClientQuery, type ClientInput } from './clients.js';
import { createTranslator, inEnglish } from '../i18n/translator.js';

const TODAY = '2026-11-21';
const good: ClientInput = { firstName: 'Anna', lastName: 'Sørensen', email: 'anna@example.com', phone: '+47 412 34 567', dateOfBirth: '1984-03-27' };

function refusal(changes: Partial<ClientInput>): { message: string; field: string | undefined } {
  const r = checkClient({ ...good, ...changes }, TODAY);
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(changes)}`);
  return { message: r.message, field: r.field };
}

describe('checkClient', () => {
  it('accepts a good client and tidies it', () => {
    const r = checkClient({ ...good, firstName: '  Anna  Maria ', email: ' anna@example.com ' }, TODAY);
    expect(r).toEqual({
      ok: true,
      value: {
        firstName: 'Anna Maria', lastName: 'Sørensen', email: 'anna@example.com', phone: '+47 412 34 567', address: '', dateOfBirth: '1984-03-27', language: '',
        sortName: 'sorensen anna maria',
        searchText: 'anna maria sorensen sorensen anna maria anna@example.com 4741234567',
      },
    });
  });

  it('accepts a client with only a name', () => {
    const r = checkClient({ firstName: 'Ola', lastName: 'Nordmann', email: '', phone: '', dateOfBirth: '' }, TODAY);
    expect(r.ok && r.value.email === '' && r.value.phone === '' && r.value.dateOfBirth === '').toBe(true);
    // A language of the catalogues, or none (the clinic's); anything else is refused on its field.
    const en = checkClient({ firstName: 'Ola', lastName: 'Nordmann', email: '', phone: '', dateOfBirth: '', language: 'en' }, TODAY);
    expect(en.ok && en.value.language).toBe('en');
    expect(checkClient({ firstName: 'Ola', lastName: 'Nordmann', email: '', phone: '', dateOfBirth: '', language: 'xx' }, TODAY)).toMatchObject({ ok: false, field: 'language' });
  });

  it('requires first and last name', () => {
    expect(refusal({ firstName: '' })).toEqual({ message: 'First name is required.', field: 'firstName' });
    expect(refusal({ firstName: '   ' })).toEqual({ message: 'First name is required.', field: 'firstName' });
    expect(refusal({ lastName: '' })).toEqual({ message: 'Last name is required.', field: 'lastName' });
    expect(refusal({ lastName: 'x'.repeat(81) })).toEqual({ message: 'Last name can be at most 80 characters.', field: 'lastName' });
  });

  it('names the field in bokmål', () => {
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    const first = checkClient({ ...good, firstName: '' }, TODAY);
    expect(!first.ok && nb.t(first.text)).toBe('Fornavn må fylles ut.');
    const last = checkClient({ ...good, lastName: 'x'.repeat(81) }, TODAY);
    expect(!last.ok && nb.t(last.text)).toBe('Etternavn kan ha høyst 80 tegn.');
  });

  it.each(['anna@', 'anna example.com', 'a@b', '@example.com', 'anna@@example.com', 'anna@example.'])('refuses the email %j', (email) => {
    expect(refusal({ email })).toEqual({
      message: `"${email.trim()}" is not a valid email address. Check it looks like name@example.com.`,
      field: 'email',
    });
  });

  it('refuses a phone number with letters or too few digits', () => {
    expect(refusal({ phone: '412 34 ABC' })).toEqual({ message: 'A phone number may contain only digits, spaces, dashes, brackets and a leading +.', field: 'phone' });
    expect(refusal({ phone: '1234' })).toEqual({ message: 'A phone number needs between 5 and 15 digits.', field: 'phone' });
    expect(refusal({ phone: '1'.repeat(16) })).toEqual({ message: 'A phone number needs between 5 and 15 digits.', field: 'phone' });
  });

  it('accepts phone numbers written the usual ways', () => {
    for (const phone of ['+47 412 34 567', '(212) 555-0123', '020 7946 0958', '41234567']) {
      expect(checkClient({ ...good, phone }, TODAY).ok).toBe(true);
    }
  });

  it('refuses a date of birth that is not a date or lies in the future', () => {
    expect(refusal({ dateOfBirth: '1984-02-30' })).toEqual({ message: 'Enter the date of birth as a date, e.g. 1984-03-27.', field: 'dateOfBirth' });
    expect(refusal({ dateOfBirth: '27.03.1984' })).toEqual({ message: 'Enter the date of birth as a date, e.g. 1984-03-27.', field: 'dateOfBirth' });
    expect(refusal({ dateOfBirth: '2026-11-22' })).toEqual({ message: 'The date of birth cannot be in the future.', field: 'dateOfBirth' });
    expect(checkClient({ ...good, dateOfBirth: TODAY }, TODAY).ok).toBe(true);
  });
});

describe('finding clients', () => {
  const client = (input: ClientInput) => {
    const r = checkClient(input, TODAY);
    if (!r.ok) throw new Error(r.message);
    return r.value;
  };
  const anna = client(good);
  const ola = client({ firstName: 'Ola', lastName: 'Nordmann', email: 'ola@post.no', phone: '(212) 555-0123', dateOfBirth: '' });

  it('folds accents, so "sorensen" finds Sørensen', () => {
    expect(matchesClientQuery(anna, 'sorensen')).toBe(true);
    expect(matchesClientQuery(anna, 'Sørensen')).toBe(true);
    expect(matchesClientQuery(anna, 'SØREN')).toBe(true);
    expect(matchesClientQuery(ola, 'sorensen')).toBe(false);
  });

  it('needs every word, in either name order', () => {
    expect(matchesClientQuery(anna, 'anna sor')).toBe(true);
    expect(matchesClientQuery(anna, 'sørensen anna')).toBe(true);
    expect(matchesClientQuery(anna, 'anna nordmann')).toBe(false);
  });

  it('finds phone numbers however the spaces fall', () => {
    expect(matchesClientQuery(anna, '41234567')).toBe(true);
    expect(matchesClientQuery(anna, '412 34 567')).toBe(true);
    expect(matchesClientQuery(anna, '+47 412')).toBe(true);
    expect(matchesClientQuery(ola, '212-555-0123')).toBe(true);
    expect(matchesClientQuery(ola, '(212) 555')).toBe(true);
    expect(matchesClientQuery(ola, '999')).toBe(false);
  });

  it('finds by email', () => {
    expect(matchesClientQuery(ola, 'ola@post')).toBe(true);
    expect(matchesClientQuery(anna, 'ANNA@EXAMPLE.COM')).toBe(true);
  });

  it('turns a query into the words searchText holds', () => {
    expect(clientQueryWords('  Sørensen  +47 412-34 ')).toEqual(['sorensen', '47', '41234']);
    expect(clientQueryWords('')).toEqual([]);
  });

  it('names a client', () => {
    expect(clientName(anna)).toBe('Anna Sørensen');
  });
});

describe('describeClientChange', () => {
  const before = { firstName: 'Anna', lastName: 'Berg', email: '', phone: '+47 412 34 567', address: 'Storgata 1', dateOfBirth: '1984-03-27' };

  it('is empty when nothing changed, so an unchanged save logs nothing', () => {
    expect(describeClientChange(before, { ...before })).toEqual([]);
    // The form's values round-trip through the same check as creating.
    const again = checkClient(clientInputOf(before), TODAY);
    expect(again.ok && describeClientChange(before, again.value)).toEqual([]);
  });

  it('shows contact details before and after, and only names the address and date of birth', () => {
    const change = describeClientChange(before, { ...before, email: 'anna@example.com', phone: '', address: 'Storgata 2', dateOfBirth: '1984-03-28' });
    expect(change.map((part) => inEnglish(part))).toEqual(['email: (empty) → anna@example.com', 'mobile phone: +47 412 34 567 → (empty)', 'address', 'date of birth']);
    expect(describeClientChange(before, { ...before, lastName: 'Lund' }).map((part) => inEnglish(part))).toEqual(['name: Anna Berg → Anna Lund']);
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(change.map((part) => nb.t(part))).toEqual(['e-post: (tom) → anna@example.com', 'mobil: +47 412 34 567 → (tom)', 'adresse', 'fødselsdato']);
  });
});
