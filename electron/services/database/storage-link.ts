/**
 * Main's end of the renderer's exposed RxDB storage. The renderer owns the data
 * (Dexie in its profile); main reaches the same database through RxDB remote
 * storage over whatever carries messages: Electron IPC or the browser host's
 * WebSocket. Node-only; imported by electron/main and electron/host.
 */
import { Subject, type Observable } from 'rxjs';
import type { MessageFromRemote, MessageToRemote, RemoteMessageChannel } from 'rxdb/plugins/storage-remote';

/** A live connection to one renderer's exposed database. */
export interface StorageLink {
  send(msg: MessageToRemote): void;
  readonly messages$: Observable<MessageFromRemote>;
}

/**
 * Wraps a link so that when it dies (the renderer reloads or the socket drops), every
 * request still waiting and every later one is answered with an error at once. RxDB
 * then fails fast instead of waiting forever, and the stale database can be closed.
 */
export class DetachableChannel implements RemoteMessageChannel {
  private readonly out = new Subject<MessageFromRemote>();
  private readonly pending = new Map<string, MessageToRemote>();
  private detached = false;
  private readonly sub;
  readonly messages$: Observable<MessageFromRemote> = this.out.asObservable();

  constructor(private readonly link: StorageLink) {
    this.sub = link.messages$.subscribe((msg) => {
      this.pending.delete(msg.answerTo);
      this.out.next(msg);
    });
  }

  send(msg: MessageToRemote): void {
    if (this.detached) {
      queueMicrotask(() => this.out.next(deadAnswer(msg)));
      return;
    }
    this.pending.set(msg.requestId, msg);
    this.link.send(msg);
  }

  detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.sub.unsubscribe();
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const msg of waiting) this.out.next(deadAnswer(msg));
  }

  async close(): Promise<void> {
    // The link belongs to the transport; closing RxDB's channel only stops listening.
    this.detach();
  }
}

function deadAnswer(msg: MessageToRemote): MessageFromRemote {
  // A closing collection needs no answer from a renderer that is gone.
  if (msg.method === 'close') return { connectionId: msg.connectionId, answerTo: msg.requestId, method: msg.method, return: null };
  return {
    connectionId: msg.connectionId,
    answerTo: msg.requestId,
    method: msg.method,
    error: { name: 'DisconnectedError', message: 'The desk window is not connected.' } as MessageFromRemote['error'],
  };
}
