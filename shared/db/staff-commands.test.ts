import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRACTITIONER_COLORS } from '../domain/setup.js';
import { RefusedError } from '../domain/result.js';
import type { StaffInput } from '../domain/staff.js';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { addStaff, updateStaff } from './staff-commands.js';
import { summaryOf } from './activity-log.js';
import { createTranslator } from '../i18n/translator.js';

const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
/** A log entry as a reader in bokmål sees it. */
const inBokmal = (entry: Parameters<typeof summaryOf>[0]) => {
  const summary = summaryOf(entry);
  return typeof summary === 'string' ? summary : nb.t(summary);
};

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let reception: string;

const ctx = (actor = admin) => ({ actor, synced: false, desk: TEST_DESK, now: NOW });
const ASTRID: StaffInput = { name: 'Astrid Solberg', email: '', roles: ['admin', 'billing', 'practitioner'], isPractitioner: true, active: true };
const MARTE: StaffInput = { name: 'Marte Lie', email: 'marte@fjordside.no', roles: ['practitioner'], isPractitioner: true, active: true };

beforeEach(async () => {
  ({ db, admin, reception } = await openTestClinic('staff'));
});

afterEach(async () => {
  await db.close();
});

async function snapshot() {
  const staff = (await db.staff.find().exec()).map((d) => d.toMutableJSON()).sort((a, b) => a.id.localeCompare(b.id));
  return { staff, activity: await db.activity.count().exec() };
}

async function refusal(p: Promise<unknown>): Promise<RefusedError> {
  return p.then(() => { throw new Error('expected a refusal'); }, (e: unknown) => {
    expect(e).toBeInstanceOf(RefusedError);
    return e as RefusedError;
  });
}

describe('addStaff', () => {
  it('adds a checked member after the others, in a colour nobody active uses, and logs it', async () => {
    const marte = await addStaff(db, { ...MARTE, name: ' Marte  Lie ' }, ctx());
    expect(marte).toMatchObject({
      name: 'Marte Lie', email: 'marte@fjordside.no', roles: ['practitioner'], isPractitioner: true, active: true,
      sortKey: 6, color: PRACTITIONER_COLORS[1], createdAt: NOW, updatedAt: NOW, updatedBy: admin,
    });
    expect((await db.staff.findOne(marte.id).exec())!.toMutableJSON()).toEqual(marte);
    const log = await db.activity.find({ selector: { entityId: marte.id } }).exec();
    expect(log.map((e) => [e.entity, e.action, e.summary, e.by])).toEqual([['staff', 'staff.added', 'Added Marte Lie (Practitioner)', admin]]);
    expect(inBokmal(log[0]!)).toBe('La til Marte Lie (Behandler)');
  });

  it('adds a member with the screen language an admin chose for them', async () => {
    const marte = await addStaff(db, { ...MARTE, language: 'en' }, ctx());
    expect((await db.staff.findOne(marte.id).exec())!.language).toBe('en');
  });

  it('refuses a receptionist with the exact message and writes nothing', async () => {
    const before = await snapshot();
    const err = await refusal(addStaff(db, MARTE, ctx(reception)));
    expect(err.message).toBe('Rita Resepsjon does not have the admin permission needed to add staff members. Ask someone with admin rights.');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input on its field and writes nothing', async () => {
    const before = await snapshot();
    const cases: [StaffInput, string, string][] = [
      [{ ...MARTE, name: '' }, 'name', 'The name is required.'],
      [{ ...MARTE, email: 'marte@' }, 'email', '"marte@" is not a valid email address. Check it looks like name@example.com.'],
      [{ ...MARTE, roles: [] }, 'roles', 'Choose at least one role for Marte Lie.'],
      [{ ...MARTE, roles: ['boss'] }, 'roles', '"boss" is not a role. Choose from Admin, Billing, Reception and Practitioner.'],
      [{ ...MARTE, language: 'klingon' }, 'language', 'Choose one of the languages in the list.'],
      [{ ...MARTE, name: 'rita resepsjon' }, 'name', 'There is already a staff member called rita resepsjon. Add a last name or an initial so people can tell them apart when signing in.'],
    ];
    for (const [input, field, message] of cases) {
      const err = await refusal(addStaff(db, input, ctx()));
      expect([err.field, err.message]).toEqual([field, message]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('updateStaff', () => {
  it('changes roles and activity, records who and when, and logs what changed', async () => {
    const after = await updateStaff(db, reception, { name: 'Rita Resepsjon', email: '', roles: ['reception', 'billing'], isPractitioner: false, active: false }, ctx());
    expect(after).toMatchObject({ roles: ['billing', 'reception'], active: false, updatedAt: NOW, updatedBy: admin, sortKey: 5 });
    const log = await db.activity.find({ selector: { entityId: reception } }).exec();
    expect(log.map((e) => e.summary)).toEqual(['Changed Rita Resepsjon: roles: Reception → Billing, Reception; no longer active']);
    // The stored Text reads back, so a reader in bokmål sees the same entry in their words.
    expect(inBokmal(log[0]!)).toBe('Endret Rita Resepsjon: roller: Resepsjon → Fakturering, Resepsjon; ikke lenger aktiv');
  });

  it("changes another member's screen language, and logs it in each reader's words", async () => {
    const rita = { name: 'Rita Resepsjon', email: '', roles: ['reception'], isPractitioner: false, active: true };
    const after = await updateStaff(db, reception, { ...rita, language: 'en' }, ctx());
    expect(after).toMatchObject({ language: 'en', updatedBy: admin });
    expect((await db.staff.findOne(reception).exec())!.language).toBe('en');
    await updateStaff(db, reception, { ...rita, language: '' }, ctx());
    expect((await db.staff.findOne(reception).exec())!.language).toBe('');
    const log = await db.activity.find({ selector: { entityId: reception } }).exec();
    expect(log.map((e) => e.summary).sort()).toEqual([
      "Changed Rita Resepsjon: screen language: English → the clinic's language",
      "Changed Rita Resepsjon: screen language: the clinic's language → English",
    ]);
    expect(log.map((e) => inBokmal(e)).sort()).toEqual([
      'Endret Rita Resepsjon: skjermspråk: English → klinikkens språk',
      'Endret Rita Resepsjon: skjermspråk: klinikkens språk → English',
    ]);
  });

  it('keeps the language when a change leaves it out, and writes nothing when it is the same', async () => {
    const rita = { name: 'Rita Resepsjon', email: '', roles: ['reception'], isPractitioner: false, active: true };
    await updateStaff(db, reception, { ...rita, language: 'nb' }, ctx());
    const before = await snapshot();
    await updateStaff(db, reception, rita, ctx());
    await updateStaff(db, reception, { ...rita, language: 'nb' }, ctx());
    expect(await snapshot()).toEqual(before);
    const renamed = await updateStaff(db, reception, { ...rita, name: 'Rita Berg' }, ctx());
    expect(renamed).toMatchObject({ name: 'Rita Berg', language: 'nb' });
  });

  it('refuses an unknown language on its field and writes nothing', async () => {
    const before = await snapshot();
    const err = await refusal(updateStaff(db, reception, { name: 'Rita Resepsjon', email: '', roles: ['reception'], isPractitioner: false, active: true, language: 'xx' }, ctx()));
    expect([err.field, err.message]).toEqual(['language', 'Choose one of the languages in the list.']);
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when nothing changed', async () => {
    const before = await snapshot();
    await updateStaff(db, admin, ASTRID, ctx());
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a receptionist — even changing themselves — with the exact message and writes nothing', async () => {
    const before = await snapshot();
    const err = await refusal(updateStaff(db, reception, { name: 'Rita Resepsjon', email: '', roles: ['admin'], isPractitioner: false, active: true }, ctx(reception)));
    expect(err.message).toBe('Rita Resepsjon does not have the admin permission needed to change staff members. Ask someone with admin rights.');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses demoting or deactivating the last active admin, and writes nothing', async () => {
    const before = await snapshot();
    const demoted = await refusal(updateStaff(db, admin, { ...ASTRID, roles: ['billing', 'practitioner'] }, ctx()));
    expect([demoted.field, demoted.message]).toEqual(['roles', "Astrid Solberg is the clinic's only active admin. Give someone else the admin role first, so someone can still change settings and staff."]);
    const deactivated = await refusal(updateStaff(db, admin, { ...ASTRID, active: false }, ctx()));
    expect(deactivated.field).toBe('active');
    expect(await snapshot()).toEqual(before);
  });

  it('lets the first admin step down once another admin exists', async () => {
    await updateStaff(db, reception, { name: 'Rita Resepsjon', email: '', roles: ['admin', 'reception'], isPractitioner: false, active: true }, ctx());
    const after = await updateStaff(db, admin, { ...ASTRID, roles: ['practitioner'] }, ctx());
    expect(after.roles).toEqual(['practitioner']);
    // Astrid is no longer an admin: her own next change to staff is refused.
    const err = await refusal(updateStaff(db, reception, { name: 'Rita Resepsjon', email: '', roles: ['reception'], isPractitioner: false, active: true }, ctx()));
    expect(err.message).toMatch(/^Astrid Solberg does not have the admin permission/);
  });

  it('refuses bad input and a missing member, and writes nothing', async () => {
    const before = await snapshot();
    expect((await refusal(updateStaff(db, reception, { name: 'Rita', email: '', roles: [], isPractitioner: false, active: true }, ctx()))).field).toBe('roles');
    expect((await refusal(updateStaff(db, reception, { name: 'Astrid Solberg', email: '', roles: ['reception'], isPractitioner: false, active: true }, ctx()))).field).toBe('name');
    expect((await refusal(updateStaff(db, 'st-nobody', MARTE, ctx()))).message).toBe('This staff member is no longer on the staff list.');
    expect(await snapshot()).toEqual(before);
  });
});
