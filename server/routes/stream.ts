/**
 * GET /v1/sync/stream: Server-Sent Events telling a desk when to pull. Starts with
 * "resync" (pull everything from your checkpoints: anything may have changed while you
 * were away), then "changed" after each committed push of the desk's clinic. A comment
 * line every heartbeat keeps proxies and dead-connection detection honest. Imported by
 * server/app.ts.
 */
import type { FastifyInstance } from 'fastify';
import { ROUTES, type StreamEvent } from '../../shared/sync/protocol.js';
import { deviceOf } from '../http/device-auth.js';
import { corsHeaders } from '../http/cors.js';
import { protocolHeaders } from '../http/protocol.js';
import type { RouteDeps } from './deps.js';

export function streamRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.get(ROUTES.stream, { preHandler: deps.authenticate }, (request, reply) => {
    const device = deviceOf(request);
    // The response is ours from here on (Fastify would otherwise end it).
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
