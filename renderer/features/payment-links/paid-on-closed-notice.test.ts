/**
 * Money on a cancelled, replaced or expired link is shown to staff beside the link, in
 * words a receptionist acts on; an ordinary problem or an open link shows no notice.
 */
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { nextLinkRequestState } from '../../../shared/domain/link-request-status.js';
import type { PaymentRequestDoc } from '../../../shared/schemas/index.js';
import { PaidOnClosedNotice } from './PaidOnClosedNotice.js';

const paidOn = (status: 'cancelled' | 'superseded' | 'expired') => nextLinkRequestState({ status, problem: '', providerRef: 'cs_1' }, { type: 'succeeded', providerRef: 'cs_1' });
const render = (request: Pick<PaymentRequestDoc, 'status' | 'problem'>) =>
  renderToStaticMarkup(createElement(PaidOnClosedNotice, { request }));

describe('the paid-on-closed-link notice', () => {
  it('tells staff the link was paid after it closed, and what to do', () => {
    const html = render(paidOn('cancelled'));
    expect(html).toContain('role="status"');
    expect(html).toContain('Paid on a link that was cancelled — refund it or keep it as credit.');
    expect(html).toContain("refund it from the client&#x27;s Ledger, or leave it for their next visit");
    expect(render(paidOn('superseded'))).toContain('Paid on a link that was replaced by a newer one');
    expect(render(paidOn('expired'))).toContain('Paid on a link that had expired');
  });

  it('shows nothing for an open or paid link, or a closed one with another problem', () => {
    expect(render({ status: 'paid', problem: '' })).toBe('');
    expect(render({ status: 'sent', problem: 'The payment failed: declined' })).toBe('');
    expect(render({ status: 'cancelled', problem: 'Paid in another way.' })).toBe('');
    // The notice of another status does not count.
    expect(render({ status: 'expired', problem: paidOn('cancelled').problem })).toBe('');
  });
});
