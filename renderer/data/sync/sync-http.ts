/**
 * The desk's HTTP client for the sync server's replication routes. Plain fetch, so
 * it runs in the renderer and in Node (the fault suite drives real desks from Node).
 */
import {
  ROUTES, SYNC_HEADERS,
  type CommandPush, type CommandsResponse, type ErrorBody, type PullResponse, type PushResponse, type PushRow, type SyncCheckpoint,
} from '../../../shared/sync/protocol.js';
import type { CollectionName } from '../../../shared/schemas/index.js';
import { parseProtocolHeader, peerProtocolProblem, PROTOCOL_VERSION, UPDATE_MESSAGES } from '../../../shared/sync/protocol-version.js';
import { text as textOf, type MessageId, type Text } from '../../../shared/i18n/text.js';
import { inEnglish } from '../../../shared/i18n/translator.js';
import { answerText } from '../words.js';

/** The desk and its server speak sync protocols that cannot sync (shared/sync/protocol-version.ts). */
const UPGRADE_REQUIRED = 426;

/**
 * Refuses an answer from a server this desk cannot sync with, before its body is used. A
 * newer server decides itself whether it can still serve this desk (it answers 426 when
 * not), so only a server older than this desk can sync with, or one whose version cannot
 * be read, is refused here.
 */
export function checkServerProtocol(res: Response): void {
  const version = parseProtocolHeader(res.headers.get(SYNC_HEADERS.protocol));
  if (version === null) throw new SyncError(UPGRADE_REQUIRED, 'desk_too_old', UPDATE_MESSAGES.deskTooOld);
  if (peerProtocolProblem(version) === 'peer-older') throw new SyncError(UPGRADE_REQUIRED, 'desk_too_new', UPDATE_MESSAGES.deskTooNew);
}

/** What a server's error without a body of ours says: only its status. */
export const answeredText = (status: number): Text => textOf('sync.answered', { status: String(status) });

export interface SyncTarget {
  serverUrl: string;
  deviceToken: string;
}

/**
 * A refusal or failure with the server's plain-words message. `text` is what the status bar
 * shows, in the reader's language; `message` is its English, for logs and tests.
 */
export class SyncError extends Error {
  readonly text: Text;
  constructor(readonly status: number, readonly code: string, message: MessageId | Text) {
    const words = typeof message === 'string' ? textOf(message) : message;
    super(inEnglish(words));
    this.name = 'SyncError';
    this.text = words;
  }
  /** The desk cannot sync again until someone acts (re-enrol, fix permissions, update the desk or the server). */
  get needsAttention(): boolean {
    return this.status === 401 || this.status === 403 || this.status === UPGRADE_REQUIRED;
  }
}

export class SyncHttp {
  /** An answer of the server's has passed checkServerProtocol. */
  private serverChecked = false;
  /** The server's protocol version, from its last checked answer. */
  serverProtocol = 0;

  constructor(
    private readonly target: SyncTarget,
    private readonly actingStaff: () => string | null,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  headers(json = false): Record<string, string> {
    const h: Record<string, string> = { [SYNC_HEADERS.authorization]: `Bearer ${this.target.deviceToken}`, [SYNC_HEADERS.protocol]: String(PROTOCOL_VERSION) };
    const staff = this.actingStaff();
    if (staff) h[SYNC_HEADERS.staff] = staff;
    if (json) h['content-type'] = 'application/json';
    return h;
  }

  url(path: string): string {
    return new URL(path, this.target.serverUrl).toString();
  }

  async pull(collection: CollectionName, checkpoint: SyncCheckpoint | undefined, limit: number): Promise<PullResponse> {
    const seq = checkpoint?.seq ?? 0;
    return this.request<PullResponse>(`${ROUTES.pull(collection)}?seq=${seq}&limit=${limit}`, { method: 'GET' });
  }

  async push(collection: CollectionName, rows: PushRow[]): Promise<PushResponse> {
    // Nothing is pushed to a server whose version this desk has not seen and accepted.
    if (!this.serverChecked) await this.request(ROUTES.health, { method: 'GET' });
    return this.request<PushResponse>(ROUTES.push(collection), { method: 'POST', body: JSON.stringify(rows) });
  }

  /** The server's protocol version, asking it first when no answer has been checked yet. */
  async protocolOfServer(): Promise<number> {
    if (!this.serverChecked) await this.request(ROUTES.health, { method: 'GET' });
    return this.serverProtocol;
  }

  /** Whole commands (docs/decisions/0032-command-outbox.md); a server that does not answer in time is retried. */
  async commands(commands: CommandPush[]): Promise<CommandsResponse> {
    if (!this.serverChecked) await this.request(ROUTES.health, { method: 'GET' });
    return this.request<CommandsResponse>(ROUTES.commands, { method: 'POST', body: JSON.stringify({ commands }), timeoutMs: 30_000 });
  }

  async request<T>(path: string, init: { method: string; body?: string; timeoutMs?: number }): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path), {
        method: init.method, headers: this.headers(init.body !== undefined),
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.timeoutMs ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
      });
    } catch {
      throw new SyncError(0, 'offline', textOf('sync.unreachable'));
    }
    // A server refusing this desk's version says so in its body; any other answer is checked here —
    // except an error without the header, which a closing server or a proxy sends (a 503, a 502):
    // that is an outage to retry, not a server of another version.
    if (res.status !== UPGRADE_REQUIRED && (res.ok || res.headers.has(SYNC_HEADERS.protocol))) {
      checkServerProtocol(res);
      this.serverChecked = true;
      this.serverProtocol = parseProtocolHeader(res.headers.get(SYNC_HEADERS.protocol)) ?? 0;
    }
    const text = await res.text();
    if (!res.ok) {
      let body: Partial<ErrorBody> = {};
      try { body = JSON.parse(text) as ErrorBody; } catch { /* not JSON */ }
      throw new SyncError(res.status, body.error?.code ?? `http_${res.status}`, body.error ? answerText(body.error) : answeredText(res.status));
    }
    return JSON.parse(text) as T;
  }
}
