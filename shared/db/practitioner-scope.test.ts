import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seesOnlyOwnCalendar } from '../domain/permissions.js';
import type { ClinicDatabase } from './database.js';
import { createBooking } from './booking-commands.js';
import { createClient } from './client-commands.js';
import { clientIdsOfPractitioner } from './practitioner-scope.js';
import { openTestClinic, TEST_DESK } from '../test-support/test-clinic.js';

const NOW = '2026-11-20T12:00:00.000Z';
let db: ClinicDatabase;
let admin: string;
let serviceId: string;

beforeEach(async () => {
  ({ db, admin, serviceId } = await openTestClinic('scope'));
});

afterEach(async () => {
  await db.close();
});

describe('what a practitioner-only user sees', () => {
  it('applies only to someone who is a practitioner and nothing else', () => {
    expect(seesOnlyOwnCalendar(['practitioner'])).toBe(true);
    expect(seesOnlyOwnCalendar(['practitioner', 'billing'])).toBe(false);
    expect(seesOnlyOwnCalendar(['reception'])).toBe(false);
    expect(seesOnlyOwnCalendar(['admin', 'practitioner'])).toBe(false);
    expect(seesOnlyOwnCalendar([])).toBe(false);
  });

  it('finds the clients a practitioner has bookings with, and no others', async () => {
    const marte = (await db.staff.findOne(admin).exec())!.toMutableJSON();
    await db.staff.insert({ ...marte, id: 'st-marte', name: 'Marte Lie', roles: ['practitioner'], sortKey: 2 });
    const client = (first: string) => createClient(db, { firstName: first, lastName: 'Berg', email: '', phone: '', dateOfBirth: '' }, '2026-11-20', { actor: admin, desk: TEST_DESK, now: NOW });
    const [anna, bo, cai] = await Promise.all([client('Anna'), client('Bo'), client('Cai')]);
    const book = (clientId: string, practitionerId: string, start: string) =>
      createBooking(db, { clientId, serviceId, practitionerId, start, billing: 'clinic-default', confirmOverlap: true }, { actor: admin, desk: TEST_DESK, now: NOW });
    await book(anna.id, 'st-marte', '2026-11-23T09:00:00.000Z');
    await book(bo.id, admin, '2026-11-23T09:00:00.000Z');
    await book(anna.id, admin, '2026-11-24T09:00:00.000Z');
    expect(await clientIdsOfPractitioner(db, 'st-marte')).toEqual(new Set([anna.id]));
    expect(await clientIdsOfPractitioner(db, admin)).toEqual(new Set([bo.id, anna.id]));
    expect((await clientIdsOfPractitioner(db, 'st-marte')).has(cai.id)).toBe(false);
  });
});
