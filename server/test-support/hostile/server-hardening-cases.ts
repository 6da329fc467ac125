/**
 * The hostile inputs of the server's hardening (docs/decisions/0020-server-hardening.md), as a
 * list one suite can run and count ("hostile-inputs: cases=N refused=N stored=0 errors500=0"):
 * each case sets up its own server on a fresh store, attacks it, and reports the status the
 * attack got and whether the server kept anything it should have refused. Imported by tests only.
 */
import type { FastifyInstance } from 'fastify';
import { ROUTES, type EnrollmentCode } from '../../../shared/sync/protocol.js';
import { ENROLMENT_LIMITS } from '../../auth/attempt-limits.js';
import type { ServerOptions } from '../../app.js';
import type { Store } from '../../store/store.js';
import type { Backend } from '../backends.js';
import { call, createClinic, enrollDesk, nextDeskId, testServer, type Desk, type TestClinic } from '../harness.js';
import { openStream, type TestStream } from '../sse.js';

export interface HostileResult {
  readonly status: number;
  /** The server kept or did what it should have refused: a device enrolled, a stream held, a guess checked beyond the budget. */
  readonly stored: boolean;
}

export interface HostileCase {
  readonly name: string;
  run(): Promise<HostileResult>;
}

const MINUTE = 60_000;
const WRONG = 'WRONG234';

/** A server on a fresh store with a movable clock and one clinic, for the enrolment cases. */
async function enrolmentServer(backend: Pick<Backend, 'freshStore'>) {
  const store = await backend.freshStore();
  let clock = new Date('2026-03-02T08:00:00.000Z');
  const app = testServer(store, { now: () => clock });
  const clinic = await createClinic(app);
  let host = 0;
  return {
    app,
    later: (ms: number) => { clock = new Date(clock.getTime() + ms); },
    address: () => `10.66.${Math.floor(host / 250)}.${(host++ % 250) + 1}`,
    code: async () => (await call<EnrollmentCode>(app, 'POST', ROUTES.enrollmentCodes, { desk: clinic.desk, body: {} })).body.code,
    enrol: (code: string, remoteAddress: string) => call(app, 'POST', ROUTES.enroll, { body: { code, deviceName: 'Intruder', deskId: nextDeskId() }, remoteAddress }),
    /** Desks beyond the clinic's first: any is one the attack enrolled. */
    enrolled: async () => (await store.query<{ n: number }>('SELECT count(*)::int AS n FROM devices WHERE clinic_id = $1', [clinic.clinicId]))[0]!.n > 1,
  };
}

/** Runs `fn` against a fresh server, closing it afterwards. */
async function withEnrolmentServer(backend: Pick<Backend, 'freshStore'>, fn: (s: Awaited<ReturnType<typeof enrolmentServer>>) => Promise<HostileResult>): Promise<HostileResult> {
  const server = await enrolmentServer(backend);
  try {
    return await fn(server);
  } finally {
    await server.app.close();
  }
}

/** A listening server (event streams need real HTTP) and a clinic on it. */
async function withStreamServer(
  backend: Pick<Backend, 'freshStore'>, options: Partial<ServerOptions>,
  fn: (s: { app: FastifyInstance; clinic: TestClinic; open: (desk: Desk) => Promise<TestStream> }) => Promise<HostileResult>,
): Promise<HostileResult> {
  const store: Store = await backend.freshStore();
  const app = testServer(store, { heartbeatMs: 60_000, ...options });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const streams: TestStream[] = [];
  const open = async (desk: Desk) => {
    const s = await openStream(url, desk);
    streams.push(s);
    return s;
  };
  try {
    return await fn({ app, clinic: await createClinic(app), open });
  } finally {
    for (const s of streams) s.close();
    await app.close();
  }
}

export function serverHardeningCases(backend: Pick<Backend, 'freshStore'>): HostileCase[] {
  return [
    {
      name: 'enrolment: a burst of 25 wrong codes at once from one address',
      run: () => withEnrolmentServer(backend, async (s) => {
        const address = s.address();
        const answers = await Promise.all(Array.from({ length: 25 }, () => s.enrol(WRONG, address)));
        const checked = answers.filter((a) => a.status !== 429).length;
        // The budget's last attempt is answered 429 too (it locked the address).
        return { status: answers.at(-1)!.status, stored: checked > ENROLMENT_LIMITS.address.attempts - 1 || (await s.enrolled()) };
      }),
    },
    {
      name: 'enrolment: the right code from a locked address',
      run: () => withEnrolmentServer(backend, async (s) => {
        const code = await s.code();
        const address = s.address();
        for (let i = 0; i < ENROLMENT_LIMITS.address.attempts; i++) await s.enrol(WRONG, address);
        s.later(14 * MINUTE);
        return { status: (await s.enrol(code, address)).status, stored: await s.enrolled() };
      }),
    },
    {
      name: 'enrolment: the right code from a new address while the server is locked',
      run: () => withEnrolmentServer(backend, async (s) => {
        const code = await s.code();
        for (let i = 0; i < ENROLMENT_LIMITS.server.attempts; i++) await s.enrol(WRONG, s.address());
        return { status: (await s.enrol(code, s.address())).status, stored: await s.enrolled() };
      }),
    },
    {
      name: 'enrolment: the right code after 100 wrong codes from many addresses (withdrawn)',
      run: () => withEnrolmentServer(backend, async (s) => {
        const code = await s.code();
        for (let round = 0; round < ENROLMENT_LIMITS.wrongGuessesPerCode / ENROLMENT_LIMITS.server.attempts; round++) {
          for (let i = 0; i < ENROLMENT_LIMITS.server.attempts; i++) await s.enrol(WRONG, s.address());
          s.later(15 * MINUTE);
        }
        return { status: (await s.enrol(code, s.address())).status, stored: await s.enrolled() };
      }),
    },
    {
      name: "streams: a device's fifth event stream",
      run: () => withStreamServer(backend, {}, async ({ app, clinic, open }) => {
        for (let i = 0; i < 4; i++) await (await open(clinic.desk)).waitFor((e) => e.type === 'resync');
        const fifth = await open(clinic.desk);
        return { status: fifth.status, stored: app.streamHub.size(clinic.clinicId) > 4 };
      }),
    },
    {
      name: "streams: a stream beyond the clinic's limit, from another desk",
      run: () => withStreamServer(backend, { streamLimits: { perDevice: 4, perClinic: 2 } }, async ({ app, clinic, open }) => {
        const desks = [clinic.desk, await enrollDesk(app, clinic), await enrollDesk(app, clinic, 'Desk 3')];
        for (const desk of desks.slice(0, 2)) await (await open(desk)).waitFor((e) => e.type === 'resync');
        const third = await open(desks[2]!);
        return { status: third.status, stored: app.streamHub.size(clinic.clinicId) > 2 };
      }),
    },
  ];
}
