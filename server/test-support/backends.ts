/**
 * The two storage backends every store and route test runs against (describe.each):
 * PGlite in memory and a real PostgreSQL cluster (one per test file, a fresh database
 * per store). Imported by tests only.
 */
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { startPostgres, type PostgresCluster } from './postgres.js';

export interface Backend {
  readonly name: 'PGlite' | 'PostgreSQL';
  /** A new, empty, migrated store; closed by teardown(). */
  freshStore(): Promise<Store>;
  teardown(): Promise<void>;
}

function pgliteBackend(): Backend {
  const stores: Store[] = [];
  return {
    name: 'PGlite',
    async freshStore() {
      const store = await openStore({ memory: true });
      stores.push(store);
      return store;
    },
    async teardown() {
      await Promise.all(stores.splice(0).map((s) => s.close().catch(() => {})));
    },
  };
}

function postgresBackend(): Backend {
  let cluster: Promise<PostgresCluster> | null = null;
  const stores: Store[] = [];
  return {
    name: 'PostgreSQL',
    async freshStore() {
      cluster ??= startPostgres();
      const url = await (await cluster).createDatabase();
      const store = await openStore({ databaseUrl: url });
      stores.push(store);
      return store;
    },
    async teardown() {
      await Promise.all(stores.splice(0).map((s) => s.close().catch(() => {})));
      if (cluster) await (await cluster).stop();
      cluster = null;
    },
  };
}

/** A new pair per test file: use with describe.each(backends()) and call teardown in afterAll. */
export function backends(): Backend[] {
  return [pgliteBackend(), postgresBackend()];
}
