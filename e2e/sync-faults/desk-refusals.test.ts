/**
 * What a desk shows and does when the server refuses: a revoked desk stops syncing
 * with a plain message; a write the acting staff member may not make is taken back on
 * the desk and its reason shown; a numbered invoice is never deleted to undo a refusal.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../shared/sync/protocol.js';
import { checkSetup } from '../../shared/domain/setup.js';
import { newId } from '../../shared/domain/ids.js';
import { ADMIN_SECRET, LiveServer } from './live-server.js';
import { createClinicWithDesks, http, pushAll } from '../support/sync-client.js';
import type { Desk } from './desk-kit.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function clinicWithDesk(staffRoles: string[]) {
  const server = await LiveServer.start('PGlite');
  cleanups.push(() => server.stop());
  const setup = checkSetup({ clinicName: 'Refusal Clinic', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Admin',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' } }, new Date().toISOString());
  if (!setup.ok) throw new Error(setup.message);
  const admin = setup.value.practitioner;
  const [adminDesk, other] = await createClinicWithDesks(server.url, ADMIN_SECRET, { ...admin, _deleted: false }, 2);
  await pushAll(server.url, adminDesk!.deviceToken, admin.id, 'settings', [setup.value.settings as never]);
  const reception = { ...admin, id: newId(), name: 'Rita Reception', roles: staffRoles };
  await pushAll(server.url, adminDesk!.deviceToken, admin.id, 'staff', [reception as never]);
  vi.resetModules();
  const kit = await import('./desk-kit.js');
  const desk: Desk = await kit.openDesk({ name: `refusals-${newId().slice(0, 6)}`, serverUrl: server.url, deviceToken: other!.deviceToken, clinicId: other!.clinicId, staffId: reception.id, fetchImpl: (...a) => fetch(...a) });
  cleanups.push(() => desk.close());
  desk.startSync();
  await vi.waitFor(async () => expect(await desk.db.staff.count().exec()).toBe(2), { timeout: 15_000 });
  return { server, desk, adminDesk: adminDesk!, otherDesk: other!, admin, reception };
}

describe('desk replication when the server refuses', () => {
  it('stops with a plain message when the desk has been revoked', async () => {
    const { server, desk, adminDesk, otherDesk, admin } = await clinicWithDesk(['reception']);
    await http(`${server.url}${ROUTES.revokeDevice(otherDesk.deviceId)}`, { method: 'POST', token: adminDesk.deviceToken, staff: admin.id, body: {} });
    await desk.db.clients.insert({ id: newId(), firstName: 'Ola', lastName: 'Berg', sortName: 'berg ola', searchText: 'ola berg', email: '', phone: '', address: '', dateOfBirth: '', createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), updatedBy: admin.id });
    await vi.waitFor(() => expect(desk.replication!.status$.value).toMatchObject({ stopped: true, problem: expect.stringMatching(/signed out of the clinic's sync server/) }), { timeout: 15_000 });
  });

  it("takes back a payment the signed-in staff member may not record, and says why", async () => {
    const { desk, reception } = await clinicWithDesk(['reception']);
    const id = newId();
    await desk.db.payments.insert({ id, kind: 'payment', invoiceId: 'inv-1', clientId: 'cl-1', method: 'cash', amountMinor: 50_000, currency: 'NOK', at: new Date().toISOString(), recordedBy: reception.id, tenderedMinor: 0, externalRef: '' });
    await vi.waitFor(async () => expect(await desk.db.payments.findOne(id).exec()).toBeNull(), { timeout: 15_000 });
    expect(desk.replication!.status$.value.problem).toMatch(/Rita Reception.*billing permission/);
    expect(desk.replication!.status$.value.refusals.map((r) => r.id)).toContain(id);
  });
});
