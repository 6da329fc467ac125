import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import { filter } from 'rxjs/operators';
import { openTestClinic, type TestClinic } from '../test-support/test-clinic.js';
import { readCalendarView, saveCalendarView, watchCalendarView } from './calendar-view-preference.js';

let clinic: TestClinic | undefined;
afterEach(async () => { await clinic?.db.close(); clinic = undefined; });

describe("the calendar's remembered view", () => {
  it('is remembered per staff member, in local documents that never sync', async () => {
    clinic = await openTestClinic('calendar-view');
    const { db, admin, reception } = clinic;
    expect(await readCalendarView(db, admin)).toBeNull();
    await saveCalendarView(db, admin, { practitioners: { mode: 'some', ids: [admin] }, compact: true });
    await saveCalendarView(db, reception, { practitioners: { mode: 'all' }, compact: false });
    expect(await readCalendarView(db, admin)).toEqual({ practitioners: { mode: 'some', ids: [admin] }, compact: true });
    expect(await readCalendarView(db, reception)).toEqual({ practitioners: { mode: 'all' }, compact: false });
    // Changed again: the newest choice wins, and watchers see it.
    const seen = firstValueFrom(watchCalendarView(db, admin).pipe(filter((c) => c?.compact === false)));
    await saveCalendarView(db, admin, { practitioners: { mode: 'all' }, compact: false });
    expect(await seen).toEqual({ practitioners: { mode: 'all' }, compact: false });
    // Nothing of it is in a synced collection.
    for (const name of Object.keys(db.collections) as (keyof typeof db.collections)[]) {
      const docs = await db.collections[name].find().exec();
      expect(docs.some((d) => JSON.stringify(d.toJSON()).includes('"compact"'))).toBe(false);
    }
  });

  it('reads a malformed document as no choice', async () => {
    clinic = await openTestClinic('calendar-view-bad');
    const { db, admin } = clinic;
    await db.upsertLocal(`calendar-view-${admin}`, { practitioners: { mode: 'some', ids: [3] } });
    expect(await readCalendarView(db, admin)).toBeNull();
    await db.upsertLocal(`calendar-view-${admin}`, { practitioners: 'all' });
    expect(await readCalendarView(db, admin)).toBeNull();
  });
});
