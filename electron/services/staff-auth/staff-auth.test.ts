import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../../shared/db/database.js';
import { FREE_WRONG_ATTEMPTS } from '../../../shared/domain/staff-secret.js';
import { RefusedError } from '../../../shared/domain/result.js';
import { createTranslator, inEnglish } from '../../../shared/i18n/translator.js';
import { openTestClinic } from '../../../shared/test-support/test-clinic.js';
import { hashSecret } from './secret-hash.js';
import { createStaffAuth, type StaffAuth } from './staff-auth.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const fastHash = (secret: string) => hashSecret(secret, { N: 2 ** 10, r: 8, p: 1 });
let db: ClinicDatabase;
let admin: string;
let reception: string;
let dir: string;
let clock: Date;
let auth: StaffAuth;

const open = () => createStaffAuth({ privateDir: dir, database: () => db, deskId: 'desk-test', synced: () => false, now: () => clock, hash: fastHash });

beforeEach(async () => {
  ({ db, admin, reception } = await openTestClinic('staff-auth'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staff-auth-'));
  clock = NOW;
  auth = open();
});
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signing in with a secret, in main', () => {
  it('asks a staff member without a secret to choose one, then signs them in with it', async () => {
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '' })).toEqual({ outcome: 'choose_secret' });
    expect(auth.signedIn()).toBeNull();
    expect(await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' })).toEqual({ outcome: 'signed_in', staffId: reception });
    expect(auth.signedIn()).toBe(reception);
    const stored = (await db.staff.findOne(reception).exec())!.toMutableJSON();
    expect(stored.secret).toMatchObject({ kind: 'pin', scheme: 'scrypt:N=1024,r=8,p=1' });
    expect(JSON.stringify(stored)).not.toContain('482917');
    auth.handlers['staff.signOut']();
    expect(auth.signedIn()).toBeNull();
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '482918' })).toEqual({ outcome: 'wrong', waitMs: 0 });
    expect(auth.signedIn()).toBeNull();
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' })).toEqual({ outcome: 'signed_in', staffId: reception });
  });

  it('refuses a secret that does not fit the role, and a second first choice', async () => {
    await expect(auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'pin', secret: '482917' })).rejects.toThrow(/password of at least 10/);
    expect((await db.staff.findOne(admin).exec())!.toMutableJSON().secret).toBeUndefined();
    await auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'fjordside-2026' });
    await expect(auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'someone-elses' })).rejects.toThrow(/already has a password/);
  });

  it('makes a guesser wait, and a restart of the app does not clear the wait', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    auth.handlers['staff.signOut']();
    for (let i = 0; i < FREE_WRONG_ATTEMPTS; i++) expect((await auth.handlers['staff.signIn']({ staffId: reception, secret: '000001' })).outcome).toBe('wrong');
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '000001' })).toEqual({ outcome: 'wrong', waitMs: 30_000 });
    auth = open();
    // Even the right PIN is not checked while the wait lasts.
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' })).toEqual({ outcome: 'wait', waitMs: 30_000 });
    clock = new Date(NOW.getTime() + 30_000);
    expect((await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' })).outcome).toBe('signed_in');
  });

  it('lets only the signed-in admin reset a secret, and main trusts no claimed staff id', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    await expect(auth.handlers['staff.resetSecret']({ staffId: reception })).rejects.toThrow(/admin permission/);
    await expect(auth.requireSignedIn(admin, 'admin', 'connection.action.changeConnections')).rejects.toThrow('Sign in with your PIN or password to change the payment and messaging connections.');
    // The refusal carries its Text: a Norwegian desk reads it in bokmål.
    const refusal = await auth.requireSignedIn(admin, 'admin', 'connection.action.changeConnections').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RefusedError);
    expect(createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' }).t((refusal as RefusedError).text))
      .toBe('Logg inn med PIN-koden eller passordet ditt for å endre tilkoblingene for betaling og meldinger.');
    await auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'fjordside-2026' });
    await expect(auth.requireSignedIn(admin, 'admin', 'connection.action.changeConnections')).resolves.toMatchObject({ id: admin });
    await auth.handlers['staff.resetSecret']({ staffId: reception });
    expect((await db.staff.findOne(reception).exec())!.toMutableJSON().secret).toBeUndefined();
    expect(await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' })).toEqual({ outcome: 'choose_secret' });
  });

  it('refuses an inactive or unknown staff member', async () => {
    await expect(auth.handlers['staff.signIn']({ staffId: 'st-nobody', secret: '482917' })).rejects.toThrow(/not on the active staff list/);
  });

  it('changes a secret only with the current one, for the person signed in', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    // Not for someone else, even with their PIN.
    await expect(auth.handlers['staff.changeSecret']({ staffId: admin, current: '482917', kind: 'password', secret: 'fjordside-2026' })).rejects.toThrow('Sign in with your PIN or password to change it.');
    await expect(auth.handlers['staff.changeSecret']({ staffId: reception, current: '000001', kind: 'pin', secret: '739164' })).rejects.toThrow('That is not your current PIN. Nothing was changed.');
    await expect(auth.handlers['staff.changeSecret']({ staffId: reception, current: '482917', kind: 'pin', secret: '111111' })).rejects.toThrow(/same digit|repeat|row/i);
    await auth.handlers['staff.changeSecret']({ staffId: reception, current: '482917', kind: 'password', secret: 'rita-at-the-desk' });
    auth.handlers['staff.signOut']();
    expect((await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' })).outcome).toBe('wrong');
    expect((await auth.handlers['staff.signIn']({ staffId: reception, secret: 'rita-at-the-desk' })).outcome).toBe('signed_in');
    const log = (await db.activity.find({ selector: { entityId: reception } }).exec()).map((e) => e.action);
    expect(log.sort()).toEqual(['staff.secretChanged', 'staff.secretChosen']);
  });

  it('counts wrong current secrets toward the wait', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    for (let i = 0; i < FREE_WRONG_ATTEMPTS + 1; i++) {
      await expect(auth.handlers['staff.changeSecret']({ staffId: reception, current: '000001', kind: 'pin', secret: '739164' })).rejects.toThrow(/not your current PIN/);
    }
    await expect(auth.handlers['staff.changeSecret']({ staffId: reception, current: '482917', kind: 'pin', secret: '739164' })).rejects.toThrow('Too many wrong tries. Wait 30 seconds, then try again.');
  });

  it('has a receptionist given billing choose a password before signing in with the old PIN', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    auth.handlers['staff.signOut']();
    await (await db.staff.findOne(reception).exec())!.incrementalPatch({ roles: ['reception', 'billing'] });
    // A wrong PIN is just wrong; the right one asks for a stronger secret and signs nobody in.
    expect((await auth.handlers['staff.signIn']({ staffId: reception, secret: '000001' })).outcome).toBe('wrong');
    const answer = await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' });
    expect(answer).toEqual({ outcome: 'choose_secret', stronger: { token: expect.any(String), reason: expect.objectContaining({ id: expect.any(String) }) } });
    expect(inEnglish(answer.outcome === 'choose_secret' ? answer.stronger!.reason : 'common.save')).toMatch(/password of at least 10 characters, not a PIN/);
    const token = answer.outcome === 'choose_secret' ? answer.stronger!.token : '';
    expect(auth.signedIn()).toBeNull();
    // Without the token (someone else calling main) nothing changes.
    await expect(auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'password', secret: 'rita-bills-2026' })).rejects.toThrow(/already has a PIN/);
    // The token was spent by that try: the PIN is needed again.
    await expect(auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'password', secret: 'rita-bills-2026', token })).rejects.toThrow(/already has a PIN/);
    const again = await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' });
    const token2 = again.outcome === 'choose_secret' ? again.stronger!.token : '';
    await expect(auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '739164', token: token2 })).rejects.toThrow(/password/);
    const third = await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' });
    const token3 = third.outcome === 'choose_secret' ? third.stronger!.token : '';
    expect(await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'password', secret: 'rita-bills-2026', token: token3 })).toEqual({ outcome: 'signed_in', staffId: reception });
    // Used once: a second choice needs the current password.
    await expect(auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'password', secret: 'another-one-2026', token: token3 })).rejects.toThrow(/already has a password/);
  });

  it('closes the stronger choice on sign-out, on anyone else signing in, and after five minutes', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'fjordside-2026' });
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    auth.handlers['staff.signOut']();
    await (await db.staff.findOne(reception).exec())!.incrementalPatch({ roles: ['admin'] });
    const tokenOf = async () => {
      const a = await auth.handlers['staff.signIn']({ staffId: reception, secret: '482917' });
      return a.outcome === 'choose_secret' ? a.stronger!.token : '';
    };
    const choose = (token: string) => auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'password', secret: 'rita-admin-2026', token });
    let token = await tokenOf();
    auth.handlers['staff.signOut']();
    await expect(choose(token)).rejects.toThrow(/already has a PIN/);
    token = await tokenOf();
    await auth.handlers['staff.signIn']({ staffId: admin, secret: 'fjordside-2026' });
    await expect(choose(token)).rejects.toThrow(/already has a PIN/);
    token = await tokenOf();
    clock = new Date(NOW.getTime() + 5 * 60_000 + 1);
    await expect(choose(token)).rejects.toThrow(/already has a PIN/);
  });

  it('checks parallel guesses one at a time, so the wait holds', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: reception, kind: 'pin', secret: '482917' });
    auth.handlers['staff.signOut']();
    const answers = await Promise.all(Array.from({ length: 12 }, () => auth.handlers['staff.signIn']({ staffId: reception, secret: '000001' })));
    // The free wrong tries, one more that starts the wait, then every other one waits unchecked.
    expect(answers.filter((a) => a.outcome === 'wrong')).toHaveLength(FREE_WRONG_ATTEMPTS + 1);
    expect(answers.filter((a) => a.outcome === 'wait')).toHaveLength(12 - FREE_WRONG_ATTEMPTS - 1);
  });
});

describe('recovering a forgotten secret from the desk computer', () => {
  it("sets the only admin's new password, logged as a recovery, and clears their wait", async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'fjordside-2026' });
    auth.handlers['staff.signOut']();
    for (let i = 0; i < FREE_WRONG_ATTEMPTS + 1; i++) await auth.handlers['staff.signIn']({ staffId: admin, secret: 'forgotten-one' });
    await expect(auth.recoverSecret(' astrid solberg ', 'short')).rejects.toThrow(/at least 10/);
    expect(await auth.recoverSecret(' astrid solberg ', 'a-new-start-2026')).toBe('Astrid Solberg can now sign in with the new password on every desk of the clinic.');
    // Recorded as her own change of her secret: the rule the sync server applies takes it.
    const stored = (await db.staff.findOne(admin).exec())!.toMutableJSON();
    expect(stored).toMatchObject({ updatedBy: admin, deskId: 'desk-test', secret: { kind: 'password' } });
    const log = (await db.activity.find({ selector: { action: 'staff.secretRecovered' } }).exec()).map((e) => e.toJSON());
    expect(log).toEqual([expect.objectContaining({ entityId: admin, summary: "Astrid Solberg's forgotten sign-in password was replaced from this desk computer's command line" })]);
    expect(await auth.handlers['staff.signIn']({ staffId: admin, secret: 'a-new-start-2026' })).toEqual({ outcome: 'signed_in', staffId: admin });
    await expect(auth.recoverSecret('Nobody Here', 'a-new-start-2026')).rejects.toThrow('No active staff member is called "Nobody Here".');
  });

  it('is only for an admin whom no other admin can reset', async () => {
    await expect(auth.recoverSecret('Rita Resepsjon', '739164')).rejects.toThrow('Rita Resepsjon is not an admin: an admin resets their PIN or password in Settings → Staff.');
    const second = { ...(await db.staff.findOne(admin).exec())!.toMutableJSON(), id: 'st-berit', name: 'Berit Admin', sortKey: 7 };
    await db.staff.insert(second);
    // Berit has no password yet, so she cannot reset Astrid's: recovery still works.
    expect(await auth.recoverSecret('Astrid Solberg', 'a-new-start-2026')).toMatch(/can now sign in/);
    await (await db.staff.findOne('st-berit').exec())!.incrementalPatch({ secret: { kind: 'password', scheme: 'x', salt: 'x', hash: 'x', setAt: NOW.toISOString() } });
    await expect(auth.recoverSecret('Astrid Solberg', 'another-start-2026')).rejects.toThrow("Berit Admin is also an admin and can sign in: they reset Astrid Solberg's password in Settings → Staff.");
  });
});

describe('while main is without the database for a moment (a window reload)', () => {
  it('waits for it instead of refusing the click', async () => {
    await auth.handlers['staff.chooseSecret']({ staffId: admin, kind: 'password', secret: 'fjordside-2026' });
    let reachable = false;
    const back = createStaffAuth({
      privateDir: dir, deskId: 'desk-test', synced: () => false, now: () => clock, hash: fastHash,
      database: () => (reachable ? db : null),
      awaitDatabase: () => new Promise((resolve) => setTimeout(() => { reachable = true; resolve(db); }, 20)),
    });
    expect(await back.handlers['staff.signIn']({ staffId: admin, secret: 'fjordside-2026' })).toEqual({ outcome: 'signed_in', staffId: admin });
    const gone = createStaffAuth({ privateDir: dir, deskId: 'desk-test', synced: () => false, now: () => clock, hash: fastHash, database: () => null, awaitDatabase: async () => null });
    await expect(gone.handlers['staff.signIn']({ staffId: admin, secret: 'x' })).rejects.toThrow("The desk's database is not open yet.");
  });
});
