/**
 * The bridge to the main process in browser host mode: the contract and the exposed
 * storage carried over one WebSocket to the host, reconnecting by itself when the host
 * restarts — tried again at least every RETRY_MAX_MS, and an attempt that neither opens nor
 * fails within CONNECT_TIMEOUT_MS is given up and tried again — so a page whose host came back
 * is linked again within a few seconds, never only after a reload. On each (re)open it
 * announces its database again and sends what was asked meanwhile; what it shows from main is
 * asked again by the page (App.tsx, SignInGate.tsx) when `onConnection(true)` says so.
 * Takes the WebSocket constructor and the timers so tests can drive it from Node.
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
  /** The clock for retries (tests pass a fake one). */
  timers?: BridgeTimers;
}

export interface BridgeTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: BridgeTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SocketBridge extends BridgeApi {
  close(): void;
}

/** The first retry comes after this long, doubling up to RETRY_MAX_MS. */
export const RETRY_MIN_MS = 200;
/** A host that is back is found within this long (plus its handshake). */
export const RETRY_MAX_MS = 2_000;
/** An attempt still connecting after this long is abandoned and tried again (a host half up, a lost packet). */
export const CONNECT_TIMEOUT_MS = 3_000;

/** How long to wait before attempt number `attempt` (0 for the first retry). */
export const retryDelay = (attempt: number): number => Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(attempt, 16));

/** The host went away mid-request: an Error whose `text` the screen shows in its reader's language. */
function restartedError(): Error {
  const words = text('sync.deskServiceRestarted');
  return Object.assign(new Error(inEnglish(words)), { text: words });
}

export function createSocketBridge(options: SocketBridgeOptions): SocketBridge {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const timers = options.timers ?? REAL_TIMERS;
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

  function retryLater(): void {
    if (closed) return;
    timers.setTimeout(() => { if (!closed) connect(); }, retryDelay(attempt++));
  }

  function connect(): void {
    let ws: WebSocket;
    try {
      ws = new Impl(options.url);
    } catch {
      // Not even an attempt (the page is leaving, the browser refused): try again as after a failure.
      retryLater();
      return;
    }
    socket = ws;
    let over = false;
    // A socket that neither opens nor fails would leave the page waiting for ever.
    const giveUp = timers.setTimeout(() => {
      if (open || over) return;
      ws.onopen = null;
      ws.onmessage = null;
      ws.onclose = null;
      ws.onerror = () => undefined;
      try { ws.close(); } catch { /* already going */ }
      lost(false);
    }, CONNECT_TIMEOUT_MS);
    /** This socket is gone (once): answer what it left unanswered and try again. */
    const lost = (wasOpen: boolean) => {
      if (over) return;
      over = true;
      timers.clearTimeout(giveUp);
      open = false;
      if (socket === ws) socket = null;
      if (wasOpen) options.onConnection?.(false);
      for (const [id, p] of pending) {
        // Sent but unanswered: the host went away mid-request.
        if (!queue.some((f) => f.t === 'req' && f.id === id)) {
          pending.delete(id);
          p.reject(restartedError());
        }
      }
      retryLater();
    };
    ws.onopen = () => {
      timers.clearTimeout(giveUp);
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
    // A failed attempt's error is followed by its close, which is what counts (Node's ws throws an error nobody listens to).
    ws.onerror = () => undefined;
    ws.onclose = () => lost(open);
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
