/** The body depth check: exact at the limit, and no recursion however deep the body. */
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './body-depth.js';

const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan(1, 0)).toBe(false);
    expect(nestsDeeperThan([], 0)).toBe(true);
    expect(nestsDeeperThan([{ a: [1] }], 3)).toBe(false);
    expect(nestsDeeperThan([{ a: [[1]] }], 3)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(1_000_000), 32)).toBe(true);
  });

  it('does not walk a raw body (the webhook\'s Buffer)', () => {
    expect(nestsDeeperThan(Buffer.from('[[[[]]]]'), 0)).toBe(false);
  });
});
