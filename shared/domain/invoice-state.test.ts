import { describe, expect, it } from 'vitest';
import { shownInvoiceState, wentByNoChannel } from './invoice-state.js';

const marker = { purpose: 'debt_collection' as const, status: 'sent' as const, channels: [] };
const reminder = { purpose: 'reminder' as const, status: 'sent' as const, channels: ['email' as const] };

describe('the state an invoice is shown in', () => {
  it('is ready for debt collection once marked, while it is still owed', () => {
    expect(shownInvoiceState({ state: 'part_paid', balanceMinor: 45_000 }, [reminder, marker])).toBe('debt_collection');
    expect(shownInvoiceState({ state: 'unpaid', balanceMinor: 45_000 }, [reminder])).toBe('unpaid');
    // Paid after the marking: paid.
    expect(shownInvoiceState({ state: 'paid', balanceMinor: 0 }, [marker])).toBe('paid');
    expect(shownInvoiceState({ state: 'credited', balanceMinor: 0 }, [marker])).toBe('credited');
  });

  it('knows a step that went by no channel', () => {
    expect(wentByNoChannel(marker)).toBe(true);
    expect(wentByNoChannel({ purpose: 'reminder', channels: [] })).toBe(true);
    expect(wentByNoChannel(reminder)).toBe(false);
    expect(wentByNoChannel({ purpose: 'payment_link', channels: [] })).toBe(false);
  });
});
