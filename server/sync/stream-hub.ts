/**
 * The open change streams, per clinic: after a push commits, every stream of that clinic
 * (and only that clinic) hears which collections changed and up to which seq. In memory:
 * streams end when the server stops and desks reconnect to a "resync". Imported by
 * server/routes and server/app.ts.
 */
import type { StreamEvent } from '../../shared/sync/protocol.js';

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
