/**
 * Limits on guessing enrolment codes (docs/decisions/0020-server-hardening.md), on PGlite and
 * PostgreSQL: per client address, per server, and codes withdrawn after too many wrong guesses.
 * The clock moves; nothing sleeps.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ROUTES, type EnrollmentCode, type ErrorBody } from '../../shared/sync/protocol.js';
import { createTranslator } from '../../shared/i18n/translator.js';
import { ENROLMENT_LIMITS } from '../auth/attempt-limits.js';
import { hashSecret } from '../auth/secrets.js';
import type { Store } from '../store/store.js';
import { backends } from '../test-support/backends.js';
import { call, createClinic, nextDeskId, testServer, type TestClinic } from '../test-support/harness.js';

const MINUTE = 60_000;
const ADDRESS_LOCKED = 'Too many wrong enrolment codes from this computer. Wait 15 minutes, then type the code again, or ask an admin for a new one.';
const SERVER_LOCKED = 'Too many wrong enrolment codes have been tried on this sync server, so it takes no enrolments for now. Wait 15 minutes, then ask an admin for a new code.';

describe.each(backends())('enrolment limits on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let clock: Date;
  let clinic: TestClinic;
  let nextHost = 1;
  /** A new client address for each test, so tests do not share address buckets. */
  const freshAddress = () => `10.20.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 1}`;
  const later = (ms: number) => { clock = new Date(clock.getTime() + ms); };

  const enrol = (code: string, remoteAddress: string, server = app) =>
    call<ErrorBody>(server, 'POST', ROUTES.enroll, { body: { code, deviceName: 'New desk', deskId: nextDeskId() }, remoteAddress });
  const newCode = async () => (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code;
  const devices = async () => (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM devices'))[0]!.n;
  const codeUsed = async (code: string) => (await store.query<{ used_at: Date | null }>('SELECT used_at FROM enrollment_codes WHERE code_hash = $1', [hashSecret(code)]))[0]!.used_at !== null;

  beforeAll(async () => {
    store = await backend.freshStore();
    clock = new Date('2026-03-02T08:00:00.000Z');
    app = testServer(store, { now: () => clock });
    clinic = await createClinic(app);
  });
  // Each test starts after every lock and window of the one before.
  beforeEach(() => later(60 * MINUTE));
  afterAll(async () => {
    await app?.close();
    await backend.teardown();
  });

  it('locks an address on its tenth wrong code for 15 minutes, and refuses even the right code meanwhile', async () => {
    const address = freshAddress();
    const code = await newCode();
    for (let i = 0; i < ENROLMENT_LIMITS.address.attempts - 1; i++) {
      expect((await enrol('WRONG234', address)).body.error.code).toBe('enrollment_code_invalid');
    }
    const tenth = await call<ErrorBody>(app, 'POST', ROUTES.enroll, { body: { code: 'WRONG234', deviceName: 'x', deskId: nextDeskId() }, remoteAddress: address });
    expect(tenth).toEqual({ status: 429, body: { error: { code: 'enrollment_locked_address', message: ADDRESS_LOCKED, text: { id: 'enrol.lockedAddress', values: { minutes: 15 } } } } });
    // The same refusal on a Norwegian desk.
    expect(createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' }).t(tenth.body.error.text!))
      .toBe('For mange feil registreringskoder fra denne datamaskinen. Vent 15 minutter, og skriv så inn koden igjen, eller be en administrator om en ny.');
    const before = await devices();
    const right = await app.inject({ method: 'POST', url: ROUTES.enroll, payload: { code, deviceName: 'New desk', deskId: nextDeskId() }, remoteAddress: address });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe(String(15 * 60));
    expect(await devices()).toBe(before);
    expect(await codeUsed(code)).toBe(false);

    // Another computer is not held up, and the lock ends on time.
    expect((await enrol(await newCode(), freshAddress())).status).toBe(201);
    later(14 * MINUTE);
    const wait = await enrol(code, address);
    expect(wait.body.error.message).toMatch(/Wait 1 minute,/);
    later(MINUTE);
    expect((await enrol(code, address)).status).toBe(201);
    expect(await devices()).toBe(before + 2);
  });

  it('lets a computer that gave the right code start counting again', async () => {
    const address = freshAddress();
    for (let i = 0; i < ENROLMENT_LIMITS.address.attempts - 1; i++) await enrol('WRONG234', address);
    expect((await enrol(await newCode(), address)).status).toBe(201);
    for (let i = 0; i < ENROLMENT_LIMITS.address.attempts - 1; i++) {
      expect((await enrol('WRONG234', address)).status).toBe(400);
    }
  });

  it('counts a burst of wrong codes sent at once one by one', async () => {
    const address = freshAddress();
    const results = await Promise.all(Array.from({ length: 25 }, () => enrol('WRONG234', address)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(ENROLMENT_LIMITS.address.attempts - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25 - (ENROLMENT_LIMITS.address.attempts - 1));
  });

  it('takes no enrolments from any address once the server has seen 50 wrong codes in 15 minutes', async () => {
    const code = await newCode();
    const answers = [];
    for (let i = 0; i < ENROLMENT_LIMITS.server.attempts; i++) answers.push(await enrol('WRONG234', freshAddress()));
    expect(answers.slice(0, -1).every((a) => a.status === 400)).toBe(true);
    expect(answers.at(-1)).toEqual({ status: 429, body: { error: { code: 'enrollment_locked_server', message: SERVER_LOCKED, text: { id: 'enrol.lockedServer', values: { minutes: 15 } } } } });
    const newcomer = freshAddress();
    expect(await enrol(code, newcomer)).toEqual({ status: 429, body: { error: { code: 'enrollment_locked_server', message: SERVER_LOCKED, text: { id: 'enrol.lockedServer', values: { minutes: 15 } } } } });
    expect(await codeUsed(code)).toBe(false);
    later(15 * MINUTE);
    expect((await enrol(code, newcomer)).status).toBe(201);
  });

  it('withdraws a live code after 100 wrong codes on the server, so guessing cannot win; a newer code works', async () => {
    const code = await newCode();
    for (let round = 0; round < ENROLMENT_LIMITS.wrongGuessesPerCode / ENROLMENT_LIMITS.server.attempts; round++) {
      for (let i = 0; i < ENROLMENT_LIMITS.server.attempts; i++) await enrol('WRONG234', freshAddress());
      later(15 * MINUTE);
    }
    const before = await devices();
    expect(await enrol(code, freshAddress())).toEqual({
      status: 410,
      body: { error: { code: 'enrollment_code_withdrawn', message: 'That enrolment code was withdrawn because too many wrong codes were tried on this sync server. Ask an admin for a new one.', text: { id: 'enrol.codeWithdrawn' } } },
    });
    expect(await devices()).toBe(before);
    expect((await enrol(await newCode(), freshAddress())).status).toBe(201);
  });

  it('keeps the counts in the database: a restarted or second server process sees the same lock', async () => {
    const address = freshAddress();
    const other = testServer(store, { now: () => clock });
    try {
      for (let i = 0; i < ENROLMENT_LIMITS.address.attempts; i++) await enrol('WRONG234', address, i % 2 ? app : other);
      const restarted = testServer(store, { now: () => clock });
      expect((await enrol(await newCode(), address, restarted)).body.error.code).toBe('enrollment_locked_address');
      await restarted.close();
    } finally {
      await other.close();
    }
  });

  it('forgets buckets whose window and lock are over, so the table does not grow with every address', async () => {
    const locked = freshAddress();
    for (let i = 0; i < ENROLMENT_LIMITS.address.attempts; i++) await enrol('WRONG234', locked);
    later(ENROLMENT_LIMITS.address.windowMs);
    await enrol('WRONG234', freshAddress());
    const buckets = () => store.query<{ bucket: string }>('SELECT bucket FROM enrollment_attempts').then((rows) => rows.map((r) => r.bucket));
    // The lock (15 minutes from the tenth attempt) has just ended; the next window opened with it.
    expect(await buckets()).toContain(`address ${locked}`);
    later(ENROLMENT_LIMITS.address.windowMs + MINUTE);
    const last = freshAddress();
    await enrol('WRONG234', last);
    expect((await buckets()).sort()).toEqual([`address ${last}`, 'server']);
  });

  it('does not count a request without a code (nothing was guessed)', async () => {
    const address = freshAddress();
    for (let i = 0; i < ENROLMENT_LIMITS.address.attempts + 2; i++) {
      expect((await call(app, 'POST', ROUTES.enroll, { body: { deviceName: 'x', deskId: nextDeskId() }, remoteAddress: address })).status).toBe(400);
    }
    expect((await enrol('WRONG234', address)).status).toBe(400);
  });
});
