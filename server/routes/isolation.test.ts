/**
 * Clinic isolation, route by route: a desk of clinic A — even one that claims to be B's
 * admin — reading, pulling, pushing, streaming, listing devices, revoking, creating codes
 * or creating clinics gets nothing of clinic B and changes nothing of B's. Real HTTP, so
 * the stream is in the table too. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { COLLECTION_NAMES, type CollectionName } from '../../shared/schemas/index.js';
import { ROUTES, SYNC_HEADERS, type EnrollmentCode, type WireDocument } from '../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { activityDoc, bookingDoc, clientDoc, draftInvoice, messageDoc, paymentDoc, paymentRequestDoc, serviceDoc, settingsDoc, staffDoc } from '../test-support/docs.js';
import { ADMIN_SECRET, by, call, createClinic, enrollDesk, insert, madeOn, type Desk, type TestClinic } from '../test-support/harness.js';
import { openStream } from '../test-support/sse.js';
import { testServer } from '../test-support/harness.js';

/** Every name and content of clinic B carries this marker, so a leak shows in any response. */
const B = 'bsecret';

interface Ctx {
  url: string;
  a: TestClinic;
  b: TestClinic;
  /** A's desk claiming to be signed in as B's admin (its pushes also record B's admin as their actor). */
  aAsB: Desk;
  bDevice: Desk;
  bDocs: Map<string, { id: string; _deleted: boolean }>;
}

async function http(ctx: Ctx, method: 'GET' | 'POST', path: string, desk: Desk | null, body?: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };
  if (desk) headers[SYNC_HEADERS.authorization] = `Bearer ${desk.token}`;
  if (desk?.staffId) headers[SYNC_HEADERS.staff] = desk.staffId;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, ctx.url), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, text: await res.text() };
}

type Row = [name: string, run: (ctx: Ctx) => Promise<string>];

/**
 * One whole document of the collection with `marker` in its text. Ids without the marker: A
 * pushes to the same ids, and its own copies may come back to it. Each names the documents
 * of the collections before it in COLLECTION_NAMES.
 */
function documentOf(c: CollectionName, marker: string): WireDocument {
  const names = { clientId: 'doc-clients', invoiceId: 'doc-invoices' };
  switch (c) {
    case 'settings': return settingsDoc({ clinicName: marker });
    case 'staff': return staffDoc('doc-staff', `${marker} person`, ['reception']);
    case 'clients': return clientDoc('doc-clients', { firstName: marker });
    case 'services': return serviceDoc('doc-services', { name: marker });
    case 'bookings': return bookingDoc('doc-bookings', { clientId: names.clientId, serviceId: 'doc-services', practitionerId: 'doc-staff', invoiceId: marker });
    case 'invoices': return draftInvoice('doc-invoices', { clientId: names.clientId, lines: [{ id: 'l1', serviceId: '', description: marker, quantity: 1, unitPriceMinor: 100, discountBp: 0, vatRateBp: 0 }] });
    case 'payments': return paymentDoc('doc-payments', { ...names, method: 'cash', amountMinor: 100, externalRef: marker });
    case 'paymentrequests': return paymentRequestDoc('doc-paymentrequests', { ...names, problem: marker });
    case 'messages': return messageDoc('doc-messages', { ...names, detail: marker });
    case 'activity': return activityDoc('doc-activity', { summary: marker });
  }
}

const routes: Row[] = [
  ...COLLECTION_NAMES.map((c): Row => [`pull ${c}`, async (ctx) => {
    const res = await http(ctx, 'GET', `${ROUTES.pull(c)}?seq=0&limit=1000`, ctx.a.desk);
    expect(res.status).toBe(200);
    return res.text;
  }]),
  ...COLLECTION_NAMES.map((c): Row => [`push ${c} over B's documents`, async (ctx) => {
    // A knows (or guesses) the id of B's document, never its content; what A sends is a
    // document a desk could write, so the server judges it as far as it goes.
    const id = ctx.bDocs.get(c)!.id;
    // Each made on A's desk, by A's admin or (claimed) by B's: the clinic alone must keep them apart.
    const rows = (desk: Desk) => [
      { newDocumentState: { ...documentOf(c, 'from A'), ...madeOn(c, desk) }, assumedMasterState: documentOf(c, 'a guess') },
      { newDocumentState: { ...documentOf(c, 'from A'), ...madeOn(c, desk), _deleted: true } },
    ].map((r) => ({ newDocumentState: { ...r.newDocumentState, id }, ...(r.assumedMasterState ? { assumedMasterState: { ...r.assumedMasterState, id } } : {}) }));
    const res = await http(ctx, 'POST', ROUTES.push(c), ctx.a.desk, rows(ctx.a.desk));
    const asB = await http(ctx, 'POST', ROUTES.push(c), ctx.aAsB, rows(ctx.aAsB));
    return res.text + asB.text;
  }]),
  ['stream', async (ctx) => {
    const s = await openStream(ctx.url, ctx.a.desk);
    await s.waitFor((e) => e.type === 'resync');
    await insert(ctxApp, ctx.b.desk, 'clients', [clientDoc(`${B}-late-${Date.now()}`, by(ctx.b.desk))]);
    await new Promise((r) => setTimeout(r, 100));
    s.close();
    expect(s.events).toEqual([{ type: 'resync' }]);
    return s.raw();
  }],
  ['list devices', async (ctx) => {
    const res = await http(ctx, 'GET', ROUTES.devices, ctx.a.desk);
    const asB = await http(ctx, 'GET', ROUTES.devices, ctx.aAsB);
    expect(res.status).toBe(200);
    expect(asB.status).toBe(403);
    return res.text + asB.text;
  }],
  ["revoke B's device", async (ctx) => {
    const res = await http(ctx, 'POST', ROUTES.revokeDevice(ctx.bDevice.deviceId), ctx.a.desk, {});
    const asB = await http(ctx, 'POST', ROUTES.revokeDevice(ctx.bDevice.deviceId), ctx.aAsB, {});
    expect(res.status).toBe(404);
    expect(asB.status).toBe(403);
    return res.text + asB.text;
  }],
  ['create an enrolment code', async (ctx) => {
    const asB = await http(ctx, 'POST', ROUTES.enrollmentCodes, ctx.aAsB, {});
    expect(asB.status).toBe(403);
    // A's own code enrols a desk into A, never B.
    const own = await http(ctx, 'POST', ROUTES.enrollmentCodes, ctx.a.desk, {});
    const code = (JSON.parse(own.text) as EnrollmentCode).code;
    const enrolled = await http(ctx, 'POST', ROUTES.enroll, null, { code, deviceName: 'A desk', deskId: 'desk-a2' });
    expect(JSON.parse(enrolled.text).clinicId).toBe(ctx.a.clinicId);
    return asB.text + own.text + enrolled.text;
  }],
  ["create a clinic with B's id", async (ctx) => {
    const res = await http(ctx, 'POST', ROUTES.clinics, { ...ctx.a.desk, token: ADMIN_SECRET }, {
      clinicId: ctx.b.clinicId, clinicName: 'Taken', admin: staffDoc('st-x', 'X', ['admin']), deviceName: 'x', deskId: 'desk-x',
    });
    expect(res.status).toBe(409);
    const withDeviceToken = await http(ctx, 'POST', ROUTES.clinics, ctx.a.desk, { clinicId: 'c-new', clinicName: 'n', admin: staffDoc('st-x', 'X', ['admin']), deviceName: 'x', deskId: 'desk-x' });
    expect(withDeviceToken.status).toBe(401);
    return res.text + withDeviceToken.text;
  }],
];

let ctxApp: FastifyInstance;

describe.each(backends())('clinic isolation on $name', (backend) => {
  let store: Store;
  let ctx: Ctx;

  /** Everything of clinic B, to compare before and after. */
  const snapshotB = async () => ({
    clinic: await store.query('SELECT id, name, seq, invoice_counter FROM clinics WHERE id = $1', [ctx.b.clinicId]),
    documents: await store.query('SELECT collection, id, seq, data, deleted, written_by_device FROM documents WHERE clinic_id = $1 ORDER BY seq', [ctx.b.clinicId]),
    devices: await store.query('SELECT id, name, revoked_at FROM devices WHERE clinic_id = $1 ORDER BY id', [ctx.b.clinicId]),
    codes: await store.query('SELECT code_hash, used_at FROM enrollment_codes WHERE clinic_id = $1 ORDER BY code_hash', [ctx.b.clinicId]),
  });

  beforeAll(async () => {
    store = await backend.freshStore();
    const app = testServer(store);
    ctxApp = app;
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const a = await createClinic(app, 'Clinic A');
    // B's admin has an id of its own, so A's claim to be B's admin means something.
    const b = await createClinic(app, `Clinic ${B}`, { adminId: 'st-b-admin' });
    const bDevice = await enrollDesk(app, b, `${B} desk`);
    const bDocs = new Map<string, { id: string; _deleted: boolean }>();
    // In this order each names only what came before (the server checks references).
    for (const c of COLLECTION_NAMES) {
      // Ids without the marker: A pushes to the same ids, and its own copies may come back to it.
      const doc = { ...documentOf(c, B), ...madeOn(c, b.desk) };
      await insert(app, b.desk, c, [doc]);
      bDocs.set(c, doc);
    }
    await call(app, 'POST', ROUTES.enrollmentCodes, { desk: b.desk, body: {} });
    ctx = { url, a, b, aAsB: { ...a.desk, staffId: b.adminId }, bDevice, bDocs };
  });
  afterAll(async () => {
    await ctxApp?.close();
    await backend.teardown();
  });

  it.each(routes)('%s: nothing of B comes back and nothing of B changes', async (_name, run) => {
    const before = await snapshotB();
    const text = await run(ctx);
    expect(text).not.toContain(B);
    expect(text).not.toContain(ctx.b.clinicId);
    expect(text).not.toContain(ctx.bDevice.deviceId);
    const after = await snapshotB();
    // The stream row writes to B itself (to prove A hears nothing): compare all but that write.
    if (_name === 'stream') {
      expect(after.documents.slice(0, before.documents.length)).toEqual(before.documents);
      expect({ ...after, documents: [], clinic: [] }).toEqual({ ...before, documents: [], clinic: [] });
    } else {
      expect(after).toEqual(before);
    }
    // B's desks still work.
    expect((await call(ctxApp, 'GET', ROUTES.pull('clients'), { desk: ctx.bDevice })).status).toBe(200);
  });
});
