/**
 * The clinic the desk-level sync tests start from (desk-refusals, whole-command-desk). Test
 * support for e2e/sync-faults only.
 */
import { expect, vi } from 'vitest';
import { checkSetup } from '../../shared/domain/setup.js';
import { newId } from '../../shared/domain/ids.js';
import { ADMIN_SECRET, LiveServer } from './live-server.js';
import { createClinicWithDesks, pushAll } from '../support/sync-client.js';
import type { Desk } from './desk-kit.js';
import { activatedAtSetup } from '../../shared/test-support/test-clinic.js';

/** The admin's desk id: the clinic's setup and everything the admin pushes name it. */
export const ADMIN_DESK = 'desk-admin';

/**
 * A clinic on a live PGlite server with two desks: the admin's (driven by raw pushes) and one
 * real desk (desk-kit.ts) signed in as Rita with `staffRoles`, synced and ready. `signedIn`
 * says who is signed in on the real desk at each request instead (null: nobody); `fetchImpl` is
 * the real desk's network (real fetch by default).
 */
export async function clinicWithDesk(staffRoles: string[], cleanups: Array<() => Promise<void>>, options: { signedIn?: (ritaId: string) => string | null; fetchImpl?: typeof fetch } = {}) {
  const server = await LiveServer.start('PGlite');
  cleanups.push(() => server.stop());
  const setup = checkSetup({ clinicName: 'Refusal Clinic', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Admin',
    service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' } }, new Date().toISOString(), ADMIN_DESK);
  if (!setup.ok) throw new Error(setup.message);
  // The admin activated payments right after setup, as a clinic does before it bills.
  const docs = activatedAtSetup(setup.value);
  const admin = docs.practitioner;
  // Each desk enrols with the desk id its changes record.
  const deskName = `refusals-${newId().slice(0, 6)}`;
  const [adminDesk, other] = await createClinicWithDesks(server.url, ADMIN_SECRET, { ...admin, _deleted: false }, 2, [ADMIN_DESK, deskName]);
  await pushAll(server.url, adminDesk!.deviceToken, admin.id, 'settings', [docs.settings as never]);
  await pushAll(server.url, adminDesk!.deviceToken, admin.id, 'services', [docs.service as never]);
  // Rita is added by the admin, on the admin's desk.
  const reception = { ...admin, id: newId(), name: 'Rita Reception', roles: staffRoles, isPractitioner: false, updatedAt: new Date().toISOString(), updatedBy: admin.id, deskId: ADMIN_DESK };
  await pushAll(server.url, adminDesk!.deviceToken, admin.id, 'staff', [reception as never]);
  vi.resetModules();
  const kit = await import('./desk-kit.js');
  const signedIn = options.signedIn;
  const desk: Desk = await kit.openDesk({
    name: deskName, deskId: other!.deskId, serverUrl: server.url, deviceToken: other!.deviceToken, clinicId: other!.clinicId, staffId: reception.id,
    ...(signedIn ? { signedIn: () => signedIn(reception.id) } : {}), fetchImpl: options.fetchImpl ?? ((...a) => fetch(...a)),
  });
  cleanups.push(() => desk.close());
  desk.startSync();
  await vi.waitFor(async () => expect(await desk.db.staff.count().exec()).toBe(2), { timeout: 15_000 });
  return { server, desk, adminDesk: adminDesk!, otherDesk: other!, admin, reception, setup: docs };
}

