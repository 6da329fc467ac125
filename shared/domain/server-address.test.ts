import { describe, expect, it } from 'vitest';
import { checkServerAddress } from './server-address.js';

describe('checkServerAddress', () => {
  it('accepts an address with or without http://, as its origin', () => {
    expect(checkServerAddress(' http://192.168.1.20:4318/ ')).toEqual({ ok: true, value: 'http://192.168.1.20:4318' });
    expect(checkServerAddress('sync.clinic.example')).toEqual({ ok: true, value: 'http://sync.clinic.example' });
  });
  it('refuses an empty or unusable address, naming the field', () => {
    expect(checkServerAddress('')).toMatchObject({ ok: false, message: "Enter the sync server's address.", field: 'serverUrl' });
    expect(checkServerAddress('ftp://x.example')).toMatchObject({ ok: false, field: 'serverUrl' });
    expect(checkServerAddress('http://exa mple')).toMatchObject({ ok: false });
  });
});
