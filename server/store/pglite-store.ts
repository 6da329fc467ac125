/**
 * The Store on PGlite (PostgreSQL compiled to WASM) in a data folder: the embedded
 * default, with nothing to install. Imported by server/store only.
 *
 * PGlite has a single connection. Its own mutex runs one transaction at a time and makes
 * a plain query wait until the open transaction ends (verified in store.test.ts), so a
 * pull can never see another push's uncommitted rows and pushes are serialised — the
 * same guarantees the clinic row lock gives on PostgreSQL.
 */
import { PGlite } from '@electric-sql/pglite';
import type { Queryable, Store } from './store.js';

const INT8_OID = 20;

/** `dataDir`: a folder for a persistent database; undefined for an in-memory one (tests). */
export async function openPGliteStore(dataDir?: string): Promise<Store> {
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8_OID]: (value: string) => Number(value) },
  });
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await q.query<R>(sql, params as unknown[] | undefined);
      return result.rows;
    },
  });
  const top = wrap(db);
  return {
    kind: 'pglite',
    query: (sql, params) => top.query(sql, params),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
