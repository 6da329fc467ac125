/**
 * The renderer's typed client of the main process. Picks the preload's bridge when
 * the page runs in Electron and the host's WebSocket otherwise — one build for both.
 */
import { BRIDGE_GLOBAL, refusalIn, type BridgeApi, type MainClient } from '../../shared/contract/index.js';
import { createSocketBridge } from './socket-bridge.js';

export function typedClient(bridge: BridgeApi): MainClient {
  return {
    // A refusal comes as an envelope (its Text survives IPC) and is thrown here as a RefusedError.
    invoke: ((channel: string, input?: unknown) => bridge.invoke(channel, input).then((value) => {
      const refused = refusalIn(value);
      if (refused) throw refused;
      return value;
    })) as MainClient['invoke'],
    on: ((channel: string, listener: (payload: unknown) => void) => bridge.on(channel, listener)) as MainClient['on'],
  };
}

/**
 * The browser host's link. It carries no secret: the browser sends the host's HttpOnly
 * session cookie with the upgrade, which the page itself can never read (decision 0019).
 */
function hostLinkUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/link`;
}

export function connectToMain(onConnection?: (connected: boolean) => void): BridgeApi {
  const preload = (window as unknown as Record<string, BridgeApi | undefined>)[BRIDGE_GLOBAL];
  if (preload) {
    onConnection?.(true);
    return preload;
  }
  return createSocketBridge({ url: hostLinkUrl(), ...(onConnection ? { onConnection } : {}) });
}
