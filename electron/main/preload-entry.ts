/**
 * Entry of the sandboxed preload bundle (dist/electron/preload.cjs). It lives under
 * electron/main/ only because it imports 'electron'; nothing imports it. All logic is
 * in electron/preload/bridge-api.ts; here ipcRenderer is adapted and exposed through
 * the context bridge as `window.frontDesk` (never ipcRenderer itself).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract/index.js';
import { createBridgeApi } from '../preload/bridge-api.js';

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridgeApi({
    invoke: (channel, arg) => ipcRenderer.invoke(channel, arg),
    on: (channel, listener) => void ipcRenderer.on(channel, listener),
    off: (channel, listener) => void ipcRenderer.off(channel, listener),
    send: (channel, arg) => ipcRenderer.send(channel, arg),
  }),
);
