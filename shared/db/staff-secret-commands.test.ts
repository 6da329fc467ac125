import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { resetStaffSecret, setOwnSecret, type StaffSecret } from './staff-secret-commands.js';

const NOW = '2026-11-20T12:00:00.000Z';
const SECRET: StaffSecret = { kind: 'pin', scheme: 'scrypt:N=32768,r=8,p=1', salt: 'c2FsdA==', hash: 'aGFzaA==', setAt: NOW };
let db: ClinicDatabase;
let admin: string;
let reception: string;
const ctx = (actor: string) => ({ actor, synced: false, desk: TEST_DESK, now: NOW });

beforeEach(async () => {
  ({ db, admin, reception } = await openTestClinic('staff-secret'));
});
afterEach(async () => {
  await db.close();
});

const stored = async (id: string) => (await db.staff.findOne(id).exec())!.toMutableJSON();

describe('staff secrets', () => {
  it('stores a secret its owner chose, stamped and logged', async () => {
    await setOwnSecret(db, SECRET, ctx(reception));
    expect(await stored(reception)).toMatchObject({ secret: SECRET, updatedBy: reception, updatedAt: NOW, deskId: TEST_DESK });
    const log = await db.activity.find({ selector: { entityId: reception } }).exec();
    expect(log.map((e) => e.action)).toEqual(['staff.secretChosen']);
    // No secret in the log, and nothing of the hash.
    expect(JSON.stringify(log.map((e) => e.toJSON()))).not.toContain(SECRET.hash);
  });

  it('lets an admin reset a secret, and nobody else', async () => {
    await setOwnSecret(db, SECRET, ctx(reception));
    await setOwnSecret(db, SECRET, ctx(admin));
    await expect(resetStaffSecret(db, admin, ctx(reception))).rejects.toBeInstanceOf(RefusedError);
    expect((await stored(admin)).secret).toEqual(SECRET);
    await resetStaffSecret(db, reception, ctx(admin));
    expect((await stored(reception)).secret).toBeUndefined();
    expect((await stored(reception)).updatedBy).toBe(admin);
  });

  it('refuses an actor who is not on the staff list', async () => {
    await expect(setOwnSecret(db, SECRET, ctx('st-nobody'))).rejects.toThrow('no longer on the staff list');
  });
});
