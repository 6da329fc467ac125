/**
 * How a client on this machine reaches a listening server ("https://127.0.0.1:4318"), and
 * whether a host is this machine's alone. Imported by server/embedded.ts and server/standalone.ts.
 */
import type { FastifyInstance } from 'fastify';

/** "0.0.0.0" and "::" listen everywhere but cannot be dialled: use the loopback address. */
function localHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function listenUrl(app: FastifyInstance, host: string, tls: boolean, fallbackPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : fallbackPort;
  return `${tls ? 'https' : 'http'}://${localHost(host)}:${port}`;
}

/** True when only this machine can reach `host` (loopback); anything else is the clinic's network. */
export function loopbackOnly(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
