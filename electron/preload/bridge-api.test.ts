import { afterAll, describe, expect, it } from 'vitest';
import type { MessageFromRemote, MessageToRemote } from 'rxdb/plugins/storage-remote';
import { events, requests, STORAGE_IPC } from '../../shared/contract/index.js';
import { createMainServices } from '../services/main-services.js';
import { ALLOWED_EVENTS, ALLOWED_REQUESTS, createBridgeApi, type IpcListener, type PreloadIpc } from './bridge-api.js';

/** A fake ipcRenderer that records what the bridge does and can emit messages. */
function fakeIpc() {
  const invoked: Array<[string, unknown]> = [];
  const sent: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<IpcListener>>();
  const ipc: PreloadIpc = {
    invoke: (channel, arg) => {
      invoked.push([channel, arg]);
      return Promise.resolve({ answered: channel });
    },
    on: (channel, fn) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(fn);
    },
    off: (channel, fn) => void listeners.get(channel)?.delete(fn),
    send: (channel, arg) => void sent.push([channel, arg]),
  };
  const fakeEvent = { sender: { secret: 'ipcRenderer' }, senderId: 0 };
  const emit = (channel: string, payload: unknown) => {
    for (const fn of listeners.get(channel) ?? []) fn(fakeEvent, payload);
  };
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc, invoked, sent, emit, count };
}

const services = createMainServices({
  info: { version: '0.0.0-test', host: 'electron', dataDir: '/tmp/none' },
  demo: null,
});
afterAll(() => services.close());

describe('preload allow-list', () => {
  it('offers exactly the requests main handles and the contract declares', () => {
    const preload = [...ALLOWED_REQUESTS].sort();
    expect(preload).toEqual(Object.keys(services.handlers).sort());
    expect(preload).toEqual(Object.keys(requests).sort());
    expect(preload).toContain('app.info');
    expect(preload).toContain('app.status');
  });

  it('forwards exactly the events of the contract', () => {
    expect([...ALLOWED_EVENTS].sort()).toEqual(Object.keys(events).sort());
    expect([...ALLOWED_EVENTS]).toContain('app.status');
  });
});

describe('createBridgeApi', () => {
  it('invokes a contract request on its prefixed ipc channel', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = createBridgeApi(ipc);
    await expect(api.invoke('app.info', undefined)).resolves.toEqual({ answered: 'frontdesk:app.info' });
    expect(invoked).toEqual([['frontdesk:app.info', undefined]]);
  });

  it.each(['secrets.read', 'frontdesk:app.info', '__proto__', 'toString', 'constructor', ''])(
    'refuses to invoke %j and sends nothing',
    (channel) => {
      const { ipc, invoked, sent } = fakeIpc();
      const api = createBridgeApi(ipc);
      expect(() => api.invoke(channel, {})).toThrow(/not a request the desk service offers/);
      expect(invoked).toEqual([]);
      expect(sent).toEqual([]);
    },
  );

  it('refuses a non-string channel', () => {
    const { ipc, invoked } = fakeIpc();
    const api = createBridgeApi(ipc);
    expect(() => api.invoke(42 as unknown as string, {})).toThrow(/not a request/);
    expect(invoked).toEqual([]);
  });

  it('refuses to listen to channels outside the contract', () => {
    const { ipc, count } = fakeIpc();
    const api = createBridgeApi(ipc);
    expect(() => api.on(STORAGE_IPC.call, () => undefined)).toThrow(/not an event the desk service sends/);
    expect(() => api.on('app.info', () => undefined)).toThrow(/not an event/);
    expect(count(STORAGE_IPC.call)).toBe(0);
  });

  it('gives event listeners the payload only, and unsubscribes', () => {
    const { ipc, emit, count } = fakeIpc();
    const api = createBridgeApi(ipc);
    const received: unknown[][] = [];
    const stop = api.on('app.status', (...args: unknown[]) => received.push(args));
    emit('frontdesk:app.status', { databaseConnected: true, busy: null });
    expect(received).toEqual([[{ databaseConnected: true, busy: null }]]);
    stop();
    expect(count('frontdesk:app.status')).toBe(0);
    emit('frontdesk:app.status', { databaseConnected: false, busy: null });
    expect(received).toHaveLength(1);
  });

  it('carries remote storage on the fixed storage channels', () => {
    const { ipc, sent, emit, count } = fakeIpc();
    const api = createBridgeApi(ipc);
    const calls: unknown[][] = [];
    const stop = api.storage.onCall((...args: unknown[]) => calls.push(args));
    const call = { connectionId: 'c1', requestId: 'r1', method: 'info', params: [] } as unknown as MessageToRemote;
    emit(STORAGE_IPC.call, call);
    expect(calls).toEqual([[call]]);
    stop();
    expect(count(STORAGE_IPC.call)).toBe(0);

    const answer = { connectionId: 'c1', answerTo: 'r1', method: 'info', return: 1 } as unknown as MessageFromRemote;
    api.storage.send(answer);
    api.storage.ready();
    expect(sent).toEqual([
      [STORAGE_IPC.answer, answer],
      [STORAGE_IPC.ready, null],
    ]);
  });
});
