import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler } from './app-protocol.js';
import { launchOptions } from './launch-options.js';

const CSP = "default-src 'none'; script-src 'self'";
let base: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  const renderer = path.join(base, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
  handle = createAppRequestHandler({ rendererDir: renderer, csp: () => CSP });
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle({ url, method } as Request);

describe('app:// protocol', () => {
  it('serves the app shell with the CSP and nosniff', async () => {
    const res = await get('app://frontdesk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>desk</title>');
  });

  it('serves assets with their type', async () => {
    const res = await get('app://frontdesk/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('loads the shell for client-side routes', async () => {
    const res = await get('app://frontdesk/calendar/week');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>desk</title>');
  });

  it.each([
    'app://frontdesk/../secret.txt',
    'app://frontdesk/%2e%2e/secret.txt',
    'app://frontdesk/..%2fsecret.txt',
    'app://frontdesk/assets/..%2f..%2fsecret.txt',
    'app://frontdesk/%2e%2e%5csecret.txt',
    'app://frontdesk/missing.js',
    'app://other/index.html',
    'https://frontdesk/index.html',
  ])('answers 404 for %s, with the CSP, never leaking a file outside the renderer', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).not.toContain('TOP SECRET');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://frontdesk/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://frontdesk/', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('launch options', () => {
  it('is without demo by default and reads --demo', () => {
    expect(launchOptions(['electron', '.'])).toEqual({ demo: null, recoverSecret: null });
    expect(launchOptions(['electron', '.', '--demo'])).toEqual({ demo: {}, recoverSecret: null });
  });

  it('takes --reset-secret with the new secret from the environment only', () => {
    expect(launchOptions(['electron', '.', '--reset-secret=Astrid Solberg'], { FRONTDESK_NEW_SECRET: 'fjordside-2026' }))
      .toEqual({ demo: null, recoverSecret: { name: 'Astrid Solberg', secret: 'fjordside-2026' } });
    expect(() => launchOptions(['electron', '.', '--reset-secret=Astrid Solberg'], {})).toThrow(/FRONTDESK_NEW_SECRET/);
    expect(() => launchOptions(['electron', '.', '--reset-secret= '], { FRONTDESK_NEW_SECRET: 'x' })).toThrow(/name as it is written/);
    expect(() => launchOptions(['electron', '.', '--reset-secret', 'Astrid'], { FRONTDESK_NEW_SECRET: 'x' })).toThrow(/with =/);
  });
});
