import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { currentRequest, linkStateText, requestPurposeText } from './link-labels.js';

const en = createTranslator({ language: 'en', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });

describe('payment link labels', () => {
  it('read the same wherever a request is shown', () => {
    expect(linkStateText({ status: 'sent', purpose: 'payment_link' }, en)).toBe('Link sent');
    expect(linkStateText({ status: 'sent', purpose: 'debt_collection' }, en)).toBe('Marked');
    expect(requestPurposeText({ purpose: 'payment_link' }, en)).toBe('Payment link');
    expect(requestPurposeText({ purpose: 'reminder' }, en)).toBe('Reminder');
  });

  it('read in bokmål for a Norwegian desk', () => {
    expect(linkStateText({ status: 'sent', purpose: 'payment_link' }, nb)).toBe('Lenke sendt');
    expect(linkStateText({ status: 'superseded', purpose: 'payment_link' }, nb)).toBe('Erstattet av en nyere lenke');
    expect(requestPurposeText({ purpose: 'payment_link' }, nb)).toBe('Betalingslenke');
  });

  it("take an invoice's newest request that still means something", () => {
    const r = (id: string, status: 'sent' | 'paid' | 'superseded' | 'cancelled' | 'expired') => ({ id, status, purpose: 'payment_link' as const });
    expect(currentRequest([r('new', 'superseded'), r('old', 'sent')])?.id).toBe('old');
    expect(currentRequest([r('new', 'cancelled'), r('old', 'expired')])?.id).toBe('old');
    expect(currentRequest([r('new', 'paid'), r('old', 'expired')])?.id).toBe('new');
    expect(currentRequest([r('only', 'cancelled')])).toBeUndefined();
    expect(currentRequest([])).toBeUndefined();
  });
});
