/**
 * Money on a cancelled, replaced or expired link is shown to staff beside the link; an
 * ordinary problem or an open link shows no notice.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { nextLinkRequestState } from '../../../shared/domain/link-request-status.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { PaidOnClosedNotice } from './PaidOnClosedNotice.js';

const paidOn = (status: 'cancelled' | 'superseded' | 'expired') => nextLinkRequestState({ status, problem: '', providerRef: 'cs_1' }, { type: 'succeeded', providerRef: 'cs_1' });
const render = (request: Pick<PaymentRequestDoc, 'status' | 'problem'>) =>
  renderToStaticMarkup(createElement(PaidOnClosedNotice, { request: { id: 'pr-1', invoiceId: 'inv-1', clientId: 'c-1', ...request } }));

describe('the paid-on-closed-link notice', () => {
  // Its actions (Refund to card, Keep as credit) need the desk: e2e/paid-on-closed-link.spec.ts.
  it('shows nothing for an open or paid link, or a closed one with another problem', () => {
    expect(render({ status: 'paid', problem: '' })).toBe('');
    expect(render({ status: 'sent', problem: 'The payment failed: declined' })).toBe('');
    expect(render({ status: 'cancelled', problem: 'Paid in another way.' })).toBe('');
    // The notice of another status does not count.
    expect(render({ status: 'expired', problem: paidOn('cancelled').problem })).toBe('');
  });
});
