/** Reads the server's event stream over real HTTP for tests. Imported by tests only. */
import { ROUTES, SYNC_HEADERS, type StreamEvent } from '../../shared/sync/protocol.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol-version.js';
import type { Desk } from './harness.js';

export interface TestStream {
  readonly status: number;
  /** Every event received so far, in order. */
  readonly events: StreamEvent[];
  /** Raw text received so far (heartbeats included). */
  readonly raw: () => string;
  /** Resolves with the first event (from the start) matching, or rejects after `ms`. */
  waitFor(match: (e: StreamEvent) => boolean, ms?: number): Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

export async function openStream(baseUrl: string, desk: Pick<Desk, 'token'> & { staffId?: string | null }): Promise<TestStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { [SYNC_HEADERS.authorization]: `Bearer ${desk.token}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION), accept: 'text/event-stream' };
  if (desk.staffId) headers[SYNC_HEADERS.staff] = desk.staffId;
  const res = await fetch(new URL(ROUTES.stream, baseUrl), { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  let text = '';
  const waiters = new Set<() => void>();
  const ended = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        text += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (data) events.push(JSON.parse(data) as StreamEvent);
        }
        for (const w of waiters) w();
      }
    } catch { /* aborted */ }
  })();
  return {
    status: res.status,
    events,
    raw: () => text,
    waitFor(match, ms = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) { cleanup(); resolve(found); }
        };
        const timer = setTimeout(() => { cleanup(); reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)); }, ms);
        const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
    ended,
    close: () => controller.abort(),
  };
}
