/**
 * The open change streams, per clinic: after a push commits, every stream of that clinic
 * (and only that clinic) hears which collections changed and up to which seq. In memory:
 * streams end when the server stops and desks reconnect to a "resync". Each device and each
 * clinic may hold only so many at once (docs/decisions/0020-server-hardening.md). Imported by
 * server/routes and server/app.ts.
 */
import type { StreamEvent } from '../../shared/sync/protocol.js';

export interface StreamLimits {
  readonly perDevice: number;
  readonly perClinic: number;
}

/**
 * A desk's renderer keeps one stream; a few more cover a reload or a network change whose old
 * connection the server has not yet seen close. 200 per clinic is far above any clinic's desks
 * and keeps one clinic's stolen tokens from holding the server's sockets and memory.
 */
export const STREAM_LIMITS: StreamLimits = { perDevice: 4, perClinic: 200 };

export interface StreamClient {
  readonly clinicId: string;
  readonly deviceId: string;
  send(event: StreamEvent): void;
  /** Ends the response (server closing, device revoked). */
  end(): void;
}

export class StreamHub {
  private readonly byClinic = new Map<string, Set<StreamClient>>();
  private closed = false;

  constructor(readonly limits: StreamLimits = STREAM_LIMITS) {}

  /**
   * Which limit one more stream of this device would break, or null. Check it and add() in one
   * synchronous step (no await between), so two connecting at once cannot both take the last slot.
   */
  fullFor(clinicId: string, deviceId: string): 'device' | 'clinic' | null {
    const set = this.byClinic.get(clinicId);
    if (!set) return null;
    let own = 0;
    for (const client of set) if (client.deviceId === deviceId) own++;
    if (own >= this.limits.perDevice) return 'device';
    return set.size >= this.limits.perClinic ? 'clinic' : null;
  }

  /** Registers a stream; the returned function unregisters it (idempotent). */
  add(client: StreamClient): () => void {
    if (this.closed) {
      // A desk reconnecting just as the server stops: end it at once, or the server's
      // close would wait for this stream forever.
      queueMicrotask(() => client.end());
      return () => undefined;
    }
    let set = this.byClinic.get(client.clinicId);
    if (!set) this.byClinic.set(client.clinicId, (set = new Set()));
    set.add(client);
    return () => {
      const s = this.byClinic.get(client.clinicId);
      if (!s) return;
      s.delete(client);
      if (s.size === 0) this.byClinic.delete(client.clinicId);
    };
  }

  publish(clinicId: string, event: StreamEvent): void {
    for (const client of this.byClinic.get(clinicId) ?? []) client.send(event);
  }

  /** A revoked desk stops hearing about changes at once, not at its next reconnect. */
  endDevice(clinicId: string, deviceId: string): void {
    for (const client of [...(this.byClinic.get(clinicId) ?? [])]) if (client.deviceId === deviceId) client.end();
  }

  /** The server is stopping: ends every stream, and any that connects from now on. */
  endAll(): void {
    this.closed = true;
    for (const set of [...this.byClinic.values()]) for (const client of [...set]) client.end();
  }

  size(clinicId?: string): number {
    if (clinicId !== undefined) return this.byClinic.get(clinicId)?.size ?? 0;
    let n = 0;
    for (const set of this.byClinic.values()) n += set.size;
    return n;
  }
}
