/**
 * The Store on a real PostgreSQL server (DATABASE_URL), through a pg Pool: concurrent
 * requests get their own connections, and PostgreSQL's row locks order them (see
 * server/data/sequence.ts). Imported by server/store only.
 */
import pg from 'pg';
import type { Queryable, Store } from './store.js';

const INT8_OID = 20;
// Per-pool type parsers, so this process's other pg users (if any) are unaffected.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

export function openPgStore(connectionString: string, options: { max?: number } = {}): Store {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  // An idle client losing its connection (server restart) must not crash the process;
  // the next query gets a fresh connection.
  pool.on('error', () => {});
  const run = async <R>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<R[]> => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return result.rows as R[];
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = { query: (sql, params) => run(client, sql, params) };
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        await client.query('COMMIT');
        client.release();
        return value;
      } catch (err) {
        // A failed ROLLBACK means the connection is broken: drop it instead of reusing it.
        await client.query('ROLLBACK').then(() => client.release(), (e: Error) => client.release(e));
        throw err;
      }
    },
    close: () => pool.end(),
  };
}
