/**
 * The real sync server on a real port for the fault suite, on PostgreSQL (a private
 * cluster) or PGlite (a data folder), with a restart that keeps its data — as a
 * clinic's server process would be restarted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app.js';
import { openStore, type StoreLocation } from '../../server/store/open-store.js';
import type { Store } from '../../server/store/store.js';
import { startPostgres, type PostgresCluster } from '../../server/test-support/postgres.js';

export type BackendName = 'PostgreSQL' | 'PGlite';
export const ADMIN_SECRET = 'fault-suite-admin-secret';

export class LiveServer {
  private app: FastifyInstance | null = null;
  private store: Store | null = null;
  private port = 0;
  restarts = 0;

  private constructor(private readonly location: StoreLocation, private readonly cleanup: () => Promise<void>) {}

  static async start(backend: BackendName): Promise<LiveServer> {
    let server: LiveServer;
    if (backend === 'PostgreSQL') {
      const cluster: PostgresCluster = await startPostgres();
      server = new LiveServer({ databaseUrl: await cluster.createDatabase() }, () => cluster.stop());
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-faults-pglite-'));
      server = new LiveServer({ pgliteDir: dir }, async () => fs.rmSync(dir, { recursive: true, force: true }));
    }
    await server.open();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async open(): Promise<void> {
    this.store = await openStore(this.location);
    this.app = buildServer({ store: this.store, adminSecret: ADMIN_SECRET });
    await this.app.listen({ port: this.port, host: '127.0.0.1' });
    const address = this.app.server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  /** Stops the process's server and store, then starts them again on the same port. */
  async restart(): Promise<void> {
    await this.shutdown();
    await this.open();
    this.restarts++;
  }

  private async shutdown(): Promise<void> {
    await this.app?.close();
    await this.store?.close();
    this.app = null;
    this.store = null;
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await this.cleanup();
  }
}
