/**
 * Cross-origin access for the desks' renderer (served from file:// or the browser host's
 * own localhost port, so every request to the sync server is cross-origin). Auth is a
 * bearer header, never a cookie, so any origin may call: without the token it gets 401.
 * Imported by server/app.ts and server/routes/stream.ts.
 */
import type { FastifyInstance } from 'fastify';
import { SYNC_HEADERS } from '../../shared/sync/protocol.js';

export function corsHeaders(): Record<string, string> {
  return { 'access-control-allow-origin': '*' };
}

const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': `${SYNC_HEADERS.authorization}, ${SYNC_HEADERS.staff}, ${SYNC_HEADERS.protocol}, content-type, accept`,
  'access-control-max-age': '600',
};

export function installCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(corsHeaders());
    if (request.method === 'OPTIONS') {
      const headers: Record<string, string> = { ...corsHeaders(), ...PREFLIGHT };
      // Chromium's Private Network Access asks before a page reaches a LAN address.
      if (request.headers['access-control-request-private-network'] === 'true') headers['access-control-allow-private-network'] = 'true';
      return reply.code(204).headers(headers).send();
    }
  });
}
