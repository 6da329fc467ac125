import fs from 'node:fs';
/**
 * The Electron entry can never run here (no Electron binary), so this drives it against
 * a fake 'electron' module: what it registers, which senders it serves, what it blocks,
 * and a round trip through the real preload bridge to the renderer's database.
 */
import 'fake-indexeddb/auto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { ipcChannel, REQUEST_CHANNELS, STORAGE_IPC } from '../../shared/contract/index.js';
import { createClinicDatabase } from '../../shared/db/database.js';
import { exposeDatabaseToMain } from '../../renderer/data/expose-database.js';
import { createBridgeApi, type PreloadIpc } from '../preload/bridge-api.js';

type Fn = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => {
  class Emitter {
    readonly handlers = new Map<string, Fn[]>();
    on(event: string, fn: Fn) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Fn) {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.handlers.get(event) ?? []) fn(...args);
    }
  }
  class FakeWebContents extends Emitter {
    readonly sent: Array<[string, unknown]> = [];
    readonly renderer = new Emitter();
    openHandler: Fn | null = null;
    readonly printToPDF = vi.fn((_options: unknown) => Promise.resolve(Buffer.from('%PDF-1.7 fake')));
    /** main → renderer, delivered later and cloned, as over real IPC. */
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
      const copy = structuredClone(payload);
      queueMicrotask(() => this.renderer.emit(channel, { senderId: 0 }, copy));
    }
    rendererOn(channel: string, fn: Fn) {
      this.renderer.on(channel, fn);
    }
    rendererOff(channel: string, fn: Fn) {
      this.renderer.handlers.set(channel, (this.renderer.handlers.get(channel) ?? []).filter((f) => f !== fn));
    }
    setWindowOpenHandler(fn: Fn) {
      this.openHandler = fn;
    }
  }
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(),
    setPath: vi.fn(),
    getPath: () => '/tmp/frontdesk-test-profile',
    getVersion: () => '9.8.7',
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: () => Promise.resolve(),
  });
  const state = { windows: [] as Array<{ options: Record<string, unknown>; webContents: FakeWebContents; win: Emitter; loaded: string[] }> };
  class BrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    constructor(options: Record<string, unknown>) {
      super();
      state.windows.push({ options, webContents: this.webContents, win: this, loaded: [] });
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      state.windows.at(-1)?.loaded.push(url);
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    show = vi.fn();
    restore = vi.fn();
    focus = vi.fn();
  }
  const ipcMain = {
    handlers: new Map<string, Fn>(),
    listeners: new Map<string, Fn>(),
    handle(channel: string, fn: Fn) {
      this.handlers.set(channel, fn);
    },
    on(channel: string, fn: Fn) {
      this.listeners.set(channel, fn);
    },
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } };
  const dialog = {
    showErrorBox: vi.fn(),
    /** Staff accept the suggested file. */
    showSaveDialog: vi.fn((_win: unknown, options: { defaultPath?: string }) => Promise.resolve({ canceled: false, filePath: options.defaultPath ?? '' })),
  };
  const shell = { openExternal: vi.fn(async () => undefined) };
  const safeStorage = { isEncryptionAvailable: () => true, getSelectedStorageBackend: () => 'gnome_libsecret', encryptString: (t: string) => Buffer.from(t), decryptString: (b: Buffer) => b.toString() };
  const electron = { app, BrowserWindow, ipcMain, protocol, session, dialog, shell, safeStorage };
  return { electron, state, FakeWebContents };
});

vi.mock('electron', () => h.electron);

const { app, dialog, ipcMain, protocol, session, shell } = h.electron;
const desk = () => {
  const w = h.state.windows[0];
  if (!w) throw new Error('no window created');
  return w;
};
/** An IPC event as Electron would build it for a frame at `url`. */
const ipcEvent = (url: string, sender: unknown = desk().webContents, parent: unknown = null) => ({ sender, senderFrame: { url, parent } });

beforeAll(async () => {
  // An enrolled desk: its sync server comes from desk-sync.json in the data folder.
  fs.mkdirSync('/tmp/frontdesk-test-profile', { recursive: true });
  fs.writeFileSync('/tmp/frontdesk-test-profile/desk-sync.json', JSON.stringify({
    serverUrl: 'https://sync.clinic.example/', clinicId: 'c1', deviceId: 'd1', deviceToken: 'secret-token', embedded: false,
  }));
  // Main gets its own copy of RxDB, as in its own process (see host-link.test.ts).
  vi.resetModules();
  await import('./index.js');
  await new Promise((r) => setTimeout(r, 0));
});
let rendererCleanup: () => Promise<void> = async () => undefined;
afterAll(async () => {
  fs.rmSync('/tmp/frontdesk-test-profile/desk-sync.json', { force: true });
  app.emit('will-quit', { preventDefault: vi.fn() });
  await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  await rendererCleanup();
});

/** ipcRenderer for a page at `frameUrl` in the desk window; payloads are cloned as Electron does. */
function rendererIpc(frameUrl = 'app://frontdesk/'): PreloadIpc {
  const wc = desk().webContents;
  return {
    invoke: async (channel, arg) => {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await handler(ipcEvent(frameUrl), structuredClone(arg)));
    },
    send: (channel, arg) => {
      const copy = structuredClone(arg);
      queueMicrotask(() => ipcMain.listeners.get(channel)?.(ipcEvent(frameUrl), copy));
    },
    on: (channel, fn) => wc.rendererOn(channel, fn),
    off: (channel, fn) => wc.rendererOff(channel, fn),
  };
}

describe('Electron main entry', () => {
  it('registers app:// as a standard, secure, fetchable scheme and sandboxes every renderer', () => {
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.enableSandbox).toHaveBeenCalled();
  });

  it('serves the renderer on app:// with a CSP that connects only to the sync server origin', async () => {
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = protocol.handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const res = await handler({ url: 'app://frontdesk/no-such-file.js', method: 'GET' } as Request);
    expect(res.status).toBe(404);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' https://sync.clinic.example;");
    expect(csp).not.toContain('token');
  });

  it('denies every permission', () => {
    const [request] = session.defaultSession.setPermissionRequestHandler.mock.calls[0] as [Fn];
    const callback = vi.fn();
    request({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    const [check] = session.defaultSession.setPermissionCheckHandler.mock.calls[0] as [Fn];
    expect(check({}, 'notifications', 'app://frontdesk', {})).toBe(false);
  });

  it('opens one hidden, hardened window on app://frontdesk/ with the built preload', () => {
    expect(h.state.windows).toHaveLength(1);
    const { options, loaded } = desk();
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(path.join(import.meta.dirname, 'preload.cjs'));
    expect(prefs.sandbox).toBe(true);
    expect(options.show).toBe(false);
    expect(loaded).toEqual(['app://frontdesk/']);
  });

  it('blocks navigation away, redirects, new windows and webviews', () => {
    const wc = desk().webContents;
    const fire = (event: string, url?: string) => {
      const e = { url, preventDefault: vi.fn() };
      wc.emit(event, e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://frontdesk/calendar')).toBe(false);
    // Sub-frames too (will-navigate is main-frame only).
    expect(fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-frame-navigate', 'app://frontdesk/calendar')).toBe(false);
    expect(fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
    expect(wc.openHandler?.({ url: 'app://frontdesk/' })).toEqual({ action: 'deny' });
  });

  it('sends a new-window web page to the system browser and nothing else', async () => {
    const open = desk().webContents.openHandler;
    shell.openExternal.mockClear();
    for (const url of ['https://checkout.stripe.com/c/pay/cs_1', 'http://127.0.0.1:4319/pay/pr_1']) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    for (const url of ['file:///etc/passwd', 'http://evil.example/', 'javascript:alert(1)', 'app://frontdesk/']) {
      expect(open?.({ url })).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledTimes(2));
    expect(shell.openExternal.mock.calls).toEqual([['https://checkout.stripe.com/c/pay/cs_1'], ['http://127.0.0.1:4319/pay/pr_1']]);
  });

  it('handles every contract request, for the desk window only', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map((c) => ipcChannel(c)).sort());
    const info = ipcMain.handlers.get(ipcChannel('app.info'));
    await expect(Promise.resolve(info?.(ipcEvent('app://frontdesk/'), undefined))).resolves.toMatchObject({
      version: '9.8.7',
      host: 'electron',
      dataDir: '/tmp/frontdesk-test-profile',
      syncServerUrl: 'https://sync.clinic.example/',
      demo: false,
    });
    const refused = [
      ipcEvent('file:///tmp/index.html'),
      ipcEvent('http://127.0.0.1:5173/'),
      ipcEvent('app://other/'),
      ipcEvent('app://frontdesk/', new h.FakeWebContents()),
      ipcEvent('app://frontdesk/', desk().webContents, { url: 'app://frontdesk/' }),
      { sender: desk().webContents, senderFrame: null },
    ];
    for (const event of refused) {
      expect(() => info?.(event, undefined)).toThrow(/did not come from the desk window/);
    }
    // The input is still validated by the contract.
    await expect(Promise.resolve().then(() => info?.(ipcEvent('app://frontdesk/'), { x: 1 }))).rejects.toThrow(/takes no input/);
  });

  it('saves the page as an A4 PDF where staff choose, for the desk window only', async () => {
    const save = ipcMain.handlers.get(ipcChannel('print.savePdf'));
    const file = '/tmp/frontdesk-test-profile/Invoice 12 Anna Berg.pdf';
    try {
      await expect(Promise.resolve(save?.(ipcEvent('app://frontdesk/'), { suggestedName: 'Invoice 12: Anna Berg' }))).resolves.toEqual({ saved: true, path: file, fallback: false });
      expect(desk().webContents.printToPDF).toHaveBeenCalledWith({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      expect(dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: file, filters: [{ extensions: ['pdf'] }] });
      expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 fake');
    } finally {
      fs.rmSync(file, { force: true });
    }
    // Cancelled: nothing written, and no fallback (the desktop app can save PDFs).
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(Promise.resolve(save?.(ipcEvent('app://frontdesk/'), { suggestedName: 'Receipt' }))).resolves.toEqual({ saved: false, path: null, fallback: false });
    expect(() => save?.(ipcEvent('http://127.0.0.1:5173/'), { suggestedName: 'Receipt' })).toThrow(/did not come from the desk window/);
    await expect(Promise.resolve().then(() => save?.(ipcEvent('app://frontdesk/'), { suggestedName: '../../etc/passwd' }))).rejects.toThrow(/file name/);
  });

  it('ignores storage announcements from anyone but the desk window', async () => {
    const ready = ipcMain.listeners.get(STORAGE_IPC.ready);
    ready?.(ipcEvent('http://127.0.0.1:5173/'), null);
    ready?.(ipcEvent('app://frontdesk/', new h.FakeWebContents()), null);
    ready?.(ipcEvent('app://frontdesk/', desk().webContents, { url: 'app://frontdesk/' }), null);
    await new Promise((r) => setTimeout(r, 50));
    expect(desk().webContents.sent.filter(([c]) => c === STORAGE_IPC.call)).toEqual([]);
  });

  it('round trip: the preload bridge lends the renderer database to main, and main reports it', async () => {
    // The renderer side: its own RxDB (loaded before resetModules), Dexie on fake-indexeddb,
    // the real preload bridge over a fake ipcRenderer wired to the fake ipcMain.
    const db = await createClinicDatabase({ storage: getRxStorageDexie(), name: `ipc-${Date.now()}` });
    const bridge = createBridgeApi(rendererIpc());
    const statuses: unknown[] = [];
    const stopListening = bridge.on('app.status', (s) => statuses.push(s));
    const unexpose = exposeDatabaseToMain(db, bridge);
    rendererCleanup = async () => {
      stopListening();
      unexpose();
      await db.close();
    };

    await vi.waitFor(() => expect(statuses).toContainEqual({ databaseConnected: true, busy: null }), { timeout: 10_000 });
    await expect(bridge.invoke('app.status', undefined)).resolves.toEqual({ databaseConnected: true, busy: null });

    // The renderer crashes: main drops its handle and says so.
    desk().webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ databaseConnected: false, busy: null }));
    await expect(bridge.invoke('app.status', undefined)).resolves.toEqual({ databaseConnected: false, busy: null });
  });
});
