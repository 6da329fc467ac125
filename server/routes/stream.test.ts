/** The change stream over real HTTP, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type ErrorBody } from '../../shared/sync/protocol.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { clientDoc } from '../test-support/docs.js';
import { call, createClinic, enrollDesk, insert, push, testServer } from '../test-support/harness.js';
import { openStream, type TestStream } from '../test-support/sse.js';

const until = async (cond: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(backends())('event stream on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let url: string;
  const streams: TestStream[] = [];
  const open = async (...args: Parameters<typeof openStream>) => {
    const s = await openStream(...args);
    streams.push(s);
    return s;
  };

  beforeAll(async () => {
    store = await backend.freshStore();
    app = testServer(store, { heartbeatMs: 40 });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await app?.close();
    await backend.teardown();
  });

  it('starts with resync and keeps the connection alive with heartbeats', async () => {
    const clinic = await createClinic(app);
    const s = await open(url, clinic.desk);
    expect(s.status).toBe(200);
    expect(await s.waitFor((e) => e.type === 'resync')).toEqual({ type: 'resync' });
    expect(s.raw()).toMatch(/^event: message\ndata: \{"type":"resync"\}\n\n/);
    await until(() => s.raw().includes(': heartbeat\n\n'));
  });

  it("tells every desk of the clinic after another desk's push commits, and only when something changed", async () => {
    const clinic = await createClinic(app);
    const other = await enrollDesk(app, clinic);
    const s = await open(url, clinic.desk);
    await s.waitFor((e) => e.type === 'resync');
    const doc = clientDoc('cl-s');
    await insert(app, other, 'clients', [doc]);
    const seq = (await store.query<{ seq: number }>('SELECT seq FROM clinics WHERE id = $1', [clinic.clinicId]))[0]!.seq;
    expect(await s.waitFor((e) => e.type === 'changed')).toEqual({ type: 'changed', collections: ['clients'], seq });
    // The same push again changes nothing: no event.
    await push(app, other, 'clients', [{ newDocumentState: doc }]);
    await insert(app, other, 'bookings', [{ id: 'b-1', _deleted: false }]);
    await s.waitFor((e) => e.type === 'changed' && e.collections[0] === 'bookings');
    expect(s.events.map((e) => e.type)).toEqual(['resync', 'changed', 'changed']);
  });

  it("never tells a desk about another clinic's changes", async () => {
    const a = await createClinic(app, 'Clinic A');
    const b = await createClinic(app, 'Clinic B');
    const sa = await open(url, a.desk);
    const sb = await open(url, b.desk);
    await sa.waitFor((e) => e.type === 'resync');
    await insert(app, b.desk, 'clients', [clientDoc('cl-b')]);
    await sb.waitFor((e) => e.type === 'changed');
    await new Promise((r) => setTimeout(r, 150));
    expect(sa.events).toEqual([{ type: 'resync' }]);
  });

  it('forgets a stream when the desk disconnects, and ends the stream of a revoked desk', async () => {
    const clinic = await createClinic(app);
    const other = await enrollDesk(app, clinic);
    const s1 = await open(url, clinic.desk);
    const s2 = await open(url, other);
    await s1.waitFor((e) => e.type === 'resync');
    await s2.waitFor((e) => e.type === 'resync');
    expect(app.streamHub.size(clinic.clinicId)).toBe(2);
    s1.close();
    await until(() => app.streamHub.size(clinic.clinicId) === 1);
    await call(app, 'POST', ROUTES.revokeDevice(other.deviceId), { desk: clinic.desk, body: {} });
    await s2.ended;
    expect(app.streamHub.size(clinic.clinicId)).toBe(0);
    const again = await fetch(new URL(ROUTES.stream, url), { headers: { authorization: `Bearer ${other.token}` } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as ErrorBody).error.code).toBe('device_revoked');
  });

  it('closes open streams when the server stops', async () => {
    const own = testServer(store, { heartbeatMs: 1000 });
    const ownUrl = await own.listen({ port: 0, host: '127.0.0.1' });
    const clinic = await createClinic(own);
    const s = await open(ownUrl, clinic.desk);
    await s.waitFor((e) => e.type === 'resync');
    const t = Date.now();
    await own.close();
    await s.ended;
    expect(Date.now() - t).toBeLessThan(2000);
  });
});
