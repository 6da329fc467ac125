import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../../shared/sync/protocol.js';
import { backends } from '../test-support/backends.js';
import { call, createClinic, enrollDesk, testServer, type Desk } from '../test-support/harness.js';

describe.each(backends())('send claims on $name', (backend) => {
  let app: FastifyInstance;
  let a1: Desk;
  let a2: Desk;
  let b: Desk;

  beforeAll(async () => {
    app = testServer(await backend.freshStore());
    const clinicA = await createClinic(app, 'A');
    a1 = clinicA.desk;
    a2 = await enrollDesk(app, clinicA);
    b = (await createClinic(app, 'B')).desk;
  });
  afterAll(async () => {
    await app.close();
    await backend.teardown();
  });

  const claim = (desk: Desk, key: string) => call<{ won: boolean }>(app, 'POST', ROUTES.claims, { desk, body: { key } });

  it('gives a job to one desk of a clinic; another clinic claims its own keys independently', async () => {
    expect((await claim(a1, 'r1:email')).body).toEqual({ won: true });
    expect((await claim(a2, 'r1:email')).body).toEqual({ won: false });
    expect((await claim(b, 'r1:email')).body).toEqual({ won: true });
  });

  it('lets only the claiming desk finish; a failed send frees the job; unfinished claims are listed per desk', async () => {
    await claim(a1, 'r2:sms');
    expect((await call(app, 'POST', ROUTES.finishClaim, { desk: a2, body: { key: 'r2:sms', outcome: 'sent' } })).status).toBe(404);
    expect((await call(app, 'POST', ROUTES.finishClaim, { desk: b, body: { key: 'r2:sms', outcome: 'sent' } })).status).toBe(404);
    expect((await call<{ keys: string[] }>(app, 'GET', ROUTES.unfinishedClaims, { desk: a1 })).body.keys).toEqual(expect.arrayContaining(['r1:email', 'r2:sms']));
    expect((await call<{ keys: string[] }>(app, 'GET', ROUTES.unfinishedClaims, { desk: a2 })).body.keys).toEqual([]);
    expect((await call(app, 'POST', ROUTES.finishClaim, { desk: a1, body: { key: 'r2:sms', outcome: 'failed' } })).status).toBe(200);
    expect((await claim(a2, 'r2:sms')).body).toEqual({ won: true });
    expect((await call(app, 'POST', ROUTES.finishClaim, { desk: a2, body: { key: 'r2:sms', outcome: 'sent' } })).status).toBe(200);
    expect((await claim(a1, 'r2:sms')).body).toEqual({ won: false });
  });

  it('refuses bad keys and outcomes, and callers without a device token', async () => {
    expect((await claim(a1, 'has spaces')).status).toBe(400);
    expect((await call(app, 'POST', ROUTES.finishClaim, { desk: a1, body: { key: 'r1:email', outcome: 'maybe' } })).status).toBe(400);
    expect((await call(app, 'POST', ROUTES.claims, { body: { key: 'r9:email' } })).status).toBe(401);
  });
});
