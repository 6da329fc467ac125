/**
 * The hostile-input suite (docs/design.md invariants 11 and 13; SECURITY.md): every case of
 * every hostile list, against the real parts — the sync server on PGlite and on PostgreSQL
 * (documents a desk could never write, forged actors and system writes, invoice-number
 * forgery, enrolment guessing, stream floods, oversized bodies) and a running browser host
 * (no session, stolen page, foreign Origin or Host, forged cookies). Each case must be
 * refused, store nothing and never answer 500. Prints the one figure line SECURITY.md keeps:
 * `hostile-inputs: cases=N refused=N stored=0 errors500=0`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startHost } from '../../electron/host/host-server.js';
import { startTestHost } from '../../electron/host/test-support/host-fixture.js';
import { HOST_HOSTILE_CASES, runHostileCases } from '../../electron/host/test-support/hostile-cases.js';
import { backends } from '../../server/test-support/backends.js';
import { pullAll, testServer } from '../../server/test-support/harness.js';
import { COLLECTION_NAMES } from '../../shared/schemas/index.js';
import { checkPulledDocuments } from '../../shared/sync/document-validation.js';
import { HOSTILE_ACTOR_CASES } from '../../server/test-support/hostile/actor-cases.js';
import { HOSTILE_DOCUMENT_CASES, prepareHostileTarget, type HostileTarget } from '../../server/test-support/hostile/document-cases.js';
import { serverHardeningCases } from '../../server/test-support/hostile/server-hardening-cases.js';

interface Tally { readonly name: string; readonly refused: boolean; readonly stored: boolean; readonly status: number }
const tallies: Tally[] = [];

afterAll(() => {
  const count = (f: (t: Tally) => boolean) => tallies.filter(f).length;
  console.log(`hostile-inputs: cases=${tallies.length} refused=${count((t) => t.refused)} stored=${count((t) => t.stored)} errors500=${count((t) => t.status >= 500)}`);
});

const PUSH_CASES = [...HOSTILE_DOCUMENT_CASES, ...HOSTILE_ACTOR_CASES];

describe.each(backends())('hostile pushes and requests on $name', (backend) => {
  let app: FastifyInstance;
  let target: HostileTarget;

  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  beforeAll(async () => {
    const store = await backend.freshStore();
    app = testServer(store);
    target = await prepareHostileTarget(app, store);
  });

  it.each(PUSH_CASES.map((c) => [c.name, c] as const))('%s', async (name, hostile) => {
    const outcome = await hostile.run(target);
    tallies.push({ name: `${backend.name}: ${name}`, refused: outcome.refused && outcome.code === hostile.expectCode, stored: outcome.stored, status: outcome.status });
    expect(outcome.status).toBeLessThan(500);
    expect(outcome.stored).toBe(false);
    expect(outcome.refused).toBe(true);
    expect(outcome.code).toBe(hostile.expectCode);
    if (!hostile.wholeBody && outcome.companionStored !== null) expect(outcome.companionStored, 'the harmless row in the same push').toBe(true);
  });

  it('serves, after all of them, only documents a desk would take', async () => {
    for (const collection of COLLECTION_NAMES) {
      const { rejected } = checkPulledDocuments(collection, await pullAll(app, target.clinic.desk, collection));
      expect(rejected, collection).toEqual([]);
    }
  });

  for (const hostile of serverHardeningCases(backend)) {
    it(hostile.name, async () => {
      const result = await hostile.run();
      tallies.push({ name: `${backend.name}: ${hostile.name}`, refused: result.status >= 400 && result.status < 500, stored: result.stored, status: result.status });
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
      expect(result.stored).toBe(false);
    });
  }
});

describe('hostile requests to a browser host', () => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('refuses every case with its status and never hands out a session', async () => {
    const host = await startTestHost(startHost, cleanups);
    const outcomes = await runHostileCases(host);
    for (const o of outcomes) tallies.push({ name: `host: ${o.name}`, refused: o.refused, stored: !o.refused, status: o.status });
    expect(outcomes).toEqual(HOST_HOSTILE_CASES.map((c) => ({ name: c.name, refused: true, status: c.status })));
  });

  it('counts at least 80 cases in all', () => {
    expect(PUSH_CASES.length + HOST_HOSTILE_CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(PUSH_CASES.map((c) => c.name)).size).toBe(PUSH_CASES.length);
  });
});
