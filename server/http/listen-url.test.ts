/** Which listening hosts only this machine can reach (the rest get a warning without TLS). */
import { describe, expect, it } from 'vitest';
import { loopbackOnly } from './listen-url.js';

describe('loopbackOnly', () => {
  it('is true for loopback addresses only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) expect(loopbackOnly(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '', '192.168.1.20', 'sync.clinic.lan', '127.0.0.1.example.com']) expect(loopbackOnly(host), host).toBe(false);
  });
});
