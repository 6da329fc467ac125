/**
 * Settings as each person sees it, rendered to HTML (no browser here): everyone reads
 * the same values; only an admin is offered Edit and Add. The data layer's own refusals
 * are tested in shared/db; the e2e suite clicks through the forms.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DeskContext, SettingsContext, type Desk } from '../../app/desk-context.js';
import { SessionContext } from '../../app/session.js';
import { checkSetup } from '../../../shared/domain/setup.js';
import type { StaffDoc } from '../../../shared/schemas/index.js';
import { SettingsScreen } from './SettingsScreen.js';
import { BillingSettingsDialog } from './BillingSettingsDialog.js';
import { StaffDialog } from './StaffDialog.js';
import { TEST_DESK } from '../../../shared/test-support/test-clinic.js';

const setup = checkSetup({
  clinicName: 'Fjordside Fysioterapi', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Solberg',
  service: { name: 'Konsultasjon', durationMinutes: '45', price: '750', vatRate: '0' },
}, '2026-01-01T08:00:00.000Z', TEST_DESK);
if (!setup.ok) throw new Error(setup.message);
const { settings, practitioner: astrid } = setup.value;
const rita: StaffDoc = { ...astrid, id: 'st-rita', name: 'Rita Resepsjon', roles: ['reception'], isPractitioner: false };

// Only effects touch the database or main, and server rendering runs none.
const desk = { db: {}, main: {}, info: null, syncConfig: null } as unknown as Desk;

function render(staff: StaffDoc, screen: ReturnType<typeof createElement> = createElement(SettingsScreen)): string {
  const session = { staff, signOut: () => undefined };
  return renderToStaticMarkup(
    createElement(DeskContext.Provider, { value: desk },
      createElement(SettingsContext.Provider, { value: { ...settings, paymentTermsDays: 30 } },
        createElement(SessionContext.Provider, { value: session }, screen))),
  );
}
const close = { onClose: () => undefined, onSaved: () => undefined };

const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => {
  const label = /aria-label="([^"]*)"/.exec(m[0]);
  return label ? label[1] : m[1];
});

describe('SettingsScreen', () => {
  it('offers an admin Edit on billing and invoice details, and Add on staff', () => {
    const html = render(astrid);
    expect(buttons(html)).toEqual(expect.arrayContaining(['Edit billing settings', 'Edit invoice details', 'Add staff member']));
  });

  it('shows a receptionist the same settings with nothing to change', () => {
    const html = render(rita);
    expect(html).toContain('<dt>Payment terms</dt><dd>30 days</dd>');
    expect(html).toContain('<dt>Legal name</dt><dd>Fjordside Fysioterapi</dd>');
    expect(buttons(html).filter((b) => /^(Edit|Add staff member)/.test(b ?? ''))).toEqual([]);
  });

  it('offers nothing to an admin who is no longer active', () => {
    const html = render({ ...astrid, active: false });
    expect(buttons(html).filter((b) => /^(Edit|Add staff member)/.test(b ?? ''))).toEqual([]);
  });
});

describe('the edit forms', () => {
  it('start from the stored billing settings, VAT rates written as an admin would type them', () => {
    const html = render(astrid, createElement(BillingSettingsDialog, close));
    expect(html).toMatch(/name="paymentTermsDays" value="30"/);
    expect(html).toMatch(/name="vatRates" value="25, 15, 12, 0"/);
    expect(html).toMatch(/name="linkDelayMinutes" value="15"/);
    expect(html).toMatch(/<input type="radio" name="billingProcess" checked="" value="automatic"\/>/);
  });

  it("start from the staff member's roles, with Active offered only when changing someone", () => {
    const editing = render(astrid, createElement(StaffDialog, { ...close, member: rita }));
    expect([...editing.matchAll(/name="roles" checked="" value="(\w+)"/g)].map((m) => m[1])).toEqual(['reception']);
    expect(editing).toContain('name="active" checked=""');
    expect(render(astrid, createElement(StaffDialog, { ...close, member: null }))).not.toContain('name="active"');
  });

  it("start from the staff member's screen language, and a new member's from the clinic's", () => {
    const options = (html: string) => /<select name="language"[^>]*>(.*?)<\/select>/.exec(html)?.[1];
    expect(options(render(astrid, createElement(StaffDialog, { ...close, member: { ...rita, language: 'en' } })))).toContain('<option value="en" lang="en" selected="">English</option>');
    const adding = options(render(astrid, createElement(StaffDialog, { ...close, member: null })));
    expect(adding).toMatch(/^<option value="" selected="">[^<]+ \(the clinic&#x27;s\)<\/option>/);
    expect(adding).toContain('<option value="nb" lang="nb">Norsk bokmål</option>');
  });
});
