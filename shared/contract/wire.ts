/**
 * Frames carried between the renderer and the main process when they do not share
 * Electron's IPC (browser host mode uses one WebSocket for all of them): contract
 * requests and responses, contract events, and RxDB remote-storage messages.
 */
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';

export type WireFrame =
  | { readonly t: 'req'; readonly id: number; readonly channel: string; readonly input: unknown }
  | { readonly t: 'res'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'res'; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly t: 'evt'; readonly channel: string; readonly payload: unknown }
  /** Main → renderer: a call on the renderer's exposed storage. */
  | { readonly t: 'storage-call'; readonly msg: MessageToRemote }
  /** Renderer → main: an answer or change-stream event from the exposed storage. */
  | { readonly t: 'storage-answer'; readonly msg: MessageFromRemote }
  /** Renderer → main: the database is open and exposed; (re)connect to it. */
  | { readonly t: 'storage-ready' };

export function encodeFrame(frame: WireFrame): string {
  return JSON.stringify(frame);
}

export function decodeFrame(text: string): WireFrame | null {
  try {
    const value = JSON.parse(text) as { t?: unknown };
    if (typeof value !== 'object' || value === null || typeof value.t !== 'string') return null;
    return value as WireFrame;
  } catch {
    return null;
  }
}
