import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createClinicDatabase, type ClinicDatabase } from './database.js';
import { isClinicSetUp, runSetup, seedDemoClinic } from './setup-commands.js';
import { COLLECTION_NAMES } from '../schemas/index.js';
import { RefusedError } from '../domain/result.js';
import { demoClinic } from '../domain/demo-clinic.js';
import type { SetupInput } from '../domain/setup.js';
import { TEST_DESK } from '../test-support/test-clinic.js';

const NOW = '2026-11-21T09:00:00.000Z';
const good: SetupInput = {
  clinicName: 'Fjordside Physio',
  currency: 'NOK',
  timeZone: 'Europe/Oslo',
  practitionerName: 'Astrid Solberg',
  service: { name: 'Consultation', durationMinutes: '45', price: '750,00', vatRate: '25' },
};

let db: ClinicDatabase;

beforeEach(async () => {
  db = await createClinicDatabase({ storage: getRxStorageMemory(), name: `setup-${crypto.randomUUID()}` });
});

afterEach(async () => {
  await db.close();
});

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  // find, not count(): count() on invoices/paymentrequests trips over their status index (see schemas.test.ts).
  for (const name of COLLECTION_NAMES) out[name] = (await db[name].find().exec()).length;
  return out;
}

const EMPTY = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, 0]));

async function refusedBy(promise: Promise<unknown>): Promise<RefusedError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(RefusedError);
  return err as RefusedError;
}

describe('runSetup', () => {
  it('writes the clinic settings, its practitioner and its service', async () => {
    expect(await isClinicSetUp(db)).toBe(false);
    await runSetup(db, good, NOW, TEST_DESK);
    expect(await isClinicSetUp(db)).toBe(true);

    const settings = await db.settings.findOne('clinic').exec();
    expect(settings?.toJSON()).toMatchObject({ clinicName: 'Fjordside Physio', currency: 'NOK', locale: 'nb-NO', timeZone: 'Europe/Oslo', invoicingActivatedAt: '', billingProcess: 'automatic', senderMode: 'clinic' });
    const staff = await db.staff.find().exec();
    expect(staff.map((s) => ({ name: s.name, isPractitioner: s.isPractitioner, active: s.active }))).toEqual([{ name: 'Astrid Solberg', isPractitioner: true, active: true }]);
    const services = await db.services.find().exec();
    expect(services.map((s) => ({ name: s.name, durationMinutes: s.durationMinutes, priceMinor: s.priceMinor, vatRateBp: s.vatRateBp, active: s.active })))
      .toEqual([{ name: 'Consultation', durationMinutes: 45, priceMinor: 75_000, vatRateBp: 2_500, active: true }]);
    const activity = await db.activity.find().exec();
    expect(activity.map((a) => ({ action: a.action, entity: a.entity, at: a.at }))).toEqual([{ action: 'clinic.setup', entity: 'settings', at: NOW }]);
    expect(await counts()).toEqual({ ...EMPTY, settings: 1, staff: 1, services: 1, activity: 1 });
  });

  it('refuses a second setup and changes nothing', async () => {
    await runSetup(db, good, NOW, TEST_DESK);
    const before = await counts();
    const err = await refusedBy(runSetup(db, { ...good, clinicName: 'Another clinic' }, '2026-11-22T09:00:00.000Z', TEST_DESK));
    expect(err.message).toBe('This desk is already set up.');
    expect(await counts()).toEqual(before);
    expect((await db.settings.findOne('clinic').exec())?.clinicName).toBe('Fjordside Physio');
  });

  it.each([
    ['clinicName', { ...good, clinicName: '' }],
    ['currency', { ...good, currency: 'XYZ' }],
    ['timeZone', { ...good, timeZone: 'Mars/Olympus' }],
    ['practitionerName', { ...good, practitionerName: ' ' }],
    ['duration', { ...good, service: { ...good.service, durationMinutes: '0' } }],
    ['price', { ...good, service: { ...good.service, price: 'a lot' } }],
    ['vatRate', { ...good, service: { ...good.service, vatRate: '250' } }],
  ])('refuses an invalid setup (%s) and writes nothing at all', async (field, input) => {
    const err = await refusedBy(runSetup(db, input, NOW, TEST_DESK));
    expect(err.field).toBe(field);
    expect(err.message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(EMPTY);
    expect(await isClinicSetUp(db)).toBe(false);
  });
});

describe('seedDemoClinic', () => {
  it('writes the demo clinic, settings included', async () => {
    const demo = demoClinic({ now: new Date(NOW), bookings: 30, practitioners: 2, clients: 10, perPractitionerDay: 3 });
    await seedDemoClinic(db, demo);
    expect(await counts()).toEqual({ ...EMPTY, settings: 1, staff: 2, services: demo.services.length, clients: 10, bookings: 30, invoices: 30 });
    expect(await isClinicSetUp(db)).toBe(true);
  });
});
