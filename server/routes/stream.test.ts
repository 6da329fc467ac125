/** The change stream over real HTTP, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, SYNC_HEADERS, type ErrorBody } from '../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { activityDoc, clientDoc } from '../test-support/docs.js';
import { by, call, createClinic, enrollDesk, factBy, insert, push, testServer } from '../test-support/harness.js';
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
    const doc = clientDoc('cl-s', by(other));
    await insert(app, other, 'clients', [doc]);
    const seq = (await store.query<{ seq: number }>('SELECT seq FROM clinics WHERE id = $1', [clinic.clinicId]))[0]!.seq;
    expect(await s.waitFor((e) => e.type === 'changed')).toEqual({ type: 'changed', collections: ['clients'], seq });
    // The same push again changes nothing: no event.
    await push(app, other, 'clients', [{ newDocumentState: doc }]);
    await insert(app, other, 'activity', [activityDoc('a-1', factBy(other))]);
    await s.waitFor((e) => e.type === 'changed' && e.collections[0] === 'activity');
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
    const again = await fetch(new URL(ROUTES.stream, url), { headers: { authorization: `Bearer ${other.token}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
    expect(again.status).toBe(401);
    expect(((await again.json()) as ErrorBody).error.code).toBe('device_revoked');
  });

  it("refuses a desk's fifth stream with 429 and a clear message; closing one frees its slot", async () => {
    const clinic = await createClinic(app);
    const four = await Promise.all([1, 2, 3, 4].map(() => open(url, clinic.desk)));
    await Promise.all(four.map((s) => s.waitFor((e) => e.type === 'resync')));
    const fifth = await fetch(new URL(ROUTES.stream, url), { headers: { authorization: `Bearer ${clinic.desk.token}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('30');
    expect(await fifth.json()).toEqual({ error: {
      code: 'too_many_streams_device',
      message: "This desk already has 4 live connections to the sync server, the most one desk may have. Close the app's other windows on this computer; the desk connects again by itself.",
      text: { id: 'serverError.streams.desk', values: { count: 4 } },
    } });
    expect(app.streamHub.size(clinic.clinicId)).toBe(4);
    // Another desk of the clinic still connects.
    const other = await open(url, await enrollDesk(app, clinic));
    expect(other.status).toBe(200);
    four[0]!.close();
    await until(() => app.streamHub.size(clinic.clinicId) === 4);
    const again = await open(url, clinic.desk);
    expect(again.status).toBe(200);
    await again.waitFor((e) => e.type === 'resync');
  });

  it("refuses a stream beyond the clinic's limit, and only for that clinic", async () => {
    const own = testServer(store, { heartbeatMs: 1000, streamLimits: { perDevice: 4, perClinic: 3 } });
    const ownUrl = await own.listen({ port: 0, host: '127.0.0.1' });
    try {
      const clinic = await createClinic(own);
      const desks = [clinic.desk, await enrollDesk(own, clinic), await enrollDesk(own, clinic, 'Desk 3'), await enrollDesk(own, clinic, 'Desk 4')];
      const first = await Promise.all(desks.slice(0, 3).map((d) => open(ownUrl, d)));
      expect(first.map((s) => s.status)).toEqual([200, 200, 200]);
      const fourth = await fetch(new URL(ROUTES.stream, ownUrl), { headers: { authorization: `Bearer ${desks[3]!.token}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });
      expect(fourth.status).toBe(429);
      expect(((await fourth.json()) as ErrorBody).error).toEqual({
        code: 'too_many_streams_clinic',
        message: 'The clinic already has 3 live connections to the sync server, the most one clinic may have. Close the app on computers that are not in use; this desk connects again by itself.',
        text: { id: 'serverError.streams.clinic', values: { count: 3 } },
      });
      const elsewhere = await open(ownUrl, (await createClinic(own, 'Other clinic')).desk);
      expect(elsewhere.status).toBe(200);
      first[1]!.close();
      await until(() => own.streamHub.size(clinic.clinicId) === 2);
      expect((await open(ownUrl, desks[3]!)).status).toBe(200);
    } finally {
      for (const s of streams) s.close();
      await own.close();
    }
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
