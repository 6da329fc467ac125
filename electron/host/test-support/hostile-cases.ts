/**
 * Browser host mode's hostile cases (decision 0019): what another user of the machine, a
 * non-browser client or a DNS-rebinding page might send, each with the refusal it must get.
 * runHostileCases drives a real running host with raw HTTP and reports `{ name, refused,
 * status }` per case — the figures for a hostile-input line. A case counts as refused only
 * when its status is the expected refusal and the answer carries no session cookie.
 * For the host's tests (admission.test.ts) and benchmarks only.
 */
import crypto from 'node:crypto';
import { CODE_LIFETIME_MS } from '../opening-codes.js';
import { mintSessionValue, sessionCookieName } from '../session-key.js';
import { probe, signIn, type ProbeResponse } from './http-probe.js';

export interface HostileTarget {
  readonly port: number;
  /** A fresh opening link, as the launcher gets one. */
  openingUrl(): string;
  /** Moves the host's clock forward. */
  passTime(ms: number): void;
}

export interface HostileCase {
  readonly name: string;
  /** The refusal it must get. */
  readonly status: number;
  run(target: HostileTarget): Promise<ProbeResponse>;
}

export interface HostileOutcome {
  readonly name: string;
  readonly refused: boolean;
  readonly status: number;
}

const codeOf = (openingUrl: string) => new URL(openingUrl).search;
const otherPort = (port: number) => (port === 65535 ? port - 1 : port + 1);
const origin = (t: HostileTarget) => `http://127.0.0.1:${t.port}`;
const forgedCookie = (t: HostileTarget) => `${sessionCookieName(t.port)}=${mintSessionValue(crypto.randomBytes(32))}`;

export const HOST_HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'GET / without an opening code or a session', status: 403, run: (t) => probe({ port: t.port, path: '/' }) },
  { name: 'GET an app file without a session', status: 403, run: (t) => probe({ port: t.port, path: '/favicon.svg' }) },
  { name: 'GET / with a made-up opening code', status: 403, run: (t) => probe({ port: t.port, path: `/?code=${crypto.randomBytes(24).toString('base64url')}` }) },
  {
    name: 'GET / with an opening code already used',
    status: 403,
    async run(t) {
      const url = t.openingUrl();
      await signIn(url);
      return probe({ port: t.port, path: `/${codeOf(url)}` });
    },
  },
  {
    name: 'GET / with an expired opening code',
    status: 403,
    run(t) {
      const url = t.openingUrl();
      t.passTime(CODE_LIFETIME_MS);
      return probe({ port: t.port, path: `/${codeOf(url)}` });
    },
  },
  { name: 'GET / with a session cookie made with another key', status: 403, run: (t) => probe({ port: t.port, path: '/', headers: { cookie: forgedCookie(t) } }) },
  { name: 'POST / with a fresh opening code', status: 405, run: (t) => probe({ port: t.port, path: `/${codeOf(t.openingUrl())}`, method: 'POST' }) },
  { name: 'GET / with a fresh code and Host: evil.example:PORT (DNS rebinding)', status: 421, run: (t) => probe({ port: t.port, path: `/${codeOf(t.openingUrl())}`, headers: { host: `evil.example:${t.port}` } }) },
  { name: 'GET / with Host: 127.0.0.1:OTHERPORT', status: 421, run: (t) => probe({ port: t.port, path: `/${codeOf(t.openingUrl())}`, headers: { host: `127.0.0.1:${otherPort(t.port)}` } }) },
  // Node's HTTP server answers these itself, before the host sees them.
  { name: 'GET / without a Host header', status: 400, run: (t) => probe({ port: t.port, path: `/${codeOf(t.openingUrl())}`, headers: { host: null } }) },
  { name: 'WebSocket without a session, with the right Origin', status: 403, run: (t) => probe({ port: t.port, path: '/link', upgrade: true, headers: { origin: origin(t) } }) },
  { name: 'WebSocket with a session cookie made with another key', status: 403, run: (t) => probe({ port: t.port, path: '/link', upgrade: true, headers: { origin: origin(t), cookie: forgedCookie(t) } }) },
  {
    name: 'WebSocket with a valid session and a foreign Origin',
    status: 403,
    async run(t) {
      return probe({ port: t.port, path: '/link', upgrade: true, headers: { origin: 'http://evil.example', cookie: await signIn(t.openingUrl()) } });
    },
  },
  {
    name: 'WebSocket with a valid session and no Origin (not a browser)',
    status: 403,
    async run(t) {
      return probe({ port: t.port, path: '/link', upgrade: true, headers: { cookie: await signIn(t.openingUrl()) } });
    },
  },
  {
    name: 'WebSocket with a valid session, Host and Origin evil.example:PORT (DNS rebinding)',
    status: 421,
    async run(t) {
      const cookie = await signIn(t.openingUrl());
      return probe({ port: t.port, path: '/link', upgrade: true, headers: { host: `evil.example:${t.port}`, origin: `http://evil.example:${t.port}`, cookie } });
    },
  },
  {
    name: 'WebSocket with a valid session and Host: 127.0.0.1:OTHERPORT',
    status: 421,
    async run(t) {
      const cookie = await signIn(t.openingUrl());
      const other = `127.0.0.1:${otherPort(t.port)}`;
      return probe({ port: t.port, path: '/link', upgrade: true, headers: { host: other, origin: `http://${other}`, cookie } });
    },
  },
];

/** Runs every case against the host, one after another; the outcomes, in the list's order. */
export async function runHostileCases(target: HostileTarget): Promise<HostileOutcome[]> {
  const outcomes: HostileOutcome[] = [];
  for (const c of HOST_HOSTILE_CASES) {
    const res = await c.run(target);
    outcomes.push({ name: c.name, refused: res.status === c.status && res.headers['set-cookie'] === undefined, status: res.status });
  }
  return outcomes;
}
