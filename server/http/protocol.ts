/**
 * The sync protocol version on the server's side: every answer says which version this
 * server speaks, and a desk whose version this server cannot sync with is refused before
 * anything it sent is read (shared/sync/protocol-version.ts; docs/decisions/0014-schema-versions.md).
 * Imported by server/app.ts and server/routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SYNC_HEADERS } from '../../shared/sync/protocol.js';
import { parseProtocolHeader, peerProtocolProblem, PROTOCOL_VERSION, UPDATE_MESSAGES } from '../../shared/sync/protocol-version.js';
import { text } from '../../shared/i18n/text.js';
import { HttpError } from './errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The desk's sync protocol version (0: a desk from before versions were exchanged). */
    deskProtocol: number;
  }
}

/** Sent with every answer, the event stream's included (it writes its own head). */
export function protocolHeaders(): Record<string, string> {
  return { [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION), 'access-control-expose-headers': SYNC_HEADERS.protocol };
}

/** The routes a desk syncs through; enrolment and health stay open to any version, so a desk can be told. */
const VERSIONED = /^\/v1\/(sync|claims)\b/;

export function deskProtocolOf(request: FastifyRequest): number {
  return request.deskProtocol;
}

export function installProtocolVersion(app: FastifyInstance): void {
  app.decorateRequest('deskProtocol', 0);
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(protocolHeaders());
    if (request.method === 'OPTIONS' || !VERSIONED.test(request.url)) return;
    const version = parseProtocolHeader(request.headers[SYNC_HEADERS.protocol]);
    if (version === null) throw new HttpError(400, 'bad_protocol', text('serverError.badProtocol'));
    const problem = peerProtocolProblem(version);
    // 426 Upgrade Required: the desk stops and shows the message instead of retrying.
    if (problem === 'peer-newer') throw new HttpError(426, 'desk_too_new', text(UPDATE_MESSAGES.deskTooNew));
    if (problem === 'peer-older') throw new HttpError(426, 'desk_too_old', text(UPDATE_MESSAGES.deskTooOld));
    request.deskProtocol = version;
  });
}
