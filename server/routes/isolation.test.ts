/**
 * Clinic isolation, route by route: a desk of clinic A — even one that claims to be B's
 * admin — reading, pulling, pushing, streaming, listing devices, revoking, creating codes
 * or creating clinics gets nothing of clinic B and changes nothing of B's. Real HTTP, so
 * the stream is in the table too. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { COLLECTION_NAMES } from '../../shared/schemas/index.js';
import { ROUTES, SYNC_HEADERS, type EnrollmentCode } from '../../shared/sync/protocol.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { staffDoc } from '../test-support/docs.js';
import { ADMIN_SECRET, call, createClinic, enrollDesk, insert, type Desk, type TestClinic } from '../test-support/harness.js';
import { openStream } from '../test-support/sse.js';
import { testServer } from '../test-support/harness.js';

/** Every name and content of clinic B carries this marker, so a leak shows in any response. */
const B = 'bsecret';

interface Ctx {
  url: string;
  a: TestClinic;
  b: TestClinic;
  /** A's desk claiming to be signed in as B's admin. */
  aAsB: Desk;
  bDevice: Desk;
  bDocs: Map<string, { id: string; _deleted: boolean }>;
}

async function http(ctx: Ctx, method: 'GET' | 'POST', path: string, desk: Desk | null, body?: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (desk) headers[SYNC_HEADERS.authorization] = `Bearer ${desk.token}`;
  if (desk?.staffId) headers[SYNC_HEADERS.staff] = desk.staffId;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, ctx.url), { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, text: await res.text() };
}

type Row = [name: string, run: (ctx: Ctx) => Promise<string>];

const routes: Row[] = [
  ...COLLECTION_NAMES.map((c): Row => [`pull ${c}`, async (ctx) => {
    const res = await http(ctx, 'GET', `${ROUTES.pull(c)}?seq=0&limit=1000`, ctx.a.desk);
    expect(res.status).toBe(200);
    return res.text;
  }]),
  ...COLLECTION_NAMES.map((c): Row => [`push ${c} over B's documents`, async (ctx) => {
    // A knows (or guesses) the id of B's document, never its content.
    const id = ctx.bDocs.get(c)!.id;
    const rows = [
      { newDocumentState: { id, _deleted: false, note: 'from A' }, assumedMasterState: { id, _deleted: false, note: 'a guess' } },
      { newDocumentState: { id, _deleted: true, note: 'from A' } },
    ];
    const res = await http(ctx, 'POST', ROUTES.push(c), ctx.a.desk, rows);
    const asB = await http(ctx, 'POST', ROUTES.push(c), ctx.aAsB, rows);
    return res.text + asB.text;
  }]),
  ['stream', async (ctx) => {
    const s = await openStream(ctx.url, ctx.a.desk);
    await s.waitFor((e) => e.type === 'resync');
    await insert(ctxApp, ctx.b.desk, 'clients', [{ id: `${B}-late-${Date.now()}`, _deleted: false }]);
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
    const enrolled = await http(ctx, 'POST', ROUTES.enroll, null, { code, deviceName: 'A desk' });
    expect(JSON.parse(enrolled.text).clinicId).toBe(ctx.a.clinicId);
    return asB.text + own.text + enrolled.text;
  }],
  ["create a clinic with B's id", async (ctx) => {
    const res = await http(ctx, 'POST', ROUTES.clinics, { ...ctx.a.desk, token: ADMIN_SECRET }, {
      clinicId: ctx.b.clinicId, clinicName: 'Taken', admin: staffDoc('st-x', 'X', ['admin']), deviceName: 'x',
    });
    expect(res.status).toBe(409);
    const withDeviceToken = await http(ctx, 'POST', ROUTES.clinics, ctx.a.desk, { clinicId: 'c-new', clinicName: 'n', admin: staffDoc('st-x', 'X', ['admin']), deviceName: 'x' });
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
    const b = await createClinic(app, `Clinic ${B}`);
    const bDevice = await enrollDesk(app, b, `${B} desk`);
    const bDocs = new Map<string, { id: string; _deleted: boolean }>();
    for (const c of COLLECTION_NAMES) {
      // Ids without the marker: A pushes to the same ids, and its own copies may come back to it.
      const doc = c === 'staff' ? staffDoc('doc-staff', `${B} person`, ['reception']) : { id: `doc-${c}`, _deleted: false, note: B, status: 'draft', number: 0, ...(c === 'invoices' ? { kind: 'invoice' } : {}), ...(c === 'payments' ? { kind: 'payment', method: 'cash', amountMinor: 100 } : {}) };
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
