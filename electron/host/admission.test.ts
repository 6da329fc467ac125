/**
 * Who gets into the browser host (decision 0019), against the real host on 127.0.0.1 with
 * real HTTP and real `ws` clients: the opening code, the session cookie, the Host and
 * Origin checks, and the cookie across restarts and data folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost } from './host-server.js';
import { CODE_LIFETIME_MS } from './opening-codes.js';
import { hostSessionForTools, SESSION_KEY_FILE } from './session-key.js';
import { APP_SHELL, startTestHost, tempFolder, type TestHost } from './test-support/host-fixture.js';
import { HOST_HOSTILE_CASES, runHostileCases } from './test-support/hostile-cases.js';
import { probe, signIn } from './test-support/http-probe.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const testHost = (options?: Parameters<typeof startTestHost>[2]) => startTestHost(startHost, cleanups, options);
const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

/** 'open' or the status the upgrade was refused with, from the `ws` client itself. */
function socketOutcome(t: TestHost, headers: Record<string, string>, origin = t.origin): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${t.port}/link`, { origin, headers });
    ws.on('open', () => { ws.close(); resolve('open'); });
    ws.on('unexpected-response', (_req, res) => { resolve(String(res.statusCode)); ws.terminate(); });
    ws.on('error', () => resolve('error'));
  });
}

describe('the browser host admits the user who started it', () => {
  it('answers GET / without a valid code with a plain refusal: no app, no token, no cookie', async () => {
    const t = await testHost();
    for (const p of ['/', '/calendar', '/?code=', '/?code=guess']) {
      const res = await probe({ port: t.port, path: p });
      expect(res.status, p).toBe(403);
      expect(res.headers['set-cookie'], p).toBeUndefined();
      expect(res.headers['content-type'], p).toBe('text/plain; charset=utf-8');
      expect(res.body, p).not.toContain('<html');
    }
    const key = fs.readFileSync(path.join(t.dataDir, SESSION_KEY_FILE), 'utf8').trim();
    expect((await probe({ port: t.port, path: '/' })).body).not.toContain(key);
  });

  it('trades an opening code once for an HttpOnly, SameSite=Strict session cookie, then refuses it', async () => {
    const t = await testHost();
    const opening = t.openingUrl();
    const first = await probe({ port: t.port, path: pathOf(opening) });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const [cookie] = first.headers['set-cookie'] ?? [];
    expect(cookie).toMatch(new RegExp(`^frontdesk_session_${t.port}=[\\w-]+\\.[\\w-]+; Path=/; HttpOnly; SameSite=Strict$`));
    const page = await probe({ port: t.port, path: '/', headers: { cookie: cookie!.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(APP_SHELL);

    const again = await probe({ port: t.port, path: pathOf(opening) });
    expect(again.status).toBe(403);
    expect(again.body).toMatch(/already used or has expired/);
    expect(again.headers['set-cookie']).toBeUndefined();
  });

  it("words its refusals in the browser's language: bokmål for a Norwegian browser, English otherwise", async () => {
    const t = await testHost();
    const nb = await probe({ port: t.port, path: '/', headers: { 'accept-language': 'nb-NO,nb;q=0.9,en;q=0.8' } });
    expect(nb.status).toBe(403);
    expect(nb.headers['content-language']).toBe('nb');
    expect(nb.body).toBe('Denne skranken åpnes bare i nettleseren som startkommandoen åpnet, for brukeren som startet den. Start den på nytt (npm start) for å åpne den.');
    const en = await probe({ port: t.port, path: '/', headers: { 'accept-language': 'de-DE,en;q=0.5,nb;q=0.2' } });
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toMatch(/^This desk opens only in the browser its start command opened/);
    const misdirected = await probe({ port: t.port, path: '/', headers: { host: 'evil.example', 'accept-language': 'no' } });
    expect(misdirected.status).toBe(421);
    expect(misdirected.body).toBe(`Denne skranken svarer bare på http://127.0.0.1:${t.port}/ — forespørselen var adressert til en annen vert.`);
  });

  it('keeps the page and its query but drops the code, and a signed-in page reopening an old link just loses it', async () => {
    const t = await testHost();
    const code = new URL(t.openingUrl()).searchParams.get('code')!;
    const first = await probe({ port: t.port, path: `//evil.example/calendar?day=2026-11-21&code=${code}` });
    expect(first.headers.location).toBe('/calendar?day=2026-11-21');
    const cookie = first.headers['set-cookie']![0]!.split(';')[0]!;
    const reopened = await probe({ port: t.port, path: `/?code=${code}`, headers: { cookie } });
    expect(reopened.status).toBe(303);
    expect(reopened.headers.location).toBe('/');
    expect(reopened.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a code once its lifetime is over, by the injected clock', async () => {
    const t = await testHost();
    const inTime = t.openingUrl();
    const late = t.openingUrl();
    t.passTime(CODE_LIFETIME_MS - 1);
    expect((await probe({ port: t.port, path: pathOf(inTime) })).status).toBe(303);
    t.passTime(1);
    const refused = await probe({ port: t.port, path: pathOf(late) });
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('lets the WebSocket in with the cookie and its own Origin only', async () => {
    const t = await testHost();
    const cookie = await signIn(t.openingUrl());
    expect(await socketOutcome(t, { cookie })).toBe('open');
    expect(await socketOutcome(t, {})).toBe('403');
    expect(await socketOutcome(t, { cookie }, 'http://evil.example')).toBe('403');
    expect(await socketOutcome(t, { cookie }, `http://127.0.0.1:${t.port + 1}`)).toBe('403');
  });

  it('refuses every hostile case with its status and never hands out a cookie', async () => {
    const t = await testHost();
    expect(await runHostileCases(t)).toEqual(HOST_HOSTILE_CASES.map((c) => ({ name: c.name, refused: true, status: c.status })));
  });

  it("keeps a page's cookie valid across a restart with the same data folder, and not with another", async () => {
    const dataDir = tempFolder(cleanups, 'kept');
    const first = await testHost({ dataDir });
    const cookie = await signIn(first.openingUrl());
    await first.host.close();

    const restarted = await testHost({ dataDir, port: first.port });
    expect((await probe({ port: restarted.port, path: '/', headers: { cookie } })).status).toBe(200);
    expect(await socketOutcome(restarted, { cookie })).toBe('open');
    await restarted.host.close();

    const elsewhere = await testHost({ port: first.port });
    expect((await probe({ port: elsewhere.port, path: '/', headers: { cookie } })).status).toBe(403);
    expect(await socketOutcome(elsewhere, { cookie })).toBe('403');
  });

  it("lets the user's own tools in with the data folder's key", async () => {
    const t = await testHost();
    const session = hostSessionForTools(t.dataDir, t.port);
    expect((await probe({ port: t.port, path: '/', headers: { cookie: session.header } })).status).toBe(200);
    expect(await socketOutcome(t, { cookie: session.header })).toBe('open');
    // The cookie is per port: a desk on another port has its own.
    expect(session.name).toBe(`frontdesk_session_${t.port}`);
    expect(() => hostSessionForTools(tempFolder(cleanups, 'never-ran'), t.port)).toThrow(/No host-session\.key in .*start the desk in browser host mode/);
  });

  it('refuses to start on a damaged key file, and leaves it as it was', async () => {
    const dataDir = tempFolder(cleanups, 'damaged');
    fs.writeFileSync(path.join(dataDir, SESSION_KEY_FILE), 'not a key\n', { mode: 0o600 });
    await expect(testHost({ dataDir })).rejects.toThrow(/host-session\.key is damaged/);
    expect(fs.readFileSync(path.join(dataDir, SESSION_KEY_FILE), 'utf8')).toBe('not a key\n');
  });

  it('refuses a data folder inside the folder it serves', async () => {
    const rendererDir = tempFolder(cleanups, 'served');
    await expect(startHost({ rendererDir, dataDir: path.join(rendererDir, 'data'), version: 'test', port: 0, demo: null, log: () => undefined }))
      .rejects.toThrow(/inside the app's files/);
    expect(fs.existsSync(path.join(rendererDir, 'data'))).toBe(false);
  });
});
