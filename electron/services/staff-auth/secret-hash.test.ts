import { describe, expect, it } from 'vitest';
import { hashSecret, parseScheme, verifySecret } from './secret-hash.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('staff secret hashes', () => {
  it('matches the right secret only, with a fresh salt each time', async () => {
    const a = await hashSecret('482917', FAST);
    const b = await hashSecret('482917', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(a.scheme).toBe('scrypt:N=1024,r=8,p=1');
    expect(await verifySecret('482917', a)).toBe(true);
    expect(await verifySecret('482918', a)).toBe(false);
    expect(await verifySecret('', a)).toBe(false);
  });

  it('uses the slow parameters by default', async () => {
    const stored = await hashSecret('correct horse');
    expect(stored.scheme).toBe('scrypt:N=32768,r=8,p=1');
    expect(await verifySecret('correct horse', stored)).toBe(true);
  });

  it('treats the same characters typed in different Unicode forms as one secret', async () => {
    const stored = await hashSecret('blåbærsyltetøy', FAST);
    expect(await verifySecret('bla\u030Abærsyltetøy', stored)).toBe(true);
  });

  it('never computes a hostile scheme and never matches a malformed hash', async () => {
    for (const scheme of ['scrypt:N=1073741824,r=8,p=1', 'scrypt:N=1000,r=8,p=1', 'scrypt:N=1024,r=99,p=1', 'scrypt:N=1024,r=8,p=0', 'bcrypt:12', 'scrypt:N=1024,r=8,p=1 ']) {
      expect(parseScheme(scheme), scheme).toBeNull();
    }
    const good = await hashSecret('482917', FAST);
    expect(await verifySecret('482917', { ...good, scheme: 'scrypt:N=1073741824,r=8,p=1' })).toBe(false);
    expect(await verifySecret('482917', { ...good, hash: good.hash.slice(0, 20) })).toBe(false);
    expect(await verifySecret('482917', { ...good, salt: '' })).toBe(false);
  });
});
