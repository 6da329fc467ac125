/** Which enrolment-limit bucket a caller's address falls in. */
import { describe, expect, it } from 'vitest';
import { addressBucket } from './client-address.js';

describe('addressBucket', () => {
  it('keeps an IPv4 address, also when it comes IPv4-mapped', () => {
    expect(addressBucket('192.168.1.20')).toBe('address 192.168.1.20');
    expect(addressBucket('::ffff:192.168.1.20')).toBe('address 192.168.1.20');
    expect(addressBucket('192.168.1.21')).not.toBe(addressBucket('192.168.1.20'));
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const bucket = addressBucket('2001:db8:0:7::1');
    expect(bucket).toBe('address 2001:db8:0:7::/64');
    for (const same of ['2001:0db8:0000:0007:ffff:1:2:3', '2001:db8::7:abcd:0:0:1', '2001:db8:0:7::1%eth0', '2001:db8:0:7:0:0:10.0.0.1']) {
      expect(addressBucket(same), same).toBe(bucket);
    }
    expect(addressBucket('2001:db8:0:8::1')).toBe('address 2001:db8:0:8::/64');
    expect(addressBucket('::1')).toBe('address 0:0:0:0::/64');
  });
});
