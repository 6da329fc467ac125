import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchRequest } from './dispatch.js';
import { createMainServices } from './main-services.js';
import { startHost, type RunningHost } from '../host/host-server.js';

describe('print.savePdf in the browser host', () => {
  let host: RunningHost;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-print-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<html><head></head></html>');
    host = await startHost({ rendererDir: path.join(dir, 'renderer'), dataDir: path.join(dir, 'data'), version: 'test', port: 0, demo: null, log: () => undefined });
  });
  afterAll(async () => {
    await host?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no printer, so it tells the page to use the browser print dialog', async () => {
    await expect(dispatchRequest(host.services.handlers, 'print.savePdf', { suggestedName: 'Invoice 12' }))
      .resolves.toEqual({ saved: false, path: null, fallback: true });
  });

  it('still validates the input', async () => {
    await expect(dispatchRequest(host.services.handlers, 'print.savePdf', { suggestedName: '' })).rejects.toThrow(/must not be empty/);
  });
});

describe('print.savePdf with an injected printer', () => {
  it('answers what the printer did, never a path for a cancelled save', async () => {
    const asked: string[] = [];
    let answer = { saved: true, path: '/home/desk/Documents/Receipt.pdf' as string | null };
    const services = createMainServices({
      info: { version: 'test', host: 'electron', dataDir: '/tmp/none' },
      demo: null,
      printer: { savePdf: (name) => (asked.push(name), Promise.resolve(answer)) },
    });
    try {
      await expect(dispatchRequest(services.handlers, 'print.savePdf', { suggestedName: 'Receipt' }))
        .resolves.toEqual({ saved: true, path: '/home/desk/Documents/Receipt.pdf', fallback: false });
      answer = { saved: false, path: '/somewhere' };
      await expect(dispatchRequest(services.handlers, 'print.savePdf', { suggestedName: 'Receipt' }))
        .resolves.toEqual({ saved: false, path: null, fallback: false });
      expect(asked).toEqual(['Receipt', 'Receipt']);
    } finally {
      await services.close();
    }
  });
});
