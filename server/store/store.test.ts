import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../test-support/backends.js';
import { isMigrated, migrate, MIGRATIONS } from './migrations.js';
import type { Store } from './store.js';

describe.each(backends())('store on $name', (backend) => {
  let store: Store;
  beforeAll(async () => { store = await backend.freshStore(); });
  afterAll(() => backend.teardown());

  it('is migrated once, and migrating again changes nothing', async () => {
    expect(await isMigrated(store)).toBe(true);
    const before = await store.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');
    expect(before.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(store)).toEqual([]);
    expect(await Promise.all([migrate(store), migrate(store)])).toEqual([[], []]);
    const after = await store.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM schema_migrations ORDER BY version');
    expect(after).toEqual(before);
    const tables = await store.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['claims', 'clinics', 'command_parts', 'devices', 'documents', 'enrollment_attempts', 'enrollment_codes', 'refused_commands', 'schema_migrations', 'send_claims', 'stripe_events', 'stripe_payment_refs', 'stripe_waiting_refunds', 'taken_commands']);
  });

  it('migration 8 learns whose payment intent each recorded payment by link is', async () => {
    const s8 = await backend.freshStore();
    await s8.query('DROP TABLE stripe_waiting_refunds');
    await s8.query('DROP TABLE stripe_payment_refs');
    await s8.query('DELETE FROM schema_migrations WHERE version = 8');
    await s8.query("INSERT INTO clinics (id, name, created_at) VALUES ('c-8', 'Fjordside', now())");
    let seq = 0;
    const payment = (id: string, ref: string, method = 'payment_link') =>
      s8.query(`INSERT INTO documents (clinic_id, collection, id, seq, data, deleted, written_at) VALUES ('c-8', 'payments', $1, $2, $3, false, now())`,
        [id, ++seq, JSON.stringify({ kind: 'payment', method, externalRef: ref })]);
    await payment('link-pi_A', 'pi_A');
    await payment('p-cash', '', 'cash');
    // A payment naming a reference under another id is not the provider's record of it.
    await payment('forged', 'pi_B');
    expect(await migrate(s8)).toEqual([8]);
    expect(await s8.query('SELECT payment_ref, clinic_id, request_id FROM stripe_payment_refs')).toEqual([{ payment_ref: 'pi_A', clinic_id: 'c-8', request_id: '' }]);
  });

  it('applies a new migration once and reports it', async () => {
    const extra = [...MIGRATIONS, { version: 999, name: 'test', statements: ['CREATE TABLE test_extra (x int)'] }];
    expect(await migrate(store, extra)).toEqual([999]);
    expect(await migrate(store, extra)).toEqual([]);
    expect(await isMigrated(store, extra)).toBe(true);
  });

  it('rolls back a failed migration completely', async () => {
    const broken = [...MIGRATIONS, { version: 1000, name: 'broken', statements: ['CREATE TABLE half_done (x int)', 'SELECT no_such_function()'] }];
    await expect(migrate(store, broken)).rejects.toThrow();
    expect(await isMigrated(store, broken)).toBe(false);
    const t = await store.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    expect(t).toHaveLength(0);
  });

  it('returns bigint columns as numbers and jsonb as objects', async () => {
    const [row] = await store.query<{ n: number; j: unknown }>("SELECT 9007199254740991::bigint AS n, '{\"a\":[1,2]}'::jsonb AS j");
    expect(row).toEqual({ n: 9007199254740991, j: { a: [1, 2] } });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await store.query('CREATE TABLE tx_test (x int)');
    await store.transaction(async (tx) => { await tx.query('INSERT INTO tx_test VALUES (1)'); });
    await expect(store.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_test VALUES (2)');
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await store.query('SELECT x FROM tx_test ORDER BY x')).toEqual([{ x: 1 }]);
  });

  it('serialises concurrent read-modify-write transactions on one row', async () => {
    await store.query('CREATE TABLE counter (id int PRIMARY KEY, n int)');
    await store.query('INSERT INTO counter VALUES (1, 0)');
    // Lock first (as every document write does), then read and write back later.
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number }>('UPDATE counter SET n = n WHERE id = 1 RETURNING n');
      await new Promise((r) => setTimeout(r, i % 3));
      await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [row!.n + 1]);
    })));
    expect(await store.query('SELECT n FROM counter')).toEqual([{ n: 20 }]);
  });

  it('never shows a plain query the rows of a transaction still open', async () => {
    await store.query('CREATE TABLE vis (x int)');
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let inserted!: () => void;
    const didInsert = new Promise<void>((r) => { inserted = r; });
    const tx = store.transaction(async (t) => {
      await t.query('INSERT INTO vis VALUES (1)');
      inserted();
      await held;
    });
    await didInsert;
    // On PGlite this query waits for the transaction; on PostgreSQL it sees the old snapshot.
    const read = store.query('SELECT count(*)::int AS n FROM vis');
    const early = await Promise.race([read, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), 100))]);
    if (backend.name === 'PGlite') expect(early).toBe('waiting');
    else expect(early).toEqual([{ n: 0 }]);
    release();
    await tx;
    expect((await read)[0]!.n).toBe(backend.name === 'PGlite' ? 1 : 0);
    expect(await store.query('SELECT count(*)::int AS n FROM vis')).toEqual([{ n: 1 }]);
  });
});
