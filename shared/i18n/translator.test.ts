import { describe, expect, it } from 'vitest';
import { createTranslator, inEnglish } from './translator.js';
import { dayValue, instantValue, moneyValue, rateValue, text } from './text.js';

const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const enInOslo = createTranslator({ language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const enInLondon = createTranslator({ language: 'en', clinicLocale: 'en-GB', timeZone: 'Europe/London' });

describe('a translator', () => {
  it('reads the same Text in each reader\'s language', () => {
    expect(nb.t('common.cancel')).toBe('Avbryt');
    expect(enInOslo.t('common.cancel')).toBe('Cancel');
    expect(nb.t(text('error.withDetail', { detail: 'x' }))).toBe('Noe gikk galt: x');
  });

  it('writes money, days, times and rates in the clinic\'s region, in the reader\'s words', () => {
    const at = '2026-12-02T13:05:00Z';
    expect(nb.money(75000, 'NOK')).toBe('750,00\u00a0kr');
    expect(enInOslo.money(75000, 'NOK')).toMatch(/^750,00\s?kr$|^NOK\s?750\.00$/);
    expect(nb.time(at)).toBe('14:05');
    // English words, Norwegian formats: a 24-hour clock and day-month order, never "2:05 PM".
    expect(enInOslo.time(at)).toBe('14:05');
    expect(enInOslo.day('2026-12-02', 'long')).toMatch(/^2 December 2026$/);
    expect(nb.day('2026-12-02', 'long')).toBe('2. desember 2026');
    expect(enInLondon.money(45050, 'GBP')).toBe('£450.50');
    expect(nb.rate(2500)).toMatch(/^25\s?%$/);
  });

  it('formats the values a Text carries for its reader', () => {
    const refused = text('error.withDetail', { detail: text('common.cancel') });
    expect(nb.t(refused)).toBe('Noe gikk galt: Avbryt');
    const all = { detail: '' };
    expect(nb.t('error.withDetail', all)).toBe('Noe gikk galt: ');
    // Each value kind is put into the reader's format.
    const show = (v: Parameters<typeof nb.t>[1]) => nb.t('error.withDetail', v);
    expect(show({ detail: moneyValue(45000, 'NOK') })).toBe('Noe gikk galt: 450,00\u00a0kr');
    expect(show({ detail: dayValue('2026-12-24', 'long') })).toBe('Noe gikk galt: 24. desember 2026');
    expect(show({ detail: instantValue('2026-12-02T13:05:00Z', 'time') })).toBe('Noe gikk galt: 14:05');
    expect(show({ detail: rateValue(1500) })).toMatch(/^Noe gikk galt: 15\s?%$/);
  });

  it('gives the English of a Text for logs, and the id itself for one no catalogue has', () => {
    expect(inEnglish('common.cancel')).toBe('Cancel');
    expect(nb.t({ id: 'no.such.id' } as unknown as Parameters<typeof nb.t>[0])).toBe('no.such.id');
  });
});

describe('a translator given a Text it cannot format', () => {
  it('gives the id rather than breaking the screen', () => {
    const t = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(t.t('error.withDetail', { detail: { day: '2024-99-99' } })).toBe('error.withDetail');
    expect(t.t('error.withDetail', { detail: { at: 'not a time' } })).toBe('error.withDetail');
    // A value the message needs is missing: no raw "{detail}" on screen.
    expect(t.t({ id: 'error.withDetail' })).toBe('error.withDetail');
  });
});
