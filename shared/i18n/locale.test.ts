import { describe, expect, it } from 'vitest';
import { clinicLocaleFor, firstDayOfWeek, formatLocaleFor, languageOfLocale, machineLanguage, readerLanguage, regionOfLocale } from './locale.js';

describe('who reads which language', () => {
  it('takes the clinic\'s language from its locale, bokmål for any Norwegian', () => {
    expect(languageOfLocale('nb-NO')).toBe('nb');
    expect(languageOfLocale('nn-NO')).toBe('nb');
    expect(languageOfLocale('no')).toBe('nb');
    expect(languageOfLocale('en-GB')).toBe('en');
    expect(languageOfLocale('de-DE')).toBe('en');
    expect(languageOfLocale('not a locale')).toBe('en');
    expect(regionOfLocale('nb-NO')).toBe('NO');
  });

  it('uses a person\'s own choice when it is a language we have, else the clinic\'s', () => {
    expect(readerLanguage('en', 'nb-NO')).toBe('en');
    expect(readerLanguage('', 'nb-NO')).toBe('nb');
    expect(readerLanguage(undefined, 'en-GB')).toBe('en');
    expect(readerLanguage('xx', 'nb-NO')).toBe('nb');
  });

  it('writes formats in the reader\'s language with the clinic\'s region', () => {
    expect(formatLocaleFor('nb', 'nb-NO')).toBe('nb-NO');
    expect(formatLocaleFor('en', 'en-GB')).toBe('en-GB');
    const enNo = formatLocaleFor('en', 'nb-NO');
    // en-NO where the runtime has it, else English in European form on a 24-hour clock.
    expect(['en-NO', 'en-GB-u-hc-h23']).toContain(enNo);
    expect(new Intl.DateTimeFormat(enNo, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(new Date('2026-12-02T13:05:00Z'))).toBe('13:05');
  });

  it('gives a new clinic the locale of its country in the language it works in', () => {
    expect(clinicLocaleFor('NO', '')).toBe('nb-NO');
    expect(clinicLocaleFor('NO', 'nb')).toBe('nb-NO');
    expect(clinicLocaleFor('NO', 'en')).toBe('en-NO');
    expect(clinicLocaleFor('GB', 'nb')).toBe('nb-GB');
    expect(clinicLocaleFor('GB', '')).toBe('en-GB');
    expect(clinicLocaleFor('SE', '')).toBe('sv-SE');
    expect(languageOfLocale(clinicLocaleFor('SE', ''))).toBe('en');
  });

  it('reads the machine\'s language before setup, and the week\'s first day from the region', () => {
    expect(machineLanguage(['nb-NO', 'en-US'])).toBe('nb');
    expect(machineLanguage(['no'])).toBe('nb');
    expect(machineLanguage(['fr-FR', 'en-US'])).toBe('en');
    expect(machineLanguage([])).toBe('en');
    expect(firstDayOfWeek('nb-NO')).toBe(1);
    expect(firstDayOfWeek('en-US')).toBe(7);
  });
});
