/**
 * The preload's `window.frontDesk`: the renderer's only door to the main process,
 * limited to the channels of the contract. Pure (no 'electron' import; the preload
 * entry in electron/main/preload-entry.ts passes in ipcRenderer), so tests run it in
 * plain Node. No channel name is written here: the allow-lists come from the contract.
 */
import {
  EVENT_CHANNELS,
  ipcChannel,
  REQUEST_CHANNELS,
  STORAGE_IPC,
  type BridgeApi,
  type EventChannel,
  type RequestChannel,
} from '../../shared/contract/index.js';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';

/** The part of ipcRenderer the bridge uses. Listeners get Electron's event first. */
export type IpcListener = (event: unknown, payload: unknown) => void;
export interface PreloadIpc {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): void;
  off(channel: string, listener: IpcListener): void;
  send(channel: string, arg: unknown): void;
}

export const ALLOWED_REQUESTS: ReadonlySet<string> = new Set<string>(REQUEST_CHANNELS);
export const ALLOWED_EVENTS: ReadonlySet<string> = new Set<string>(EVENT_CHANNELS);

export function createBridgeApi(ipc: PreloadIpc): BridgeApi {
  // Subscribes with a wrapper so the page never sees the IpcRendererEvent (it would
  // hand the page `event.sender`, i.e. ipcRenderer itself).
  const listen = <T>(channel: string, listener: (payload: T) => void): (() => void) => {
    const wrapped: IpcListener = (_event, payload) => listener(payload as T);
    ipc.on(channel, wrapped);
    return () => ipc.off(channel, wrapped);
  };

  return {
    invoke(channel, input) {
      if (typeof channel !== 'string' || !ALLOWED_REQUESTS.has(channel)) {
        throw new Error(`"${String(channel)}" is not a request the desk service offers.`);
      }
      return ipc.invoke(ipcChannel(channel as RequestChannel), input);
    },
    on(channel, listener) {
      if (typeof channel !== 'string' || !ALLOWED_EVENTS.has(channel)) {
        throw new Error(`"${String(channel)}" is not an event the desk service sends.`);
      }
      if (typeof listener !== 'function') throw new Error('on() needs a listener function.');
      return listen(ipcChannel(channel as EventChannel), listener);
    },
    storage: {
      send: (msg: MessageFromRemote) => ipc.send(STORAGE_IPC.answer, msg),
      onCall: (listener: (msg: MessageToRemote) => void) => listen(STORAGE_IPC.call, listener),
      ready: () => ipc.send(STORAGE_IPC.ready, null),
    },
  };
}
