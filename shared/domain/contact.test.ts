/** Which channels reach a client: the one rule the Automatic links and the chasing both use. */
import { describe, expect, it } from 'vitest';
import { reachableChannels } from './contact.js';

describe('reachableChannels', () => {
  it('offers email and SMS only where the address or number is valid', () => {
    expect(reachableChannels({ email: 'ingrid@example.com', phone: '+47 912 34 567' })).toEqual(['email', 'sms']);
    expect(reachableChannels({ email: 'ingrid@', phone: '' })).toEqual([]);
    expect(reachableChannels({ email: '', phone: '912 34 567' })).toEqual(['sms']);
    expect(reachableChannels({ email: 'ingrid@example.com', phone: 'call reception' })).toEqual(['email']);
    expect(reachableChannels(null)).toEqual([]);
  });
});
