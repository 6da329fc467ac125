/**
 * Which desks and servers can sync with each other (docs/decisions/0014-schema-versions.md).
 * Each side sends PROTOCOL_VERSION (the `x-frontdesk-protocol` header; none means 0, the
 * releases before versions were exchanged) and checks the other's with the same rule, so
 * a desk and a server agree on who must be updated. Importable from every runtime.
 */
import { collectionSchemas, COLLECTION_NAMES, type CollectionName } from '../schemas/index.js';
import type { MessageId } from '../i18n/text.js';

export const PROTOCOL_VERSION = 6;

/** The first protocol whose servers take a command's documents whole (POST /v1/sync/commands, docs/decisions/0032-command-outbox.md). */
export const WHOLE_COMMANDS_PROTOCOL = 3;

/**
 * The oldest peer this code still syncs with. Raise it when a schema migration changes
 * documents in a way the previous release cannot read: version 1 changed no document, so
 * a version-0 desk still read what a version-1 server stored. Version 2 records the desk of
 * every change (schemas at version 2): a version-1 desk cannot store such documents, and the
 * server cannot check the desk of its changes, so both sides must be at 2
 * (docs/decisions/0017-recorded-actor-and-desk.md). Version 3 changed no document: its servers
 * also take whole commands, which a version-3 desk sends only to them. Version 4 adds languages
 * (staff and clients at schema 3 with a `language`, log entries with a `summaryText`,
 * docs/decisions/0033-languages.md): a version-3 desk's checks refuse such documents, so both
 * sides must be at 4. Version 5 gives payment requests a `problemText` (schema 3): the same
 * again, both sides must be at 5. Version 6 gives settings a `senderMode` and lets
 * `invoicingActivatedAt` be '' (payments not yet activated; schema 3): both sides must be at 6.
 */
export const OLDEST_PEER_PROTOCOL = 6;

/** The schema version of every collection, as written by a peer of each protocol version (index). */
const SCHEMAS_AT_PROTOCOL: readonly Readonly<Record<CollectionName, number>>[] = [
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 1])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 2])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 2])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, c === 'staff' || c === 'clients' || c === 'activity' ? 3 : 2])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, c === 'staff' || c === 'clients' || c === 'activity' || c === 'paymentrequests' ? 3 : 2])) as Record<CollectionName, number>,
  Object.fromEntries(COLLECTION_NAMES.map((c) => [c, collectionSchemas[c].version])) as Record<CollectionName, number>,
];

/** The schema version a peer of `protocol` writes `collection` documents at. */
export function schemaVersionAt(protocol: number, collection: CollectionName): number {
  const versions = SCHEMAS_AT_PROTOCOL[protocol];
  if (!versions) throw new Error(`Sync protocol ${protocol} is not known here.`);
  return versions[collection];
}

/** The peer's version from its header: absent is 0; anything but a small whole number is refused. */
export function parseProtocolHeader(value: string | string[] | null | undefined): number | null {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value)) return null;
  return Number(value);
}

export type PeerProblem = 'peer-older' | 'peer-newer';

/** Null when this code and a peer of `peer`'s protocol can sync. */
export function peerProtocolProblem(peer: number): PeerProblem | null {
  if (peer > PROTOCOL_VERSION) return 'peer-newer';
  if (peer < OLDEST_PEER_PROTOCOL) return 'peer-older';
  return null;
}

/**
 * What the desk's status bar says when it and its server cannot sync; nothing is pushed until
 * then. Message ids (docs/decisions/0033-languages.md): whoever shows one puts it into its
 * reader's words with `t()`; the server sends its English (`inEnglish`) as the error's message.
 */
export const UPDATE_MESSAGES: Readonly<Record<'deskTooOld' | 'deskTooNew', MessageId>> = {
  deskTooOld: 'update.deskTooOld',
  deskTooNew: 'update.deskTooNew',
};
