/**
 * The server's one storage interface. Two adapters implement it (pg-store.ts for a
 * PostgreSQL server, pglite-store.ts for the embedded default) and everything above it
 * uses the same SQL on both. Imported by server/ only.
 *
 * Both adapters return int8 (bigint) columns as JS numbers: sequences and invoice
 * numbers stay far below 2^53, and one representation keeps the SQL callers identical.
 */
export interface Queryable {
  /** Runs one statement with $1… parameters and returns its rows. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Store extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one READ COMMITTED transaction: committed when it resolves, rolled back
   * when it throws. Use only `tx` inside; the store itself may wait for the transaction.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
