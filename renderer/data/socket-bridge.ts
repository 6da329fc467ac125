/**
 * The bridge to the main process in browser host mode: the contract and the exposed
 * storage carried over one WebSocket to the host, reconnecting with backoff when the
 * host restarts. Takes the WebSocket constructor so tests can drive it from Node.
 */
import type { MessageToRemote } from 'rxdb/plugins/storage-remote';
import { decodeFrame, encodeFrame, type BridgeApi, type WireFrame } from '../../shared/contract/index.js';
import { text } from '../../shared/i18n/text.js';
import { inEnglish } from '../../shared/i18n/translator.js';

export interface SocketBridgeOptions {
  url: string;
  WebSocketImpl?: typeof WebSocket;
  /** Called with true/false as the link to main comes and goes. */
  onConnection?: (connected: boolean) => void;
}

export interface SocketBridge extends BridgeApi {
  close(): void;
}

const MAX_BACKOFF_MS = 5_000;

/** The host went away mid-request: an Error whose `text` the screen shows in its reader's language. */
function restartedError(): Error {
  const words = text('sync.deskServiceRestarted');
  return Object.assign(new Error(inEnglish(words)), { text: words });
}

export function createSocketBridge(options: SocketBridgeOptions): SocketBridge {
  const Impl = options.WebSocketImpl ?? WebSocket;
  let socket: WebSocket | null = null;
  let open = false;
  let closed = false;
  let storageReady = false;
  let attempt = 0;
  let nextId = 1;
  const queue: WireFrame[] = [];
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const storageListeners = new Set<(msg: MessageToRemote) => void>();

  const send = (frame: WireFrame) => {
    if (open && socket) socket.send(encodeFrame(frame));
    else if (frame.t === 'req') queue.push(frame);
    // Storage answers for a closed socket are dropped: main has detached that database.
  };

  function connect(): void {
    const ws = new Impl(options.url);
    socket = ws;
    ws.onopen = () => {
      open = true;
      attempt = 0;
      options.onConnection?.(true);
      if (storageReady) ws.send(encodeFrame({ t: 'storage-ready' }));
      for (const frame of queue.splice(0)) ws.send(encodeFrame(frame));
    };
    ws.onmessage = (event: MessageEvent) => {
      const frame = typeof event.data === 'string' ? decodeFrame(event.data) : null;
      if (!frame) return;
      if (frame.t === 'res') {
        const p = pending.get(frame.id);
        pending.delete(frame.id);
        if (frame.ok) p?.resolve(frame.value);
        else p?.reject(new Error(frame.error));
      } else if (frame.t === 'evt') {
        for (const l of listeners.get(frame.channel) ?? []) l(frame.payload);
      } else if (frame.t === 'storage-call') {
        for (const l of storageListeners) l(frame.msg);
      }
    };
    ws.onclose = () => {
      const wasOpen = open;
      open = false;
      socket = null;
      if (wasOpen) options.onConnection?.(false);
      for (const [id, p] of pending) {
        // Sent but unanswered: the host went away mid-request.
        if (!queue.some((f) => f.t === 'req' && f.id === id)) {
          pending.delete(id);
          p.reject(restartedError());
        }
      }
      if (closed) return;
      const delay = Math.min(MAX_BACKOFF_MS, 200 * 2 ** attempt++);
      setTimeout(() => { if (!closed) connect(); }, delay);
    };
  }

  connect();

  return {
    invoke(channel, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ t: 'req', id, channel, input });
      });
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    storage: {
      send: (msg) => send({ t: 'storage-answer', msg }),
      onCall(listener) {
        storageListeners.add(listener);
        return () => storageListeners.delete(listener);
      },
      ready() {
        storageReady = true;
        if (open && socket) socket.send(encodeFrame({ t: 'storage-ready' }));
      },
    },
    close() {
      closed = true;
      socket?.close();
    },
  };
}
