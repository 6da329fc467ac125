/**
 * The untyped transport the renderer talks through: the preload's `window.frontDesk`
 * in Electron, or the WebSocket bridge in browser host mode. Both carry exactly the
 * channels of the contract; the renderer wraps this in the typed MainClient.
 */
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';

export interface BridgeApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
  readonly storage: {
    /** An answer or change event from the renderer's exposed storage to main. */
    send(msg: MessageFromRemote): void;
    /** Calls main makes on the exposed storage. */
    onCall(listener: (msg: MessageToRemote) => void): () => void;
    /** The database is open and exposed: main may (re)connect to it. */
    ready(): void;
  };
}

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'frontDesk';

/** Fixed IPC channels for remote storage (not part of the request map: they are the data plane). */
export const STORAGE_IPC = {
  call: 'frontdesk:storage:call',
  answer: 'frontdesk:storage:answer',
  ready: 'frontdesk:storage:ready',
} as const;
