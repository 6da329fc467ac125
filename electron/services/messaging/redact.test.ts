import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.js';

const SECRET = 'hunter2-very-secret';

describe('redactSecrets', () => {
  it('removes the secret as it is, base64-encoded and URL-encoded', () => {
    const b64 = Buffer.from(SECRET).toString('base64');
    expect(redactSecrets(`bad password ${SECRET}; ${b64}; ${encodeURIComponent('p@ss word!')}`, [SECRET, 'p@ss word!']))
      .toBe('bad password [redacted]; [redacted]; [redacted]');
  });

  it('removes the secret from inside a longer base64 string at any byte alignment (AUTH PLAIN, Basic auth)', () => {
    for (let before = 0; before < 6; before++) {
      for (let after = 0; after < 3; after++) {
        const encoded = Buffer.from(`${'\0u'.repeat(before).slice(0, before)}${SECRET}${'x'.repeat(after)}`).toString('base64');
        const out = redactSecrets(`535 echo ${encoded}`, [SECRET]);
        expect(out).toContain('[redacted]');
        // At most the two characters at each edge, shared with the neighbours, remain.
        const removed = `535 echo ${encoded}`.length - out.replace('[redacted]', '').length;
        expect(removed).toBeGreaterThanOrEqual(Math.floor((SECRET.length * 8) / 6) - 2);
      }
    }
  });

  it('leaves text alone when there is no secret to hide', () => {
    expect(redactSecrets('550 No such user', ['', 'abc'])).toBe('550 No such user');
  });
});
