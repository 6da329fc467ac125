/**
 * A free loopback port for a test to hand to something it starts later (a desk host, a
 * PostgreSQL cluster, an SMTP server). Imported by tests, e2e and benchmarks only.
 *
 * Why not listen on port 0 and give that port away: the kernel hands out ports 0-listeners
 * get from its ephemeral range (32768–60999 on Linux), and a port just released there can
 * be given again to the next port-0 listener — the desk's own sandbox, a Stripe test
 * server — before the process it was meant for binds it ("port in use" in CI). Ports picked
 * here come from below that range (Linux's default 32768–60999, which Debian keeps), where
 * the kernel never assigns one by itself.
 */
import net from 'node:net';

/**
 * Each test worker (Vitest's pool id, Playwright's worker index) picks from its own slice, so
 * two workers cannot pick the same port before either has bound it.
 */
const SLICES = 8;
const worker = Math.abs(Math.trunc(Number(process.env.VITEST_POOL_ID ?? process.env.TEST_WORKER_INDEX ?? 0) || 0)) % SLICES;
const SLICE = Math.floor((32_000 - 20_000) / SLICES);
const LOWEST = 20_000 + worker * SLICE;
const HIGHEST = LOWEST + SLICE;

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
