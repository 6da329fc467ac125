import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../services/csp.js';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, APP_START_URL, isAllowedExternalUrl, isAllowedNavigation, isTrustedSenderUrl, mainWindowOptions } from './window-options.js';

const options = mainWindowOptions('/opt/desk/preload.cjs');
const prefs = options.webPreferences ?? {};

describe('main window options', () => {
  it('loads our preload', () => expect(prefs.preload).toBe('/opt/desk/preload.cjs'));
  it('isolates the page from the preload', () => expect(prefs.contextIsolation).toBe(true));
  it('sandboxes the renderer', () => expect(prefs.sandbox).toBe(true));
  it('gives the page no Node', () => expect(prefs.nodeIntegration).toBe(false));
  it('gives workers no Node', () => expect(prefs.nodeIntegrationInWorker).toBe(false));
  it('gives sub-frames no Node', () => expect(prefs.nodeIntegrationInSubFrames).toBe(false));
  it('keeps web security on', () => expect(prefs.webSecurity).toBe(true));
  it('refuses insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('has no <webview>', () => expect(prefs.webviewTag).toBe(false));
  it('has no experimental features', () => expect(prefs.experimentalFeatures).toBe(false));
  it('turns on no extra Blink features and passes the renderer no arguments', () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.additionalArguments).toBeUndefined();
  });
  it('does not navigate to dropped files', () => expect(prefs.navigateOnDragDrop).toBe(false));
  it('keeps syncing when minimised (no background throttling)', () => expect(prefs.backgroundThrottling).toBe(false));

  it('has the product title, a usable minimum size and waits for ready-to-show', () => {
    expect(options.title).toBe('Clinic Front Desk');
    expect(options.show).toBe(false);
    expect(options.minWidth).toBe(1024);
    expect(options.minHeight).toBe(640);
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? Infinity);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? Infinity);
  });
});

describe('app origin', () => {
  it('is app://frontdesk', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('frontdesk');
    expect(APP_ORIGIN).toBe('app://frontdesk');
    expect(APP_START_URL).toBe('app://frontdesk/');
  });

  const trusted = ['app://frontdesk/', 'app://frontdesk', 'app://frontdesk/index.html', 'app://frontdesk/calendar?day=2025-01-02#x'];
  const untrusted = [
    'file:///opt/desk/dist/renderer/index.html',
    'http://127.0.0.1:5173/',
    'http://frontdesk/',
    'https://frontdesk/',
    'app://other/',
    'app://frontdesk.evil.com/',
    'app://frontdesk:8080/',
    'app://evil@frontdesk/',
    'app://evilfrontdesk/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
    'not a url',
    null,
    undefined,
  ];

  it.each(trusted)('trusts %s as sender and navigation target', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(true);
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each(untrusted)('refuses %s as sender and navigation target', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('links main opens in the system browser', () => {
  const allowed = [
    'https://checkout.stripe.com/c/pay/cs_test_a1',
    'https://pay.example/p/abc123?x=1#y',
    'http://127.0.0.1:4319/pay/pr_1',
    'http://localhost:4319/pay/pr_1',
    'http://[::1]:4319/pay/pr_1',
  ];
  const refused = [
    'http://pay.example/p/abc123',
    'http://127.0.0.1.evil.example/',
    'https://user:pass@checkout.stripe.com/',
    'http://admin@127.0.0.1:4319/',
    'file:///etc/passwd',
    'smb://fileserver/share',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://frontdesk/',
    'ms-settings:',
    '',
    'not a url',
    null,
    undefined,
  ];
  it.each(allowed)('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));
  it.each(refused)('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('content security policy for the desk window', () => {
  const csp = contentSecurityPolicy({ connect: ['https://sync.clinic.example:8443/api/v1?token=secret'] });
  const directives = new Map(csp.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it('runs scripts only from the app itself', () => expect(directives.get('script-src')).toEqual(["'self'"]));
  it('never allows inline or eval anywhere', () => {
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-hashes');
    expect(csp).not.toContain('wasm-unsafe-eval');
  });
  it('blocks frames and plugins', () => {
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });
  it('connects only to itself and the sync server origin, never a path or token', () => {
    expect(directives.get('connect-src')).toEqual(["'self'", 'https://sync.clinic.example:8443']);
    expect(csp).not.toContain('/api');
    expect(csp).not.toContain('secret');
  });
  it('connects only to itself when standalone', () => {
    const standalone = contentSecurityPolicy({ connect: [] });
    expect(standalone).toContain("connect-src 'self';");
  });
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x', 'app://frontdesk/'])('rejects non-network URL %s', (url) => {
    expect(() => contentSecurityPolicy({ connect: [url] })).toThrow(/not a network origin/);
  });
});
