import { describe, expect, it } from 'vitest';
import { staffChangePermission } from './staff-permissions.js';

const SECRET = { kind: 'pin', scheme: 'scrypt:N=32768,r=8,p=1', salt: 's', hash: 'h', setAt: '2026-03-02T10:00:00.000Z' };
const stored = { id: 'st-rec', name: 'Rita', roles: ['reception'], active: true, updatedBy: 'st-admin', updatedAt: '2026-03-01T10:00:00.000Z', deskId: 'desk-1' };
const stamp = { updatedBy: 'st-rec', updatedAt: '2026-03-02T10:00:00.000Z', deskId: 'desk-2' };

describe('staff change permissions', () => {
  it('lets a staff member choose or change their own secret and nothing else', () => {
    expect(staffChangePermission(stored, { ...stored, ...stamp, secret: SECRET }, 'st-rec')).toBe('book');
    const withSecret = { ...stored, secret: SECRET };
    expect(staffChangePermission(withSecret, { ...withSecret, ...stamp, secret: { ...SECRET, hash: 'h2' } }, 'st-rec')).toBe('book');
  });

  it('lets a staff member choose their own screen language and nothing else', () => {
    expect(staffChangePermission(stored, { ...stored, ...stamp, language: 'en' }, 'st-rec')).toBe('book');
    expect(staffChangePermission({ ...stored, language: 'en' }, { ...stored, ...stamp, language: '' }, 'st-rec')).toBe('book');
    // Someone else's language, or one's own name or roles beside it, are an admin's.
    expect(staffChangePermission(stored, { ...stored, ...stamp, updatedBy: 'st-other', language: 'en' }, 'st-other')).toBe('admin');
    expect(staffChangePermission(stored, { ...stored, ...stamp, language: 'en', roles: ['admin'] }, 'st-rec')).toBe('admin');
    expect(staffChangePermission(stored, { ...stored, ...stamp, language: 'en', name: 'Boss' }, 'st-rec')).toBe('admin');
    expect(staffChangePermission({ ...stored, active: false }, { ...stored, ...stamp, active: false, language: 'en' }, 'st-rec')).toBe('admin');
  });

  it('leaves everything else to an admin', () => {
    // Someone else's secret, one's own roles beside the secret, a removed secret, a new or deleted member.
    expect(staffChangePermission(stored, { ...stored, ...stamp, updatedBy: 'st-other', secret: SECRET }, 'st-other')).toBe('admin');
    expect(staffChangePermission(stored, { ...stored, ...stamp, secret: SECRET, roles: ['admin'] }, 'st-rec')).toBe('admin');
    expect(staffChangePermission({ ...stored, secret: SECRET }, { ...stored, ...stamp }, 'st-rec')).toBe('admin');
    expect(staffChangePermission(null, { ...stored, ...stamp, secret: SECRET }, 'st-rec')).toBe('admin');
    expect(staffChangePermission(stored, { ...stored, ...stamp, secret: SECRET, _deleted: true }, 'st-rec')).toBe('admin');
    expect(staffChangePermission({ ...stored, active: false }, { ...stored, ...stamp, active: false, secret: SECRET }, 'st-rec')).toBe('admin');
  });
});
