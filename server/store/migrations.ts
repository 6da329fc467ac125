/**
 * The server's schema, as numbered migrations applied at start (openStore) inside one
 * transaction under an advisory lock, so two servers starting on one database cannot
 * both apply a step, and a failed step leaves nothing half-done. Applied steps are
 * recorded in schema_migrations; running again is a no-op. Never edit a released step:
 * add the next one. The same SQL runs on PostgreSQL and PGlite. Imported by server/store.
 */
import type { Queryable, Store } from './store.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'clinics, devices, enrolment codes, documents, claims',
    statements: [
      `CREATE TABLE clinics (
        id text PRIMARY KEY,
        name text NOT NULL,
        -- The clinic's sync sequence: the seq of its last committed document write.
        seq bigint NOT NULL DEFAULT 0,
        -- The last invoice number given out (one gap-free series per clinic).
        invoice_counter bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE devices (
        id text PRIMARY KEY,
        clinic_id text NOT NULL REFERENCES clinics (id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz,
        revoked_at timestamptz
      )`,
      `CREATE INDEX devices_by_clinic ON devices (clinic_id, created_at)`,
      `CREATE TABLE enrollment_codes (
        code_hash text PRIMARY KEY,
        clinic_id text NOT NULL REFERENCES clinics (id),
        created_by_device text NOT NULL REFERENCES devices (id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by_device text
      )`,
      `CREATE TABLE documents (
        clinic_id text NOT NULL REFERENCES clinics (id),
        collection text NOT NULL,
        id text NOT NULL,
        seq bigint NOT NULL,
        data jsonb NOT NULL,
        deleted boolean NOT NULL,
        written_by_staff text,
        written_by_device text,
        written_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, collection, id)
      )`,
      // Pulls read (clinic, collection) in seq order from a checkpoint.
      `CREATE INDEX documents_pull ON documents (clinic_id, collection, seq)`,
      // Backstops for invariants 3 and 4: no two writes share a seq, no two invoices a number.
      `CREATE UNIQUE INDEX documents_seq ON documents (clinic_id, seq)`,
      `CREATE UNIQUE INDEX documents_invoice_number ON documents (clinic_id, (data -> 'number'))
        WHERE collection = 'invoices' AND jsonb_typeof(data -> 'number') = 'number' AND data -> 'number' <> '0'::jsonb`,
      // Exactly-once sending (invariant 5); used by a later issue.
      `CREATE TABLE claims (
        clinic_id text NOT NULL REFERENCES clinics (id),
        job_key text NOT NULL,
        channel text NOT NULL,
        device_id text NOT NULL,
        claimed_at timestamptz NOT NULL,
        outcome text,
        PRIMARY KEY (clinic_id, job_key, channel)
      )`,
    ],
  },
  {
    version: 2,
    name: 'stripe webhook events (dedupe and payment request outcomes)',
    statements: [
      // One row per Stripe event we acted on (server/data/stripe-events.ts). No foreign key
      // to clinics: an event naming a clinic this server does not hold is kept as unmatched.
      `CREATE TABLE stripe_events (
        event_id text PRIMARY KEY,
        event_type text NOT NULL,
        clinic_id text NOT NULL,
        request_id text NOT NULL,
        -- applied, or unmatched (clinic or payment request unknown here; a redelivery tries again)
        outcome text NOT NULL,
        -- processing / succeeded / failed / expired when the event moves the request's status
        status_event text,
        provider_ref text NOT NULL DEFAULT '',
        reason text NOT NULL DEFAULT '',
        received_at timestamptz NOT NULL
      )`,
      // A payment request's status is recomputed from all of its events.
      `CREATE INDEX stripe_events_by_request ON stripe_events (clinic_id, request_id) WHERE status_event IS NOT NULL`,
    ],
  },
  {
    version: 3,
    name: 'send claims (exactly once to the patient across desks)',
    statements: [
      // One row per (payment request or dunning step, channel) a desk is sending or sent
      // (server/data/send-claims.ts). The primary key is the exactly-once guarantee.
      `CREATE TABLE send_claims (
        clinic_id text NOT NULL REFERENCES clinics (id),
        key text NOT NULL,
        device_id text NOT NULL,
        -- claimed, then sent or unknown; a failed send deletes its row (nothing was delivered)
        state text NOT NULL,
        claimed_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, key)
      )`,
      `CREATE INDEX send_claims_unfinished ON send_claims (clinic_id, device_id) WHERE state = 'claimed'`,
    ],
  },
  {
    version: 4,
    name: 'the schema version of each stored document',
    statements: [
      // Rows stored before versions were kept are schema version 0; they are migrated as
      // they are read (server/data/documents.ts; docs/decisions/0014-schema-versions.md).
      `ALTER TABLE documents ADD COLUMN schema_version integer NOT NULL DEFAULT 0`,
    ],
  },
  {
    version: 5,
    name: 'enrolment attempt limits (per client address and server-wide) and worn-out codes',
    statements: [
      // One row per limited bucket ("address <ip or /64>", or "server"): the attempts in the
      // current window and, while locked, until when (server/data/enrollment-attempts.ts,
      // docs/decisions/0020-server-hardening.md). In the database, so a restart or a second
      // server process does not hand an attacker a fresh budget.
      `CREATE TABLE enrollment_attempts (
        bucket text PRIMARY KEY,
        window_started_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        locked_until timestamptz
      )`,
      `CREATE INDEX enrollment_attempts_by_window ON enrollment_attempts (window_started_at)`,
      // Wrong codes tried on the server while this code was live: at the limit the code is
      // withdrawn, so guessing cannot win however many addresses an attacker has.
      `ALTER TABLE enrollment_codes ADD COLUMN wrong_guesses integer NOT NULL DEFAULT 0`,
    ],
  },
  {
    version: 6,
    name: 'the desk behind each device',
    statements: [
      // A desk names itself in every change it makes (docs/design.md invariant 11); a device
      // enrolled before that is known by its device id, which such a desk takes as its own.
      `ALTER TABLE devices ADD COLUMN desk_id text`,
      `UPDATE devices SET desk_id = id`,
      `ALTER TABLE devices ALTER COLUMN desk_id SET NOT NULL`,
      // When the desk first pushed as a desk that records desks: older changes may name none.
      `ALTER TABLE devices ADD COLUMN desk_since timestamptz`,
    ],
  },
  {
    version: 7,
    name: 'the device that created each clinic',
    statements: [
      // Only the founding desk's own invoice series is taken over (shared/sync/push-rules.ts
      // takesDeskNumber; docs/decisions/0022-system-write-bounds.md). For clinics made before
      // this was kept, the earliest device.
      `ALTER TABLE devices ADD COLUMN founding boolean NOT NULL DEFAULT false`,
      `UPDATE devices d SET founding = true
       WHERE d.id = (SELECT e.id FROM devices e WHERE e.clinic_id = d.clinic_id ORDER BY e.created_at, e.id LIMIT 1)`,
    ],
  },
  {
    version: 8,
    name: 'stripe refunds by refund id: whose payment each payment intent is, and refunds waiting for it',
    statements: [
      // A refund Stripe reports by its own event names only the payment intent it refunds (its
      // metadata is empty unless a desk made it): this says whose it is (server/data/stripe-refunds.ts,
      // docs/decisions/0029-refunds-by-refund-id.md). Written from verified Stripe events only.
      `CREATE TABLE stripe_payment_refs (
        payment_ref text PRIMARY KEY,
        clinic_id text NOT NULL,
        request_id text NOT NULL
      )`,
      // Payments by link recorded before this table: their clinic is the one that holds them.
      `INSERT INTO stripe_payment_refs (payment_ref, clinic_id, request_id)
       SELECT DISTINCT ON (data ->> 'externalRef') data ->> 'externalRef', clinic_id, ''
       FROM documents
       WHERE collection = 'payments' AND data ->> 'kind' = 'payment' AND data ->> 'method' = 'payment_link'
         AND id = left('link-' || (data ->> 'externalRef'), 40)
       ORDER BY data ->> 'externalRef', seq
       ON CONFLICT DO NOTHING`,
      // A refund whose payment intent is not known yet (its event came first): applied when it is.
      `CREATE TABLE stripe_waiting_refunds (
        event_id text NOT NULL,
        refund_ref text NOT NULL,
        payment_ref text NOT NULL,
        seen jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (event_id, refund_ref)
      )`,
      `CREATE INDEX stripe_waiting_refunds_by_payment ON stripe_waiting_refunds (payment_ref)`,
    ],
  },
  {
    version: 9,
    name: 'commands taken whole: their parts waiting for one another, and commands refused',
    statements: [
      // A pushed change made by a command whose other documents have not all arrived: kept
      // here, not in documents, until they have; then all are judged in one transaction
      // (server/data/command-parts.ts, docs/decisions/0031-commands-at-the-server.md).
      `CREATE TABLE command_parts (
        clinic_id text NOT NULL REFERENCES clinics (id),
        collection text NOT NULL,
        doc_id text NOT NULL,
        command_id text NOT NULL,
        -- the push row as it came: newDocumentState, assumedMasterState, command
        row jsonb NOT NULL,
        staged_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, collection, doc_id)
      )`,
      `CREATE INDEX command_parts_by_command ON command_parts (clinic_id, command_id)`,
      // A command one of whose changes was refused: the rest of it is refused when it comes.
      `CREATE TABLE refused_commands (
        clinic_id text NOT NULL REFERENCES clinics (id),
        command_id text NOT NULL,
        message text NOT NULL,
        refused_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, command_id)
      )`,
    ],
  },
  {
    version: 10,
    name: 'commands taken whole: which were taken',
    statements: [
      // A command sent again after its answer was lost is answered as it was (server/sync/commands.ts).
      `CREATE TABLE taken_commands (
        clinic_id text NOT NULL REFERENCES clinics (id),
        command_id text NOT NULL,
        taken_at timestamptz NOT NULL,
        PRIMARY KEY (clinic_id, command_id)
      )`,
    ],
  },
  {
    version: 11,
    name: 'refused commands: why, as a Text',
    statements: [
      // The reason as a Text's JSON (shared/i18n/stored-text.ts), so a desk that sends the rest of a
      // refused command later reads it in its own language (docs/decisions/0033-languages.md);
      // '' for commands refused before, which keep only their English `message`.
      `ALTER TABLE refused_commands ADD COLUMN message_text text NOT NULL DEFAULT ''`,
    ],
  },
];

/** Any constant: the advisory lock that lets one server at a time migrate a database. */
const MIGRATION_LOCK = 4_318_001;

/** Applies the missing migrations; returns the versions applied now. */
export async function migrate(store: Store, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const sql of m.statements) await tx.query(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** True when every known migration is applied (for /ready). */
export async function isMigrated(q: Queryable, migrations: readonly Migration[] = MIGRATIONS): Promise<boolean> {
  const rows = await q.query<{ version: number }>(
    `SELECT version FROM schema_migrations`,
  );
  const have = new Set(rows.map((r) => r.version));
  return migrations.every((m) => have.has(m.version));
}
