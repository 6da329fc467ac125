import { describe, expect, it } from 'vitest';
import { parseStoredText, storedText } from './stored-text.js';
import { moneyValue, text } from './text.js';

describe('a stored Text', () => {
  it('comes back as it was stored', () => {
    const t = text('error.withDetail', { detail: moneyValue(45000, 'NOK') });
    expect(parseStoredText(storedText(t))).toEqual(t);
    expect(parseStoredText(storedText(text('common.cancel')))).toEqual({ id: 'common.cancel' });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown id', JSON.stringify({ id: 'no.such' })],
    ['an extra key', JSON.stringify({ id: 'common.cancel', html: '<b>' })],
    ['a value of no known kind', JSON.stringify({ id: 'error.withDetail', values: { detail: { evil: 1 } } })],
    ['a bad currency', JSON.stringify({ id: 'error.withDetail', values: { detail: { money: 1, currency: 'XXX' } } })],
    ['a day that is no day', JSON.stringify({ id: 'error.withDetail', values: { detail: { day: '2024-99-99' } } })],
    ['an instant that is no instant', JSON.stringify({ id: 'error.withDetail', values: { detail: { at: '2024-13-45T99:00:00Z' } } })],
    ['a float amount', JSON.stringify({ id: 'error.withDetail', values: { detail: { money: 1.5, currency: 'NOK' } } })],
    ['a bad value name', JSON.stringify({ id: 'error.withDetail', values: { 'de tail': 'x' } })],
    ['an array', JSON.stringify([{ id: 'common.cancel' }])],
    ['too deep', JSON.stringify({ id: 'error.withDetail', values: { detail: { id: 'error.withDetail', values: { detail: { id: 'error.withDetail', values: { detail: { id: 'common.cancel' } } } } } } })],
    ['too long', 'x'.repeat(2001)],
    ['not a string', 42],
  ])('is refused when it is %s', (_label, stored) => {
    expect(parseStoredText(stored)).toBeNull();
  });
});

describe('storedText', () => {
  it('keeps outside words readable however long they are: a long error is cut, never lost to the English', () => {
    const long = 'Connection refused by smtp.example.net: '.repeat(30);
    const stored = storedText(text('msg.problem.linkNotCreated', { error: long }));
    const read = parseStoredText(stored);
    expect(read?.id).toBe('msg.problem.linkNotCreated');
    const error = read?.values?.error as string;
    expect(error.length).toBe(500);
    expect(error.endsWith('…')).toBe(true);
    expect(long.startsWith(error.slice(0, -1))).toBe(true);
    // Nested Texts too.
    const nested = parseStoredText(storedText(text('msg.problem.channel', { channel: 'email', detail: text('msg.detail.verbatim', { detail: long }) })));
    expect(nested).not.toBeNull();
  });
});
