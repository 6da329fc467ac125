import { describe, expect, it } from 'vitest';
import { parseRequestId } from '../contract/channels.js';
import { newOperationId, OPERATION_PARTS, partId, type OperationPart } from './operations.js';

describe('operation ids', () => {
  it('derive the same id for the same part of the same operation, and ids any channel takes', () => {
    const operation = newOperationId();
    for (const part of Object.keys(OPERATION_PARTS) as OperationPart[]) {
      const id = partId({ operation }, part);
      expect(partId({ operation }, part)).toBe(id);
      expect(id.length).toBeLessThanOrEqual(40);
      // A payment request's id goes to main (the contract), into the sandbox's URL and to Stripe.
      expect(parseRequestId({ requestId: id })).toEqual({ requestId: id });
    }
    expect(new Set((Object.keys(OPERATION_PARTS) as OperationPart[]).map((p) => partId({ operation }, p))).size).toBe(Object.keys(OPERATION_PARTS).length);
  });

  it('makes a fresh id without an operation, and refuses an operation id the desk did not make', () => {
    expect(partId({}, 'payment')).not.toBe(partId({}, 'payment'));
    expect(() => partId({ operation: '../../etc' }, 'payment')).toThrow(/UUID/);
  });
});
