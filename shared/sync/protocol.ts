/**
 * The sync protocol between desks and the clinic's sync server: routes, headers and
 * bodies. Imported by the server and by the desks' replication client, so both sides
 * agree by construction. Follows RxDB's replication protocol: pull from a checkpoint,
 * push with assumedMasterState, and a stream that says when to pull.
 */
import type { CollectionName } from '../schemas/index.js';
import type { Text } from '../i18n/text.js';
import type { RefusalCode } from './refusal-codes.js';

/** A document on the wire: the document's fields plus RxDB's deletion flag. */
export type WireDocument = Record<string, unknown> & { id: string; _deleted: boolean };

/**
 * Server-assigned, per clinic, strictly increasing with commit order: a pull from a
 * checkpoint can never skip a committed row. Never a client or transaction timestamp.
 */
export interface SyncCheckpoint {
  readonly seq: number;
}

export interface PullResponse {
  readonly documents: WireDocument[];
  /** The checkpoint after the last document returned (the request's own when none). */
  readonly checkpoint: SyncCheckpoint;
}

export interface PushRow {
  readonly newDocumentState: WireDocument;
  /** The server state the desk last saw; absent for a document new to the server. */
  readonly assumedMasterState?: WireDocument;
  /**
   * The command this change was made by, with every document it wrote: the server takes them
   * all or none (docs/decisions/0031-commands-at-the-server.md). Absent for the desk's own work.
   */
  readonly command?: PushCommand;
}

/** One command's documents, as `collection:id` keys (commandPartKey). */
export interface PushCommand {
  /** The operation id (shared/db/operations.ts), or the oldest of several that wrote the same documents. */
  readonly id: string;
  readonly parts: readonly string[];
}

/** One command sent whole: each part with its collection. */
export interface CommandPush {
  readonly id: string;
  readonly parts: readonly { readonly collection: CollectionName; readonly newDocumentState: WireDocument; readonly assumedMasterState?: WireDocument }[];
}

/** What became of one command sent whole (POST /v1/sync/commands). */
export type CommandOutcome =
  | { readonly id: string; readonly outcome: 'taken'; readonly numbered: WireDocument[] }
  /**
   * A part only has to wait (a reference not here yet): send it again later. `message` is the
   * English; `text` the same for the reader's language (absent from servers before languages).
   */
  | { readonly id: string; readonly outcome: 'wait'; readonly message: string; readonly text?: Text }
  /** Nothing kept: each part's refusal, and the server's state of each part it holds (records to take back). */
  | { readonly id: string; readonly outcome: 'refused'; readonly message: string; readonly text?: Text; readonly refusals: PushRefusal[]; readonly serverStates: { collection: CollectionName; document: WireDocument }[] };

/** The answer to POST /v1/sync/commands: one outcome per command, in the order sent. */
export interface CommandsResponse {
  readonly outcomes: readonly CommandOutcome[];
}

/** At most this many commands in one request. */
export const MAX_COMMANDS_PER_PUSH = 20;

/** At most this many documents in one command (a booking's cancel writes a handful). */
export const MAX_COMMAND_PARTS = 64;
export const commandPartKey = (collection: string, id: string) => `${collection}:${id}`;

/**
 * Why the server did not take a pushed document: a stable code with parameters, so the desk
 * can say it in the staff member's language (docs/design.md invariant 13), and the server's
 * own words as a fallback.
 */
export type RefusalParams = Readonly<Record<string, string | number>>;

/** A write the server would not take, with a message for the desk to show. */
export interface PushRefusal {
  readonly id: string;
  readonly code: RefusalCode;
  readonly params?: RefusalParams;
  /** In English, for logs and desks of earlier versions. */
  readonly message: string;
  /**
   * The same as a Text (shared/i18n/text.ts), for the desk to put into its reader's language
   * (docs/decisions/0033-languages.md); absent from servers before languages. A desk reads it
   * as it reads any input (parseStoredText), never trusting it.
   */
  readonly text?: Text;
  /**
   * True when the same push may succeed later without anyone acting (e.g. a payment whose
   * invoice is still on its way from the same desk): the desk keeps it pending and retries.
   */
  readonly retryable?: boolean;
}

export interface PushResponse {
  /** Current server states of documents whose assumedMasterState did not match. */
  readonly conflicts: WireDocument[];
  readonly refusals: PushRefusal[];
  /**
   * Documents the server changed as it took them (an invoice it gave its number), as stored:
   * the desk takes them as the server's state at once instead of waiting for a pull, which
   * could pass them by while its own change was still on its way up. Absent when none.
   */
  readonly numbered?: WireDocument[];
}

/** Sent as Server-Sent Events on the stream. */
export type StreamEvent =
  | { readonly type: 'resync' }
  | { readonly type: 'changed'; readonly collections: CollectionName[]; readonly seq: number };

export interface CreateClinicRequest {
  readonly clinicId: string;
  readonly clinicName: string;
  /** The first admin, as a staff document the desk made (id, name, roles…). */
  readonly admin: WireDocument;
  readonly deviceName: string;
  /** The desk's own id, which its changes name (docs/design.md invariant 11). */
  readonly deskId: string;
}

/** What a desk id looks like (electron/services/desk-identity.ts makes them). */
export const DESK_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface DeviceCredentials {
  readonly clinicId: string;
  readonly deviceId: string;
  /** Shown once; the server keeps only its hash. */
  readonly deviceToken: string;
}

export interface EnrollmentCode {
  readonly code: string;
  readonly expiresAt: string;
}

export interface EnrollRequest {
  readonly code: string;
  readonly deviceName: string;
  readonly deskId: string;
}

export interface DeviceInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastSeenAt: string | null;
  readonly revokedAt: string | null;
}

/** Every error the server sends has this shape. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    /** Plain words a receptionist can act on, in English (desks of earlier versions show these). */
    readonly message: string;
    /**
     * The same as a Text, for the desk to put into its reader's language; absent from servers
     * before languages and from errors meant for a program. Read as input, never trusted.
     */
    readonly text?: Text;
  };
}

export const SYNC_HEADERS = {
  /** "Bearer <device token>" */
  authorization: 'authorization',
  /** The staff member signed in on the desk, recorded on every write. */
  staff: 'x-frontdesk-staff',
  /** The sender's sync protocol version, on every request and every answer (protocol-version.ts). */
  protocol: 'x-frontdesk-protocol',
} as const;

/** Creating a clinic needs the server's admin secret ("Bearer <secret>"). */
export const ROUTES = {
  health: '/health',
  ready: '/ready',
  clinics: '/v1/clinics',
  enrollmentCodes: '/v1/enrollment-codes',
  enroll: '/v1/enroll',
  devices: '/v1/devices',
  revokeDevice: (deviceId: string) => `/v1/devices/${encodeURIComponent(deviceId)}/revoke`,
  pull: (collection: CollectionName) => `/v1/sync/${collection}/pull`,
  push: (collection: CollectionName) => `/v1/sync/${collection}/push`,
  /** Whole commands: every part of each in one request (server/sync/commands.ts takeWholeCommand). */
  commands: '/v1/sync/commands',
  stream: '/v1/sync/stream',
  /** Exactly once to the patient: claim a send, finish it, and list this desk's unfinished claims. */
  claims: '/v1/claims',
  finishClaim: '/v1/claims/finish',
  unfinishedClaims: '/v1/claims/unfinished',
} as const;

/** The largest page a pull may ask for; desks ask for this much (bigger pages make a first sync faster). */
export const PULL_LIMIT_MAX = 5000;
