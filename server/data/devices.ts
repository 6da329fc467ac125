/**
 * SQL for enrolled desks (devices) and their enrolment codes. Tokens and codes are
 * stored only as SHA-256 hashes. Every read except the token lookup is scoped to a
 * clinic. Imported by server/http and server/routes.
 */
import type { DeviceInfo } from '../../shared/sync/protocol.js';
import type { Queryable } from '../store/store.js';

export interface DeviceRecord {
  readonly id: string;
  readonly clinicId: string;
  readonly deskId: string;
  readonly deskSince: Date | null;
  /** It created the clinic on this server: its own invoice series is taken over once. */
  readonly founding: boolean;
  readonly revokedAt: Date | null;
  readonly lastSeenAt: Date | null;
}

interface DeviceRow { id: string; clinic_id: string; name: string; created_at: Date; last_seen_at: Date | null; revoked_at: Date | null }

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);
const toInfo = (r: DeviceRow): DeviceInfo => ({ id: r.id, name: r.name, createdAt: iso(r.created_at)!, lastSeenAt: iso(r.last_seen_at), revokedAt: iso(r.revoked_at) });

/** A new device; a desk that enrols records desks from the start, so its `desk_since` is now. */
/** `founding`: the device that creates the clinic (its desk's invoice series is taken over once). */
export async function insertDevice(tx: Queryable, d: { id: string; clinicId: string; deskId: string; name: string; tokenHash: string; at: Date; founding?: boolean }): Promise<void> {
  await tx.query(
    'INSERT INTO devices (id, clinic_id, desk_id, desk_since, name, token_hash, created_at, founding) VALUES ($1, $2, $3, $5, $4, $6, $5, $7)',
    [d.id, d.clinicId, d.deskId, d.name, d.at, d.tokenHash, d.founding === true],
  );
}

/** True when an enrolled (not signed-out) device of this clinic already is this desk. */
export async function deskIsEnrolled(q: Queryable, clinicId: string, deskId: string): Promise<boolean> {
  const rows = await q.query<{ id: string }>('SELECT id FROM devices WHERE clinic_id = $1 AND desk_id = $2 AND revoked_at IS NULL', [clinicId, deskId]);
  return rows.length > 0;
}

/** The first push of a desk that records desks: changes older than this may name none. Returns the stored moment. */
export async function markDeskSince(q: Queryable, deviceId: string, at: Date): Promise<Date> {
  const rows = await q.query<{ desk_since: Date }>('UPDATE devices SET desk_since = COALESCE(desk_since, $2) WHERE id = $1 RETURNING desk_since', [deviceId, at]);
  return rows[0] ? new Date(rows[0].desk_since) : at;
}

export async function findDeviceByTokenHash(q: Queryable, tokenHash: string): Promise<DeviceRecord | null> {
  const rows = await q.query<DeviceRow & { desk_id: string; desk_since: Date | null; founding: boolean }>(
    'SELECT id, clinic_id, desk_id, desk_since, founding, name, created_at, last_seen_at, revoked_at FROM devices WHERE token_hash = $1', [tokenHash],
  );
  const r = rows[0];
  return r ? {
    id: r.id, clinicId: r.clinic_id, deskId: r.desk_id, deskSince: r.desk_since ? new Date(r.desk_since) : null, founding: r.founding === true,
    revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at,
  } : null;
}

export async function touchDevice(q: Queryable, deviceId: string, at: Date): Promise<void> {
  await q.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [deviceId, at]);
}

export async function listDevices(q: Queryable, clinicId: string): Promise<DeviceInfo[]> {
  const rows = await q.query<DeviceRow>(
    'SELECT id, clinic_id, name, created_at, last_seen_at, revoked_at FROM devices WHERE clinic_id = $1 ORDER BY created_at, id',
    [clinicId],
  );
  return rows.map(toInfo);
}

/** Revokes a device of this clinic (again is harmless); null when the clinic has no such device. */
export async function revokeDevice(q: Queryable, clinicId: string, deviceId: string, at: Date): Promise<DeviceInfo | null> {
  const rows = await q.query<DeviceRow>(
    `UPDATE devices SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND clinic_id = $2
     RETURNING id, clinic_id, name, created_at, last_seen_at, revoked_at`,
    [deviceId, clinicId, at],
  );
  return rows[0] ? toInfo(rows[0]) : null;
}

export async function insertEnrollmentCode(q: Queryable, c: { codeHash: string; clinicId: string; deviceId: string; at: Date; expiresAt: Date }): Promise<void> {
  await q.query(
    'INSERT INTO enrollment_codes (code_hash, clinic_id, created_by_device, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [c.codeHash, c.clinicId, c.deviceId, c.at, c.expiresAt],
  );
}

export type CodeUse = { ok: true; clinicId: string } | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'withdrawn' };

/**
 * Marks the code used by `deviceId` if it is still good: unused, unexpired, and it has seen
 * fewer than `maxWrongGuesses` wrong codes (docs/decisions/0020-server-hardening.md). One
 * UPDATE decides, so two desks racing with the same code cannot both enrol.
 */
export async function useEnrollmentCode(tx: Queryable, codeHash: string, deviceId: string, at: Date, maxWrongGuesses: number): Promise<CodeUse> {
  const used = await tx.query<{ clinic_id: string }>(
    `UPDATE enrollment_codes SET used_at = $2, used_by_device = $3
     WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 AND wrong_guesses < $4 RETURNING clinic_id`,
    [codeHash, at, deviceId, maxWrongGuesses],
  );
  if (used[0]) return { ok: true, clinicId: used[0].clinic_id };
  const rows = await tx.query<{ used_at: Date | null; expires_at: Date }>('SELECT used_at, expires_at FROM enrollment_codes WHERE code_hash = $1', [codeHash]);
  const row = rows[0];
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.used_at) return { ok: false, reason: 'used' };
  return { ok: false, reason: new Date(row.expires_at).getTime() <= at.getTime() ? 'expired' : 'withdrawn' };
}
