import { describe, expect, it } from 'vitest';
import { PendingChanges } from './pending-changes.js';

describe('PendingChanges', () => {
  it('counts local writes until a push of their latest state succeeds', () => {
    const p = new PendingChanges();
    p.mark('bookings', 'a');
    p.mark('bookings', 'b');
    p.mark('payments', 'a');
    expect(p.count$.value).toBe(3);
    const snap = p.snapshot('bookings', ['a', 'b']);
    p.mark('bookings', 'b'); // changed again while the push was in flight
    p.settle('bookings', snap);
    expect(p.count$.value).toBe(2); // bookings/b and payments/a still wait
  });
});
