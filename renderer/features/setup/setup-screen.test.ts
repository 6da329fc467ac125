/**
 * The first-run form as a new desk shows it, rendered to HTML (no browser here): it proposes
 * the machine's time zone (UTC too) and a country, whose locale becomes the clinic's. The e2e
 * suite fills it in and submits it.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DeskContext, type Desk } from '../../app/desk-context.js';
import { ReaderLanguage } from '../../app/language.js';
import { checkSetup } from '../../../shared/domain/setup.js';
import { DEFAULT_LOCALE } from '../../../shared/domain/money.js';
import { TEST_DESK } from '../../../shared/test-support/test-clinic.js';
import { SetupScreen } from './SetupScreen.js';

// Only effects and the submit touch the database or main, and server rendering runs neither.
const desk = { db: {}, main: {}, info: null, syncConfig: null } as unknown as Desk;
const render = (clinicLocale?: string) => {
  const screen = createElement(DeskContext.Provider, { value: desk }, createElement(SetupScreen));
  return renderToStaticMarkup(clinicLocale ? createElement(ReaderLanguage, { clinicLocale, timeZone: 'Europe/Oslo', children: screen }) : screen);
};
const selected = (html: string, name: string) => new RegExp(`<select[^>]*name="${name}"[^>]*>.*?</select>`).exec(html)?.[0].match(/<option value="([^"]*)" selected=""/)?.[1];

describe('the setup form', () => {
  it("offers UTC among the time zones and proposes the machine's zone", () => {
    const html = render();
    expect(html).toMatch(/<option value="UTC"( selected="")?>UTC<\/option>/);
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(selected(html, 'timeZone')).toBe(machine);
  });

  it('proposes a country, named in the reader\'s language, whose locale the clinic gets', () => {
    const html = render();
    expect(selected(html, 'country')).toMatch(/^[A-Z]{2}$/);
    expect(html).toMatch(/<option value="NO"( selected="")?>Norway<\/option>/);
    expect(render('nb-NO')).toMatch(/<option value="NO"( selected="")?>Norge<\/option>/);
    expect(render('nb-NO')).toContain('Sett opp klinikken');
  });

  it('keeps the English labels the e2e page model finds', () => {
    const html = render();
    for (const label of ['Clinic name', 'Country', 'Currency', 'Time zone', "Practitioner&#x27;s name", 'Service name', 'Duration (minutes)', 'Price incl. VAT (NOK)', 'VAT rate (%)', 'Password', 'The password again', 'Start using the desk']) {
      expect(html, label).toContain(label);
    }
  });
});

describe("the clinic's locale", () => {
  const input = {
    clinicName: 'Fjordside Fysioterapi', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
    service: { name: 'Konsultasjon', durationMinutes: '45', price: '750', vatRate: '0' },
  };
  const localeOf = (locale?: string) => {
    const r = checkSetup(locale === undefined ? input : { ...input, locale }, '2026-01-01T08:00:00.000Z', TEST_DESK);
    if (!r.ok) throw new Error(r.message);
    return r.value.settings.locale;
  };

  it("is the country's, and the currency's default when none or no locale is given", () => {
    expect(localeOf('en-GB')).toBe('en-GB');
    expect(localeOf('nb-no')).toBe('nb-NO');
    expect(localeOf()).toBe(DEFAULT_LOCALE.NOK);
    expect(localeOf('not a locale')).toBe(DEFAULT_LOCALE.NOK);
  });
});
