/**
 * A free loopback port for a test to hand to something it starts later (a desk host, a
 * PostgreSQL cluster, an SMTP server). Imported by tests, e2e and benchmarks only.
 *
 * Why not listen on port 0 and give that port away: the kernel hands out ports 0-listeners
 * get from its ephemeral range (32768–60999 on Linux), and a port just released there can
 * be given again to the next port-0 listener — the desk's own sandbox, a Stripe test
 * server — before the process it was meant for binds it ("port in use" in CI). Ports picked
 * here come from below that range, where the kernel never assigns one by itself.
 */
import net from 'node:net';

const LOWEST = 20_000;
const HIGHEST = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Ports already given out by this process: two calls before either is bound never collide. */
const given = new Set<number>();

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST));
    if (given.has(port)) continue;
    if (await canListen(port)) {
      given.add(port);
      return port;
    }
  }
  throw new Error(`No free port between ${LOWEST} and ${HIGHEST} after 200 tries.`);
}
