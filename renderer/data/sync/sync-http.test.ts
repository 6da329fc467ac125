import { describe, expect, it } from 'vitest';
import { SYNC_HEADERS } from '../../../shared/sync/protocol.js';
import { OLDEST_PEER_PROTOCOL, PROTOCOL_VERSION } from '../../../shared/sync/protocol-version.js';
import { text } from '../../../shared/i18n/text.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
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

describe('what SyncHttp tells the status bar', () => {
  const nb = createTranslator({ language: 'nb', clinicLocale: 'nb-NO', timeZone: 'Europe/Oslo' });
  const failing = (async () => { throw new TypeError('fetch failed'); }) as unknown as typeof fetch;
  const refusing = (error: object): typeof fetch => async () => new Response(JSON.stringify({ error }), { status: 403, headers: { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) } });

  it('says in the reader\'s language that the server cannot be reached, with its English for logs', async () => {
    const err = (await pullWith(failing).catch((e: unknown) => e)) as SyncError;
    expect(err.message).toBe('The sync server cannot be reached.');
    expect(nb.t(err.text)).toBe('Synkroniseringsserveren kan ikke nås.');
  });

  it("shows the server's own Text when it sends one it can read, and its English words otherwise", async () => {
    const withText = (await pullWith(refusing({ code: 'x', message: 'Sync stopped.', text: text('sync.unreachable') })).catch((e: unknown) => e)) as SyncError;
    expect(nb.t(withText.text)).toBe('Synkroniseringsserveren kan ikke nås.');
    const plain = (await pullWith(refusing({ code: 'x', message: 'This desk was signed out.' })).catch((e: unknown) => e)) as SyncError;
    expect([plain.message, nb.t(plain.text)]).toEqual(['This desk was signed out.', 'This desk was signed out.']);
  });
});
