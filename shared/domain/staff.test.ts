import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STAFF_ROLES, type StaffRole } from '../schemas/staff.js';
import { checkKeepsAnAdmin, checkNameIsFree, checkStaff, wouldLeaveNoAdmin, type StaffInput } from './staff.js';

const RITA: StaffInput = { name: 'Rita Resepsjon', email: '', roles: ['reception'], isPractitioner: false, active: true };

describe('checkStaff', () => {
  it('tidies the name and email and stores roles in one order', () => {
    expect(checkStaff({ ...RITA, name: '  Rita   Resepsjon ', email: ' rita@clinic.no ', roles: ['reception', 'admin', 'reception'] })).toEqual({
      ok: true, value: { name: 'Rita Resepsjon', email: 'rita@clinic.no', roles: ['admin', 'reception'], isPractitioner: false, active: true },
    });
  });

  it.each([
    [{ name: ' ' }, 'name', 'The name is required.'],
    [{ name: 'x'.repeat(121) }, 'name', 'The name can be at most 120 characters.'],
    [{ email: 'rita@' }, 'email', '"rita@" is not a valid email address. Check it looks like name@example.com.'],
    [{ roles: [] }, 'roles', 'Choose at least one role for Rita Resepsjon.'],
    [{ roles: ['reception', 'owner'] }, 'roles', '"owner" is not a role. Choose from Admin, Billing, Reception and Practitioner.'],
    [{ language: 'xx' }, 'language', 'Choose one of the languages in the list.'],
  ] as const)('refuses %j on %s', (change, field, message) => {
    expect(checkStaff({ ...RITA, ...change })).toMatchObject({ ok: false, field, message });
  });

  it("keeps a catalogue's language or '' (the clinic's), and leaves language out when none is given", () => {
    const english = checkStaff({ ...RITA, language: 'en' });
    expect(english.ok && english.value.language).toBe('en');
    const clinics = checkStaff({ ...RITA, language: '' });
    expect(clinics.ok && clinics.value.language).toBe('');
    const untouched = checkStaff(RITA);
    expect(untouched.ok && 'language' in untouched.value).toBe(false);
  });
});

describe('the clinic keeps an active admin', () => {
  const astrid = { id: 'a', name: 'Astrid', roles: ['admin', 'billing'] as StaffRole[], active: true };
  const rita = { id: 'r', name: 'Rita', roles: ['reception'] as StaffRole[], active: true };

  it('refuses demoting or deactivating the only admin, on the field that did it', () => {
    expect(checkKeepsAnAdmin([astrid, rita], { ...astrid, roles: ['billing'] })).toMatchObject({
      ok: false, field: 'roles',
      message: "Astrid is the clinic's only active admin. Give someone else the admin role first, so someone can still change settings and staff.",
    });
    expect(checkKeepsAnAdmin([astrid, rita], { ...astrid, active: false })).toMatchObject({ ok: false, field: 'active' });
  });

  it('allows it once someone else is an active admin', () => {
    const withRitaAdmin = [astrid, { ...rita, roles: ['admin'] as StaffRole[] }];
    expect(checkKeepsAnAdmin(withRitaAdmin, { ...astrid, roles: ['billing'] })).toEqual({ ok: true, value: null });
    // An inactive admin does not count.
    expect(wouldLeaveNoAdmin([astrid, { ...rita, roles: ['admin'], active: false }], { ...astrid, active: false })).toBe(true);
  });

  it('never lets a run of changes reach zero active admins', () => {
    const roles = fc.subarray([...STAFF_ROLES], { minLength: 1 });
    const change = fc.record({ id: fc.constantFrom('s0', 's1', 's2', 's3', 'new'), roles, active: fc.boolean() });
    fc.assert(fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
      let staff = [{ id: 's0', roles: ['admin'] as StaffRole[], active: true }, { id: 's1', roles: ['reception'] as StaffRole[], active: true }];
      for (const c of changes) {
        if (wouldLeaveNoAdmin(staff, c)) continue;
        staff = [...staff.filter((s) => s.id !== c.id), c];
        expect(staff.some((s) => s.active && s.roles.includes('admin'))).toBe(true);
      }
    }));
  });

  it('refuses exactly the changes that would leave none', () => {
    const member = fc.record({ id: fc.constantFrom('s0', 's1', 's2'), roles: fc.subarray([...STAFF_ROLES], { minLength: 1 }), active: fc.boolean() });
    fc.assert(fc.property(fc.uniqueArray(member, { selector: (m) => m.id }), member, (staff, changed) => {
      const after = [...staff.filter((s) => s.id !== changed.id), changed];
      expect(wouldLeaveNoAdmin(staff, changed)).toBe(!after.some((s) => s.active && s.roles.includes('admin')));
    }));
  });
});

describe('checkNameIsFree', () => {
  const staff = [{ id: 'a', name: 'Astrid Solberg', active: true }, { id: 'o', name: 'Ola Old', active: false }];

  it('refuses a second active member with the same name, however it is spelt', () => {
    expect(checkNameIsFree(staff, { id: 'new', name: 'ASTRID SOLBERG', active: true })).toMatchObject({
      ok: false, field: 'name',
      message: 'There is already a staff member called ASTRID SOLBERG. Add a last name or an initial so people can tell them apart when signing in.',
    });
  });

  it('allows keeping one’s own name, and reusing the name of someone no longer active', () => {
    expect(checkNameIsFree(staff, { id: 'a', name: 'Astrid Solberg', active: true }).ok).toBe(true);
    expect(checkNameIsFree(staff, { id: 'new', name: 'Ola Old', active: true }).ok).toBe(true);
  });
});
