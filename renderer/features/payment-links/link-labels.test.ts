import { describe, expect, it } from 'vitest';
import { currentRequest, linkStateText, requestPurposeText } from './link-labels.js';

describe('payment link labels', () => {
  it('read the same wherever a request is shown', () => {
    expect(linkStateText({ status: 'sent', purpose: 'payment_link' })).toBe('Link sent');
    expect(linkStateText({ status: 'sent', purpose: 'debt_collection' })).toBe('Marked');
    expect(requestPurposeText({ purpose: 'payment_link' })).toBe('Payment link');
    expect(requestPurposeText({ purpose: 'reminder' })).toBe('Reminder');
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
