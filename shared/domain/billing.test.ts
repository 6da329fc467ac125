import { describe, it, expect } from 'vitest';
import { BILLING_LABELS, clinicDefaultBilling, createsDraftInvoice, draftInvoiceForBooking, resolveBilling, type BillingChoice } from './billing.js';
import { TEST_DESK } from '../test-support/test-clinic.js';
import { createTranslator, inEnglish } from '../i18n/translator.js';

const ACTIVATED = '2026-01-01T00:00:00.000Z';
const AFTER = '2026-03-01T09:00:00.000Z';
const BEFORE = '2025-12-31T23:59:59.999Z';

const automatic = { billingProcess: 'automatic', manualCreateDraft: true, invoicingActivatedAt: ACTIVATED } as const;
const automaticNoDraft = { billingProcess: 'automatic', manualCreateDraft: false, invoicingActivatedAt: ACTIVATED } as const;
const manualDraft = { billingProcess: 'manual', manualCreateDraft: true, invoicingActivatedAt: ACTIVATED } as const;
const manualNoDraft = { billingProcess: 'manual', manualCreateDraft: false, invoicingActivatedAt: ACTIVATED } as const;

describe('resolveBilling', () => {
  it('follows the clinic default', () => {
    expect(resolveBilling(automatic, 'clinic-default', AFTER)).toBe('automatic');
    expect(resolveBilling(automaticNoDraft, 'clinic-default', AFTER)).toBe('automatic');
    expect(resolveBilling(manualDraft, 'clinic-default', AFTER)).toBe('manual');
    expect(resolveBilling(manualNoDraft, 'clinic-default', AFTER)).toBe('external');
  });

  it.each([automatic, automaticNoDraft, manualDraft, manualNoDraft])('lets a booking override the clinic default (%o)', (settings) => {
    expect(resolveBilling(settings, 'automatic', AFTER)).toBe('automatic');
    expect(resolveBilling(settings, 'manual', AFTER)).toBe('manual');
    expect(resolveBilling(settings, 'external', AFTER)).toBe('external');
  });

  it('bills bookings made before invoicing was activated externally, whatever was chosen', () => {
    const choices: BillingChoice[] = ['clinic-default', 'automatic', 'manual', 'external'];
    for (const settings of [automatic, automaticNoDraft, manualDraft, manualNoDraft]) {
      for (const choice of choices) {
        expect(resolveBilling(settings, choice, BEFORE)).toBe('external');
      }
    }
  });

  it('a booking made at the moment of activation is invoiced', () => {
    expect(resolveBilling(automatic, 'clinic-default', ACTIVATED)).toBe('automatic');
  });

  it('clinicDefaultBilling names the default as a mode', () => {
    expect(clinicDefaultBilling(automatic)).toBe('automatic');
    expect(clinicDefaultBilling(manualDraft)).toBe('manual');
    expect(clinicDefaultBilling(manualNoDraft)).toBe('external');
  });

  it('only external bookings go without a draft invoice', () => {
    expect(createsDraftInvoice('automatic')).toBe(true);
    expect(createsDraftInvoice('manual')).toBe(true);
    expect(createsDraftInvoice('external')).toBe(false);
  });

  it('labels the modes for the booking form', () => {
    const words = (read: (id: (typeof BILLING_LABELS)[keyof typeof BILLING_LABELS]) => string) =>
      Object.fromEntries(Object.entries(BILLING_LABELS).map(([mode, id]) => [mode, read(id)]));
    expect(words((id) => inEnglish(id))).toEqual({ automatic: 'Automatic', manual: 'Manual', external: 'Externally billed' });
    const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
    expect(words((id) => nb.t(id))).toEqual({ automatic: 'Automatisk', manual: 'Manuell', external: 'Fakturert eksternt' });
  });
});

describe('draftInvoiceForBooking', () => {
  const service = { id: 'svc-1', name: 'Consultation', priceMinor: 75_000, vatRateBp: 2_500 };
  const now = '2026-03-01T09:00:00.000Z';

  it('makes one draft line from the service price and VAT', () => {
    const invoice = draftInvoiceForBooking({ id: 'bk-1', clientId: 'cl-1', start: '2026-03-02T09:00:00.000Z' }, service, { currency: 'NOK', timeZone: 'Europe/Oslo' }, 'inv-1', { actor: 'desk', desk: TEST_DESK, now });
    const { lines, ...rest } = invoice;
    expect(rest).toEqual({
      id: 'inv-1', kind: 'invoice', status: 'draft', clientId: 'cl-1', bookingId: 'bk-1', creditsInvoiceId: '',
      currency: 'NOK', number: 0, invoiceDate: '', dueDate: '', completedAt: '', serviceDate: '2026-03-02',
      createdAt: now, updatedAt: now, updatedBy: 'desk', deskId: TEST_DESK,
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toEqual({
      id: expect.any(String), serviceId: 'svc-1', description: 'Consultation',
      quantity: 1, unitPriceMinor: 75_000, discountBp: 0, vatRateBp: 2_500,
    });
    expect(line!.id).not.toBe('');
  });

  it('gives each line a fresh id', () => {
    const a = draftInvoiceForBooking({ id: 'bk-1', clientId: 'cl-1', start: '2026-03-02T09:00:00.000Z' }, service, { currency: 'GBP', timeZone: 'Europe/London' }, 'inv-1', { actor: 'desk', desk: TEST_DESK, now });
    const b = draftInvoiceForBooking({ id: 'bk-1', clientId: 'cl-1', start: '2026-03-02T09:00:00.000Z' }, service, { currency: 'GBP', timeZone: 'Europe/London' }, 'inv-1', { actor: 'desk', desk: TEST_DESK, now });
    expect(a.lines[0]!.id).not.toBe(b.lines[0]!.id);
    expect(a.currency).toBe('GBP');
  });
});
