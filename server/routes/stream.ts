/**
 * GET /v1/sync/stream: Server-Sent Events telling a desk when to pull. Starts with
 * "resync" (pull everything from your checkpoints: anything may have changed while you
 * were away), then "changed" after each committed push of the desk's clinic. A comment
 * line every heartbeat keeps proxies and dead-connection detection honest. A device or
 * clinic at its limit of open streams gets 429 (sync/stream-hub.ts). Imported by server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { text } from '../../shared/i18n/text.js';
import { ROUTES, type StreamEvent } from '../../shared/sync/protocol.js';
import { deviceOf } from '../http/device-auth.js';
import { corsHeaders } from '../http/cors.js';
import { tooManyRequests } from '../http/errors.js';
import { protocolHeaders } from '../http/protocol.js';
import type { StreamLimits } from '../sync/stream-hub.js';
import type { RouteDeps } from './deps.js';

/** A slot frees when another stream closes; the desk also backs off by itself (renderer/data/sync/sync-stream.ts). */
const RETRY_AFTER_MS = 30_000;

function tooManyStreams(full: 'device' | 'clinic', limits: StreamLimits) {
  if (full === 'device') {
    return tooManyRequests('too_many_streams_device', text('serverError.streams.desk', { count: limits.perDevice }), RETRY_AFTER_MS);
  }
  return tooManyRequests('too_many_streams_clinic', text('serverError.streams.clinic', { count: limits.perClinic }), RETRY_AFTER_MS);
}

export function streamRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(ROUTES.stream, { preHandler: deps.authenticate }, (request, reply) => {
    const device = deviceOf(request);
    const full = deps.hub.fullFor(device.clinicId, device.id);
    if (full) throw tooManyStreams(full, deps.hub.limits);
    // The response is ours from here on (Fastify would otherwise end it). From the check above
    // to hub.add below nothing awaits, so no other stream can take the slot in between.
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...corsHeaders(),
      ...protocolHeaders(),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    let open = true;
    const write = (text: string) => {
      if (open && !res.writableEnded) res.write(text);
    };
    const send = (event: StreamEvent) => write(`event: message\ndata: ${JSON.stringify(event)}\n\n`);
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), deps.heartbeatMs);
    const close = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      remove();
    };
    const remove = deps.hub.add({
      clinicId: device.clinicId,
      deviceId: device.id,
      send,
      end: () => {
        close();
        res.end();
      },
    });
    // 'close' on the response: the desk went away or we ended it.
    res.on('close', close);
    res.on('error', close);
    send({ type: 'resync' });
  });
}
