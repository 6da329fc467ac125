import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefusedError } from '../domain/result.js';
import type { ClinicDatabase } from './database.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';
import { chooseOwnLanguage } from './language-commands.js';

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let reception: string;
const ctx = (actor: string) => ({ actor, synced: false, desk: TEST_DESK, now: NOW });

beforeEach(async () => {
  ({ db, reception } = await openTestClinic('language'));
});

afterEach(async () => {
  await db.close();
});

describe('choosing one\'s own screen language', () => {
  it('changes the language and nothing else, for any signed-in staff member', async () => {
    const before = (await db.staff.findOne(reception).exec())!.toMutableJSON();
    const after = await chooseOwnLanguage(db, 'en', ctx(reception));
    expect(after.language).toBe('en');
    const { language: _l, updatedAt: _u, updatedBy, deskId: _d, ...rest } = after;
    const { language: _l0, updatedAt: _u0, updatedBy: _b0, deskId: _d0, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(updatedBy).toBe(reception);
    expect((await chooseOwnLanguage(db, '', ctx(reception))).language).toBe('');
  });

  it('writes nothing when the language is the one already chosen', async () => {
    await chooseOwnLanguage(db, 'en', ctx(reception));
    const rev = (await db.staff.findOne(reception).exec())!.revision;
    await chooseOwnLanguage(db, 'en', ctx(reception));
    expect((await db.staff.findOne(reception).exec())!.revision).toBe(rev);
  });

  it('refuses a language without a catalogue, and someone who is not on the staff list', async () => {
    const unknown = await chooseOwnLanguage(db, 'xx', ctx(reception)).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(RefusedError);
    expect((unknown as RefusedError).message).toBe('Choose one of the languages in the list.');
    await expect(chooseOwnLanguage(db, 'en', ctx('st-nobody'))).rejects.toThrow(/no longer on the staff list/);
    expect((await db.staff.findOne(reception).exec())!.toMutableJSON().language).toBeUndefined();
  });
});
