/**
 * The renderer's typed client of the main process. Picks the preload's bridge when
 * the page runs in Electron and the host's WebSocket otherwise — one build for both.
 */
import { BRIDGE_GLOBAL, type BridgeApi, type MainClient } from '../../shared/contract/index.js';
import { createSocketBridge } from './socket-bridge.js';

export function typedClient(bridge: BridgeApi): MainClient {
  return {
    invoke: ((channel: string, input?: unknown) => bridge.invoke(channel, input)) as MainClient['invoke'],
    on: ((channel: string, listener: (payload: unknown) => void) => bridge.on(channel, listener)) as MainClient['on'],
  };
}

/** The page's link token, injected by the browser host into index.html. */
function hostLinkUrl(): string {
  const token = document.querySelector<HTMLMetaElement>('meta[name="frontdesk-link-token"]')?.content ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/link?token=${encodeURIComponent(token)}`;
}

export function connectToMain(onConnection?: (connected: boolean) => void): BridgeApi {
  const preload = (window as unknown as Record<string, BridgeApi | undefined>)[BRIDGE_GLOBAL];
  if (preload) {
    onConnection?.(true);
    return preload;
  }
  return createSocketBridge({ url: hostLinkUrl(), ...(onConnection ? { onConnection } : {}) });
}
