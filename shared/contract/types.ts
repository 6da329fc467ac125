/** Types derived from the channel tables; nothing here names a channel by hand. */
import type { EventSpec, RequestSpec } from './define.js';
import { events, requests } from './channels.js';

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;

export type RequestOf<C extends RequestChannel> = (typeof requests)[C] extends RequestSpec<infer Req, unknown> ? Req : never;
export type ResponseOf<C extends RequestChannel> = (typeof requests)[C] extends RequestSpec<unknown, infer Res> ? Res : never;
export type EventPayload<E extends EventChannel> = (typeof events)[E] extends EventSpec<infer P> ? P : never;

/** What main implements: one handler per request channel, checked by the compiler. */
export type RequestHandlers = {
  [C in RequestChannel]: (input: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** What the renderer calls, whichever bridge carries it. */
export interface MainClient {
  invoke<C extends RequestChannel>(channel: C, ...input: RequestOf<C> extends void ? [] : [RequestOf<C>]): Promise<ResponseOf<C>>;
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];
export const EVENT_CHANNELS = Object.keys(events) as EventChannel[];

export function isRequestChannel(value: unknown): value is RequestChannel {
  return typeof value === 'string' && Object.hasOwn(requests, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** Ipc channel names are prefixed so they never collide with Electron's own. */
export function ipcChannel(channel: RequestChannel | EventChannel): string {
  return `frontdesk:${channel}`;
}
