/**
 * The server's change stream (Server-Sent Events) read over fetch, so the device token
 * travels in a header and the same code runs in Node. Reconnects with backoff; every
 * (re)connect starts with the server's "resync", which makes each collection pull.
 */
import { ROUTES, type StreamEvent } from '../../../shared/sync/protocol.js';
import type { SyncHttp } from './sync-http.js';
import { answeredText, checkServerProtocol, SyncError } from './sync-http.js';
import type { Text } from '../../../shared/i18n/text.js';
import { answerText } from '../words.js';

export interface StreamHandlers {
  onEvent(event: StreamEvent): void;
  onConnected(connected: boolean): void;
  onFatal(error: SyncError): void;
}

export function openSyncStream(http: SyncHttp, handlers: StreamHandlers, fetchImpl: typeof fetch = (...a) => fetch(...a)): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let attempt = 0;

  async function connectOnce(): Promise<void> {
    controller = new AbortController();
    const res = await fetchImpl(http.url(ROUTES.stream), { headers: { ...http.headers(), accept: 'text/event-stream' }, signal: controller.signal });
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      let message: Text = answeredText(res.status);
      let code = `http_${res.status}`;
      try {
        const body = JSON.parse(text) as { error?: { code: string; message: string } };
        if (body.error) {
          code = body.error.code;
          message = answerText(body.error);
        }
      } catch { /* not JSON */ }
      throw new SyncError(res.status, code, message);
    }
    checkServerProtocol(res);
    attempt = 0;
    handlers.onConnected(true);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
        if (!data) continue; // heartbeat comment
        try {
          handlers.onEvent(JSON.parse(data) as StreamEvent);
        } catch { /* ignore a malformed event; the next resync heals */ }
      }
    }
  }

  void (async () => {
    while (!stopped) {
      try {
        await connectOnce();
      } catch (err) {
        if (stopped) break;
        if (err instanceof SyncError && err.needsAttention) {
          handlers.onFatal(err);
          break;
        }
      }
      if (stopped) break;
      handlers.onConnected(false);
      const delay = Math.min(10_000, 250 * 2 ** attempt++);
      await new Promise((r) => setTimeout(r, delay));
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
  };
}
