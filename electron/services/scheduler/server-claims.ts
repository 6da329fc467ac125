/**
 * Claims at the clinic's sync server, for a desk enrolled with one: every desk asks the
 * same server, so a due reminder that three desks all found is sent by exactly one
 * (server/routes/claims.ts). When the server cannot be reached nothing is claimed, so
 * nothing is sent — the job waits for the next tick rather than risk a second message.
 * Node-only; chosen by main's payment service for enrolled desks.
 */
import { PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';
import { ROUTES, SYNC_HEADERS } from '../../../shared/sync/protocol.js';
import type { ClaimOutcome, ClaimStore } from './claims.js';
import { refuse, RefusedError } from '../../../shared/domain/result.js';

export interface ServerClaimTarget {
  readonly serverUrl: string;
  readonly deviceToken: string;
}

export function createServerClaimStore(target: ServerClaimTarget, fetchImpl: typeof fetch = (...a) => fetch(...a)): ClaimStore {
  const base = target.serverUrl.replace(/\/+$/, '');
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetchImpl(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { [SYNC_HEADERS.authorization]: `Bearer ${target.deviceToken}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw new RefusedError(refuse('msg.refused.claim', { status: String(res.status) }));
    return (await res.json()) as T;
  };
  return {
    async claim(key) {
      return (await call<{ won: boolean }>(ROUTES.claims, { key })).won;
    },
    async finish(key, outcome: ClaimOutcome) {
      // Tried a few times: an unrecorded outcome would later read as "unknown" (safe, but noisy).
      for (let attempt = 0; ; attempt++) {
        try {
          await call(ROUTES.finishClaim, { key, outcome });
          return;
        } catch (err) {
          if (attempt >= 2) throw err;
          await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
        }
      }
    },
    async unfinished() {
      return (await call<{ keys: string[] }>(ROUTES.unfinishedClaims)).keys;
    },
  };
}
