import { describe, expect, it } from 'vitest';
import { SYNC_HEADERS } from '../../../shared/sync/protocol.js';
import { OLDEST_PEER_PROTOCOL } from '../../../shared/sync/protocol-version.js';
import { SyncError, SyncHttp } from './sync-http.js';

const answering = (status: number, headers: Record<string, string>): typeof fetch => async () => new Response('{"error":{"code":"x","message":"Service Unavailable"}}', { status, headers });
const pullWith = (fetchImpl: typeof fetch) => new SyncHttp({ serverUrl: 'http://sync.test/', deviceToken: 't' }, () => null, fetchImpl).pull('clients', undefined, 10);

describe('SyncHttp and the server protocol', () => {
  it('takes a headerless error (a closing server, a proxy) as an outage to retry, not as a server of another version', async () => {
    for (const status of [502, 503, 504]) {
      const err = await pullWith(answering(status, {})).catch((e: unknown) => e);
      expect(err, String(status)).toBeInstanceOf(SyncError);
      expect((err as SyncError).status).toBe(status);
      expect((err as SyncError).needsAttention).toBe(false);
    }
  });

  it('still stops at an answer that is ok but names no version, or names an older one', async () => {
    const noVersion = (await pullWith(answering(200, {})).catch((e: unknown) => e)) as SyncError;
    expect([noVersion.status, noVersion.needsAttention]).toEqual([426, true]);
    const older = (await pullWith(answering(503, { [SYNC_HEADERS.protocol]: String(OLDEST_PEER_PROTOCOL - 1) })).catch((e: unknown) => e)) as SyncError;
    expect(older.needsAttention).toBe(true);
  });
});
