/**
 * Electron's main process entry (dist/electron/main.cjs); nothing imports it. Kept
 * thin: it wires Electron to the shared services (electron/services/) the way the
 * browser host (electron/host/) wires them to a WebSocket. The logic worth testing
 * lives in the pure siblings: window-options, app-protocol, launch-options, and the
 * preload's bridge-api.
 */
import path from 'node:path';
import { Subject } from 'rxjs';
import type { MessageFromRemote } from 'rxdb/plugins/storage-remote';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { ipcChannel, REQUEST_CHANNELS, STORAGE_IPC } from '../../shared/contract/index.js';
import { contentSecurityPolicy } from '../services/csp.js';
import { answerRequest } from '../services/dispatch.js';
import { createMainServices } from '../services/main-services.js';
import { stripeWebhookSecretFromEnv } from '../services/sync/sync-service.js';
import { PRODUCT_NAME, resolveDataDir } from '../services/paths.js';
import type { StorageLink } from '../services/database/storage-link.js';
import { createAppRequestHandler } from './app-protocol.js';
import { launchOptions, type LaunchOptions } from './launch-options.js';
import { createSafeStorageCipher } from './safe-storage-cipher.js';
import { createElectronPrinter } from './pdf-printer.js';
import { APP_SCHEME, APP_START_URL, isAllowedExternalUrl, isAllowedNavigation, isTrustedSenderUrl, mainWindowOptions } from './window-options.js';

// Must happen before 'ready'. standard: a real origin (IndexedDB, relative URLs);
// secure: a secure context; supportFetchAPI: the renderer's fetch() of its own assets.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer is sandboxed, whatever a window's options say.
app.enableSandbox();
// Before the single-instance lock, which is per userData folder. Always set, so an unpackaged
// run (named after package.json) uses the same folder as the packaged app and the browser host.
app.setPath('userData', resolveDataDir());

const options: LaunchOptions = launchOptions(process.argv, process.env);
// Read once, then gone: Electron's helper processes inherit the environment.
delete process.env.FRONTDESK_NEW_SECRET;

// A second start focuses the open desk instead of opening the same database twice.
if (!app.requestSingleInstanceLock()) app.quit();
else run(options);

function run(launch: LaunchOptions): void {
  const log = (line: string) => console.log(`[main] ${line}`);
  let win: BrowserWindow | null = null;
  // The one way out to the system browser, for the services and the window alike.
  const openExternal = async (url: string): Promise<void> => {
    if (!isAllowedExternalUrl(url)) throw new Error('Refused: only web pages open in the browser.');
    await shell.openExternal(url);
  };
  const services = createMainServices({
    info: { version: app.getVersion(), host: 'electron', dataDir: app.getPath('userData') },
    demo: launch.demo,
    // Requests are served only to the desk window (fromDesk below), so it is the one printed.
    printer: createElectronPrinter({ window: () => win, dialog, defaultDir: () => app.getPath('documents') }),
    // Payment pages open in the system browser; the service checks the URL is http(s) first.
    openExternal,
    sandboxPort: 4319,
    embeddedServer: { port: 4318, host: '127.0.0.1', stripeWebhookSecret: stripeWebhookSecretFromEnv(process.env) },
    secretCipher: createSafeStorageCipher(safeStorage, process.platform),
    ...(launch.recoverSecret ? { recoverSecret: { ...launch.recoverSecret, report: log } } : {}),
    log,
  });

  /** Only the desk window's own top frame, showing our app, may talk to main. */
  const fromDesk = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return win !== null && !win.isDestroyed() && event.sender === win.webContents && frame !== null && frame.parent === null && isTrustedSenderUrl(frame.url);
  };
  const toDesk = (channel: string, payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };

  // Contract requests: one handler per channel of the contract, input validated by dispatch.
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(ipcChannel(channel), (event, input: unknown) => {
      if (!fromDesk(event)) throw new Error('Refused: this request did not come from the desk window.');
      return answerRequest(services.handlers, channel, input);
    });
  }
  const eventsSub = services.events$.subscribe(({ channel, payload }) => toDesk(ipcChannel(channel), payload));

  // RxDB remote storage: main opens the renderer's database over IPC (the data plane).
  let storage: { link: StorageLink; answers: Subject<MessageFromRemote> } | null = null;
  const dropStorage = () => {
    const current = storage;
    storage = null;
    current?.answers.complete();
    // Fails main's pending calls at once; a newer link keeps its own handle.
    if (current && services.hub.isAttachedTo(current.link)) void services.hub.detach();
  };
  ipcMain.on(STORAGE_IPC.ready, (event) => {
    if (!fromDesk(event)) return;
    const answers = new Subject<MessageFromRemote>();
    const link: StorageLink = { send: (msg) => toDesk(STORAGE_IPC.call, msg), messages$: answers.asObservable() };
    storage?.answers.complete();
    storage = { link, answers };
    services.hub.attach(link).catch((err: unknown) => log(`could not open the desk's database: ${String(err)}`));
  });
  ipcMain.on(STORAGE_IPC.answer, (event, msg: unknown) => {
    if (!fromDesk(event) || typeof msg !== 'object' || msg === null) return;
    storage?.answers.next(msg as MessageFromRemote);
  });

  // Every web contents, present or future: no navigation away, no new windows, no webviews.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
    // will-navigate sees the main frame only; this sees every frame (CSP frame-src 'none'
    // should leave none, but a frame is refused here even if the CSP were loosened).
    contents.on('will-frame-navigate', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
    contents.on('will-redirect', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    // A link with target=_blank (the outbox's payment page) goes to the system browser if it
    // is a web page (openExternal checks); the app never opens a second window.
    contents.setWindowOpenHandler(({ url }) => {
      openExternal(url).catch((err: unknown) => log(`a link was not opened in the browser: ${String(err)}`));
      return { action: 'deny' };
    });
  });

  function createWindow(): void {
    // preload.cjs is built next to main.cjs (vite.config.ts).
    const w = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
    win = w;
    w.once('ready-to-show', () => w.show());
    // A reload or crash takes the exposed database with it; the new page announces itself again.
    w.webContents.on('did-navigate', dropStorage);
    w.webContents.on('render-process-gone', (_e, details) => {
      log(`renderer gone: ${details.reason}`);
      dropStorage();
    });
    w.on('closed', () => {
      dropStorage();
      win = null;
    });
    w.loadURL(APP_START_URL).catch((err: unknown) => log(`could not load the desk: ${String(err)}`));
  }

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.whenReady().then(() => {
    // The desk needs no camera, location, notifications prompt or the like: refuse all.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    const csp = () => contentSecurityPolicy({ connect: services.syncServerUrl() ? [services.syncServerUrl()!] : [] });
    protocol.handle(APP_SCHEME, createAppRequestHandler({ rendererDir: path.join(__dirname, '..', 'renderer'), csp }));
    return services.start().then(() => createWindow());
  }).catch((err: unknown) => {
    dialog.showErrorBox(PRODUCT_NAME, `The desk could not start: ${String(err)}`);
    app.exit(1);
  });

  // The desk's services live with its window: closing it ends the desk on every platform.
  app.on('window-all-closed', () => app.quit());
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    eventsSub.unsubscribe();
    services.close().catch((err: unknown) => log(`closing services failed: ${String(err)}`)).finally(() => app.quit());
  });
}
