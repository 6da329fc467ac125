/**
 * The sync fault suite: three desks — each its own RxDB with the real
 * replication client and data-layer commands — against the real server on PostgreSQL
 * and on PGlite, under a random workload with random faults. After healing, every
 * desk must equal the server, nothing acknowledged may be lost, no payment lost or
 * duplicated, and invoice numbers gap-free and unique. Staff switch on the desks between
 * offline changes and reconnects; each change is judged by the person it records, so nothing
 * lands in any desk's Needs-attention list. Payments go through the real command with
 * operation ids: some are replayed, some fail after the money is written and are recovered;
 * still one payment each.
 *
 * `npm test` runs a short form; `npm run test:sync-faults` the full one
 * (SYNC_FAULT_OPS=2000). SYNC_FAULT_SEED replays a run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { WireDocument } from '../../shared/sync/protocol.js';
import { createClinicWithDesks, pullAll } from '../support/sync-client.js';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/index.js';
import { checkSetup } from '../../shared/domain/setup.js';
import { newOperationId } from '../../shared/db/operations.js';
import { commandDocuments } from '../../shared/db/command-documents.js';
import { hasPermission } from '../../shared/domain/permissions.js';
import type { StaffRole } from '../../shared/schemas/staff.js';
import { ADMIN_SECRET, LiveServer, type BackendName } from './live-server.js';
import { FaultyNetwork } from './faulty-fetch.js';
import type { Desk } from './desk-kit.js';
import { seededRandom } from '../../shared/domain/seeded-random.js';
import { writeSection } from '../support/benchmarks-file.js';

const OPS = Number(process.env.SYNC_FAULT_OPS ?? 240);
const SEED = Number(process.env.SYNC_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
const DESKS = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Key-order-independent JSON, without RxDB's local metadata. */
function canonical(doc: Record<string, unknown>): string {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !['_meta', '_rev', '_attachments', '_deleted'].includes(k))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, val]) => [k, strip(val)]));
    }
    return v;
  };
  return JSON.stringify(strip(doc));
}

/** SYNC_FAULT_TRACE=<file>: each step, fault and operation, for finding where a run hangs. */
function trace(line: string): void {
  if (process.env.SYNC_FAULT_TRACE) fs.appendFileSync(process.env.SYNC_FAULT_TRACE, line);
}

const results: string[] = [];
afterAll(() => {
  for (const line of results) console.log(line);
  // The full form (npm run test:sync-faults) records its figures; the short one in npm test does not.
  if (OPS >= 1000 && results.length === 2 && results.every((r) => / lost=0 duplicated=0 diverged=0 number_gaps=0$/.test(r))) {
    writeSection('sync-faults', [
      '## Sync fault suite',
      '',
      `\`npm run test:sync-faults\`: three desks (RxDB on Dexie over fake-indexeddb unless SYNC_FAULT_STORAGE=memory, the real replication client)`,
      'against the real server, a random workload with random faults (desk offline, server restart, push response dropped after commit, push',
      'sent twice, stream dropped), then healed. Replay a run with its seed (SYNC_FAULT_SEED).',
      '',
      '```',
      ...results,
      '```',
    ].join('\n'));
  }
});

describe.each<BackendName>(['PGlite', 'PostgreSQL'])('sync faults on %s', (backend) => {
  it(`converges with nothing lost, duplicated or diverged (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    fs.writeFileSync(path.join(os.tmpdir(), 'frontdesk-sync-faults-seed'), String(SEED));
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
    const server = await LiveServer.start(backend);
    const desks: Desk[] = [];
    const networks: FaultyNetwork[] = [];
    try {
      // The clinic, created from the first desk's setup as the app does it.
      const now = new Date().toISOString();
      // Each desk enrols with the desk id its changes record (the first desk's setup among them).
      const deskIds = Array.from({ length: DESKS }, (_, i) => `desk${i}`);
      const setup = checkSetup({ clinicName: 'Fault Clinic', currency: 'NOK', timeZone: 'Europe/Oslo', practitionerName: 'Astrid Admin',
        service: { name: 'Consultation', durationMinutes: '45', price: '750', vatRate: '0' } }, now, deskIds[0]!);
      if (!setup.ok) throw new Error(setup.message);
      const staffId = setup.value.practitioner.id;
      const creds = await createClinicWithDesks(server.url, ADMIN_SECRET, { ...setup.value.practitioner, _deleted: false }, DESKS, deskIds);
      const first = creds[0]!;
      // Who is signed in on each desk. Staff switch during the run (the `switchUser` op): each
      // change records who made it, and the server judges it by that person, never by whoever
      // is signed in when the desk pushes (docs/design.md invariant 11) — so billing's cash
      // taken offline and pushed after reception signed in is not lost.
      const signedIn: string[] = Array.from({ length: DESKS }, () => staffId);
      const rolesOf = new Map<string, readonly StaffRole[]>([[staffId, setup.value.practitioner.roles]]);
      const mayBill = (i: number) => hasPermission(rolesOf.get(signedIn[i]!) ?? [], 'billing');
      for (let i = 0; i < DESKS; i++) {
        const network = new FaultyNetwork(random);
        networks.push(network);
        // Each desk its own RxDB, as in its own process.
        vi.resetModules();
        const kit = await import('./desk-kit.js');
        const desk = await kit.openDesk({ name: `desk${i}`, deskId: creds[i]!.deskId, serverUrl: server.url, deviceToken: creds[i]!.deviceToken, clinicId: first.clinicId, staffId, signedIn: () => signedIn[i]!, fetchImpl: network.fetch });
        desks.push(desk);
      }
      // As in the app: the first desk writes its setup, then syncing starts.
      const { writeSetup } = await import('../../shared/db/setup-commands.js');
      await writeSetup(desks[0]!.db, setup.value, now);
      // The admin activates payments (Manual, on the sandbox) before anyone bills.
      const { activateTestPayments } = await import('../../shared/test-support/test-clinic.js');
      await activateTestPayments(desks[0]!.db, staffId, now, desks[0]!.deskId);
      // The admin adds a billing member and a receptionist on the first desk.
      const { addStaff } = await import('../../shared/db/staff-commands.js');
      for (const [name, roles] of [['Berit Billing', ['billing']], ['Rita Reception', ['reception']]] as const) {
        const member = await addStaff(desks[0]!.db, { name, email: '', roles, isPractitioner: false, active: true }, { actor: staffId, desk: desks[0]!.deskId, synced: true, now });
        rolesOf.set(member.id, member.roles);
      }
      const staffIds = [...rolesOf.keys()];
      let switches = 0;
      let replays = 0;
      let injectedFailures = 0;
      // The last desk joins half-way through: it imports the clinic as it is by then
      // (bootstrap import), and the workload goes on editing those imported documents.
      const lateDesk = desks[DESKS - 1]!;
      const joinAt = Math.floor(OPS / 2);
      for (const desk of desks) if (desk !== lateDesk) desk.startSync();
      // Every desk has the clinic before the workload starts.
      for (const desk of desks.filter((d) => d !== lateDesk)) {
        await vi.waitFor(async () => expect(await desk.db.settings.findOne('clinic').exec()).not.toBeNull(), { timeout: 30_000, interval: 100 });
      }

      const created = new Map<string, Set<string>>(COLLECTION_NAMES.map((c) => [c, new Set<string>()]));
      const paymentsMade = new Map<string, number>();
      let faults = 0;
      let offlineUntil = new Map<number, number>();

      const ops: Record<string, (desk: Desk, index: number) => Promise<void>> = {
        async client(desk) {
          const c = await desk.commands.createClient(desk.db, { firstName: pick(['Ingrid', 'Ola', 'Kari', 'Lars'])!, lastName: `Client${Math.floor(random() * 1e6)}`, email: '', phone: '', dateOfBirth: '' }, new Date().toISOString().slice(0, 10), { actor: signedIn[desks.indexOf(desk)]!, desk: desk.deskId, now: new Date().toISOString() });
          created.get('clients')!.add(c.id);
        },
        async book(desk) {
          const clients = await desk.db.clients.find().exec();
          const client = pick(clients);
          if (!client) return ops.client!(desk, 0);
          // Within the month after the run's today: the desks' commands refuse bookings far from it.
          const today = new Date();
          const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1 + Math.floor(random() * 30), 7 + Math.floor(random() * 9), Math.floor(random() * 4) * 15)).toISOString();
          const { booking, invoice } = await desk.commands.createBooking(desk.db, {
            clientId: client.id, serviceId: setup.value.service.id, practitionerId: staffId, start, billing: 'clinic-default', confirmOverlap: true,
          }, { actor: signedIn[desks.indexOf(desk)]!, desk: desk.deskId, now: new Date().toISOString() });
          created.get('bookings')!.add(booking.id);
          if (invoice) created.get('invoices')!.add(invoice.id);
        },
        async reschedule(desk) {
          const b = pick(await desk.db.bookings.find({ selector: { status: 'booked' } }).exec());
          if (!b) return;
          const shift = (Math.floor(random() * 8) - 4) * 15 * 60_000;
          await b.incrementalPatch({
            start: new Date(Date.parse(b.start) + shift).toISOString(), end: new Date(Date.parse(b.end) + shift).toISOString(),
            updatedAt: new Date().toISOString(), updatedBy: signedIn[desks.indexOf(desk)]!, deskId: desk.deskId,
          });
        },
        async cancel(desk) {
          const b = pick(await desk.db.bookings.find({ selector: { status: 'booked' } }).exec());
          await b?.incrementalPatch({ status: 'cancelled', updatedAt: new Date().toISOString(), updatedBy: signedIn[desks.indexOf(desk)]!, deskId: desk.deskId });
        },
        async complete(desk) {
          const inv = pick(await desk.db.invoices.find({ selector: { status: 'draft' } }).exec());
          if (inv) await desk.commands.completeInvoice(desk.db, inv.id, { synced: true, actor: signedIn[desks.indexOf(desk)]!, desk: desk.deskId, now: new Date().toISOString() }).catch(() => undefined);
        },
        async switchUser(desk, index) {
          // Only someone this desk knows can sign in on it (their staff document has arrived).
          const here = new Set((await desk.db.staff.find().exec()).map((m) => m.id));
          const known = staffIds.filter((id) => here.has(id));
          if (known.length === 0) return;
          signedIn[index] = pick(known)!;
          switches++;
        },
        async pay(desk, index) {
          // As at the checkout: only someone with billing takes money — through the real command,
          // with an operation id (decision 0025). Some are replayed (a double click, a retry);
          // some fail after the money is written, and recovery finishes them.
          if (!mayBill(index)) return;
          const inv = pick(await desk.db.invoices.find({ selector: { status: 'completed' } }).exec());
          if (!inv) return;
          const operation = newOperationId();
          const ctx = { actor: signedIn[index]!, desk: desk.deskId, synced: true, now: new Date().toISOString(), operation };
          const input = { amount: String(1 + Math.floor(random() * 500)), method: pick(['cash', 'card_terminal', 'bank_transfer'] as const)!, overpaymentToCredit: true };
          const failAfterCommit = random() < 0.25;
          const activity = desk.db.activity;
          const insert = activity.insert.bind(activity);
          if (failAfterCommit) {
            activity.insert = (() => Promise.reject(new Error('injected failure after the payment'))) as typeof activity.insert;
            injectedFailures++;
          }
          let taken;
          try {
            taken = await desk.commands.takePayment(desk.db, inv.id, input, ctx);
          } catch (err) {
            if (!failAfterCommit) throw err;
          } finally {
            activity.insert = insert;
          }
          if (failAfterCommit) await desk.commands.recover(new Date().toISOString());
          if (random() < 0.3 || failAfterCommit) {
            replays++;
            taken = await desk.commands.takePayment(desk.db, inv.id, input, ctx);
          }
          if (!taken) return;
          paymentsMade.set(taken.payment.id, taken.payment.amountMinor);
          created.get('payments')!.add(taken.payment.id);
        },
        async sameDocOnTwoDesks(_desk, index) {
          // The same booking edited on two desks before either has synced the other's edit.
          const other = desks[(index + 1) % (lateDesk.replication ? desks.length : desks.length - 1)]!;
          const here = desks[index]!;
          const ids = new Set((await other.db.bookings.find({ selector: { status: 'booked' } }).exec()).map((b) => b.id));
          const shared = (await here.db.bookings.find({ selector: { status: 'booked' } }).exec()).filter((b) => ids.has(b.id));
          const b = pick(shared);
          if (!b) return;
          const otherDoc = await other.db.bookings.findOne(b.id).exec();
          await Promise.all([
            b.incrementalPatch({ start: new Date(Date.parse(b.start) + 15 * 60_000).toISOString(), end: new Date(Date.parse(b.end) + 15 * 60_000).toISOString(), updatedAt: new Date().toISOString(), updatedBy: signedIn[index]!, deskId: here.deskId }),
            otherDoc?.incrementalPatch({ practitionerId: staffId, updatedAt: new Date(Date.now() + 1).toISOString(), updatedBy: signedIn[desks.indexOf(other)]!, deskId: other.deskId }),
          ]);
        },
      };
      const weights: [string, number][] = [['client', 10], ['book', 28], ['reschedule', 14], ['cancel', 4], ['complete', 14], ['pay', 18], ['sameDocOnTwoDesks', 8], ['switchUser', 8]];
      const total = weights.reduce((s, [, w]) => s + w, 0);
      const chooseOp = () => {
        let r = random() * total;
        for (const [name, w] of weights) if ((r -= w) < 0) return name;
        return 'book';
      };

      for (let step = 0; step < OPS; step++) {
        // Desks whose time offline is over come back.
        for (const [i, until] of offlineUntil) if (step >= until) { networks[i]!.offline = false; offlineUntil.delete(i); }
        if (random() < 0.07) {
          faults++;
          const kind = pick(['offline', 'restart', 'dropResponse', 'duplicate', 'dropStream'] as const)!;
          trace(`  fault ${kind}\n`);
          const i = Math.floor(random() * desks.length);
          if (kind === 'offline') { networks[i]!.offline = true; offlineUntil.set(i, step + 5 + Math.floor(random() * 30)); }
          else if (kind === 'restart') await server.restart();
          else if (kind === 'dropResponse') networks[i]!.dropPushResponse = 0.5;
          else if (kind === 'duplicate') networks[i]!.duplicatePush = 0.5;
          else networks[i]!.dropStreams();
        }
        if (random() < 0.05) for (const n of networks) { n.dropPushResponse = 0; n.duplicatePush = 0; }
        // It starts syncing (and importing) while the workload goes on, as a real desk would.
        if (step === joinAt) lateDesk.startSync();
        const index = Math.floor(random() * (step < joinAt ? desks.length - 1 : desks.length));
        // A refusal (e.g. the late desk has not received the clinic's service yet) is a
        // legitimate outcome of an operation, not a failure of the suite.
        const opName = chooseOp();
        trace(`  op ${opName} on desk ${index}\n`);
        await ops[opName]!(desks[index]!, index).catch((err: unknown) => {
          if (!(err instanceof Error && err.name === 'RefusedError')) throw err;
        });
        if (step % 10 === 0) await sleep(Math.floor(random() * 20));
        trace(`${backend} step ${step}\n`);
      }

      trace(`${backend} healing\n`);
      // Heal: every desk online, no more faults, and sync until nothing moves.
      for (const n of networks) { n.offline = false; n.dropPushResponse = 0; n.duplicatePush = 0; }
      offlineUntil = new Map();
      let diverged = Infinity;
      const divergedIds: string[] = [];
      let serverState = new Map<CollectionName, WireDocument[]>();
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        for (const d of desks) for (const s of d.replication!.states.values()) s.reSync();
        const inSync = await Promise.race([
          Promise.all(desks.map((d) => d.replication!.awaitInSync())).then(() => true),
          sleep(30_000).then(() => false),
        ]);
        if (!inSync) {
          const stuck = desks.map((d) => `${d.name}: ${[...d.replication!.states.entries()].filter(([, s]) => s.isStopped() || !s.internalReplicationState).map(([n]) => n).join(',')} states=${d.replication!.states.size} problem=${JSON.stringify(d.replication!.status$.value.problem ?? '-')}`);
          const outboxes = await Promise.all(desks.map(async (d) => `${d.name}: ${(await commandDocuments.read(d.db)).map((e) => `${e.operation.slice(0, 8)} finished=${e.finishedAt !== null} parts=${Object.keys(e.parts).length}/${Object.keys(e.expected).length} attempts=${e.attempts ?? 0}`).join(', ') || 'empty'}`));
          throw new Error(`desks did not get in sync within 30 s: ${stuck.join('; ')}; command outboxes: ${outboxes.join('; ')}`);
        }
        await sleep(300);
        serverState = new Map(await Promise.all(COLLECTION_NAMES.map(async (c) => [c, await pullAll(server.url, first.deviceToken, staffId, c)] as const)));
        diverged = 0;
        divergedIds.length = 0;
        for (const desk of desks) {
          for (const c of COLLECTION_NAMES) {
            const onServer = new Map(serverState.get(c)!.filter((d) => !d._deleted).map((d) => [d.id, canonical(d)]));
            const onDesk = new Map((await desk.db[c].find().exec()).map((d) => [d.primary, canonical(d.toJSON() as Record<string, unknown>)]));
            for (const id of new Set([...onServer.keys(), ...onDesk.keys()])) {
              if (onServer.get(id) === onDesk.get(id)) continue;
              diverged++;
              divergedIds.push(`${desk.name} ${c}/${id}\n  server: ${onServer.get(id) ?? '(none)'}\n  desk:   ${onDesk.get(id) ?? '(none)'}`);
            }
          }
        }
        if (diverged === 0) break;
      }

      const present = (c: CollectionName) => new Set(serverState.get(c)!.filter((d) => !d._deleted).map((d) => d.id));
      let lost = 0;
      const lostIds: string[] = [];
      for (const [c, ids] of created) {
        for (const id of ids) {
          if (present(c as CollectionName).has(id)) continue;
          lost++;
          const holders = [];
          for (const d of desks) if (await d.db[c as CollectionName].findOne(id).exec()) holders.push(d.name);
          lostIds.push(`${c}/${id} (on ${holders.join(',') || 'no desk'}; on server ${serverState.get(c as CollectionName)!.some((x) => x.id === id) ? 'deleted' : 'never'})`);
        }
      }
      if (lostIds.length) console.log('LOST', lostIds.join('; '));
      if (divergedIds.length) console.log('DIVERGED', divergedIds.slice(0, 6).join('\n'));
      // What each desk was told: a desk that stopped, or a refusal, usually explains a loss.
      if (lostIds.length || divergedIds.length) {
        for (const d of desks) {
          const st = d.replication!.status$.value;
          const codes = [...new Set(st.refusals.map((r) => `${r.code}${r.retryable ? ' (retryable)' : ''}`))];
          console.log(`STATUS ${d.name}: stopped=${st.stopped} problem=${JSON.stringify(st.problem ?? '-')} refusals=[${codes.join(', ')}] rejectedPulls=${st.rejectedPulls.length}`);
          for (const r of st.refusals.slice(-5)) console.log(`  refused ${r.id}: ${r.code} ${JSON.stringify(r.params ?? {})} ${r.message}`);
        }
      }
      const payments = serverState.get('payments')!.filter((d) => !d._deleted);
      const duplicated = payments.length - new Set(payments.map((p) => p.id)).size + payments.filter((p) => !paymentsMade.has(p.id)).length;
      const paymentsLost = [...paymentsMade.keys()].filter((id) => !payments.some((p) => p.id === id)).length;
      const sumMatches = payments.reduce((s, p) => s + (p.amountMinor as number), 0) === [...paymentsMade.values()].reduce((s, a) => s + a, 0);
      const numbers = serverState.get('invoices')!.filter((d) => d.status !== 'draft').map((d) => d.number as number).sort((a, b) => a - b);
      const numberGaps = numbers.filter((n, i) => n !== i + 1).length;
      const counters = networks.reduce((acc, n) => ({
        offline: acc.offline + n.counters.offlineRefusals, dropped: acc.dropped + n.counters.droppedPushResponses,
        duplicated: acc.duplicated + n.counters.duplicatedPushes, streams: acc.streams + n.counters.droppedStreams, commands: acc.commands + n.counters.commandRequests,
      }), { offline: 0, dropped: 0, duplicated: 0, streams: 0, commands: 0 });
      results.push(`sync-faults: backend=${backend} storage=${process.env.SYNC_FAULT_STORAGE === 'memory' ? 'memory' : 'dexie'} seed=${SEED} desks=${DESKS} ops=${OPS} faults=${faults} restarts=${server.restarts} ` +
        `staff_switches=${switches} replays=${replays} injected_failures=${injectedFailures} dropped_responses=${counters.dropped} duplicate_pushes=${counters.duplicated} dropped_streams=${counters.streams} command_requests=${counters.commands} ` +
        `invoices_numbered=${numbers.length} payments=${payments.length} lost=${lost + paymentsLost} duplicated=${duplicated} diverged=${diverged} number_gaps=${numberGaps}`);
      expect({ lost, paymentsLost, duplicated, diverged, numberGaps, sumMatches }).toEqual({ lost: 0, paymentsLost: 0, duplicated: 0, diverged: 0, numberGaps: 0, sumMatches: true });
      // Each payment has its one log entry: a replay wrote none twice, a recovery wrote the missing one.
      const paymentLogs = serverState.get('activity')!.filter((e) => e.action === 'payment.taken').length;
      expect(paymentLogs).toBe(payments.length);
      // Nothing anyone did was refused: no desk has anything in Needs attention.
      const { readNeedsAttention } = await import('../../shared/db/needs-attention.js');
      for (const d of desks) expect((await readNeedsAttention(d.db)).map((e) => `${d.name} ${e.key} ${e.code}: ${e.message}`)).toEqual([]);
      expect(switches).toBeGreaterThan(0);
      expect(numbers.length).toBeGreaterThan(0);
      expect(payments.length).toBeGreaterThan(0);
    } finally {
      for (const d of desks) await d.close().catch(() => undefined);
      await server.stop();
    }
  }, 600_000);
});
