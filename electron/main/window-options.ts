/**
 * The desk window's settings, the app's own origin and where its links may lead. Pure
 * (only Electron's types): imported by electron/main/index.ts and by tests in plain Node.
 *
 * The renderer is served from `app://frontdesk/` (a privileged custom scheme) rather
 * than file://, so it has one fixed origin: IndexedDB (the desk's data) stays put,
 * 'self' in the CSP means exactly the app, and IPC senders can be checked by origin.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../services/paths.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'frontdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads first. */
export const APP_START_URL = `${APP_ORIGIN}/`;

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show' so staff never see a blank white frame.
    show: false,
    backgroundColor: '#f8fafc',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A minimised or covered front-desk window must keep syncing and keep answering
      // main's database calls (reminders, payment links): Chromium would otherwise
      // throttle its timers and RxDB replication would stall.
      backgroundThrottling: false,
      // Chromium's spellchecker downloads dictionaries from Google: no traffic we did not ask for.
      spellcheck: false,
    },
  };
}

/** The URL without credentials (user:password@), or null when it has them or is no URL. */
function parseWithoutCredentials(url: string | null | undefined): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    const u = new URL(url);
    return u.username === '' && u.password === '' ? u : null;
  } catch {
    return null;
  }
}

/**
 * True only for a URL on exactly app://frontdesk (no port, no credentials). Node's URL
 * reports origin "null" for non-special schemes, so scheme and host are compared.
 */
export function isTrustedSenderUrl(url: string | null | undefined): boolean {
  const u = parseWithoutCredentials(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

/** The window may only ever navigate within the app itself. */
export function isAllowedNavigation(url: string | null | undefined): boolean {
  return isTrustedSenderUrl(url);
}

/** Hosts an http: link may name: the sandbox's pay page runs on this machine (sandbox-provider). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * What main hands to shell.openExternal, which starts whatever the system registers for a
 * scheme (Electron's security checklist, item 15): only web pages — https anywhere (Stripe's
 * checkout), plain http only on this machine (the sandbox) — and never with credentials.
 */
export function isAllowedExternalUrl(url: string | null | undefined): boolean {
  const u = parseWithoutCredentials(url);
  return u !== null && (u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname)));
}
