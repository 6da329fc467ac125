import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileClaimStore } from './claims.js';

const file = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claims-')), 'claims.log');

describe('file claim store', () => {
  it('lets a job be claimed once, across restarts', async () => {
    const f = file();
    const a = createFileClaimStore(f);
    expect(await a.claim('r1:email')).toBe(true);
    expect(await a.claim('r1:email')).toBe(false);
    await a.finish('r1:email', 'sent');
    expect(await createFileClaimStore(f).claim('r1:email')).toBe(false);
  });

  it('leaves a claim that never finished as unfinished (unknown), never free again', async () => {
    const f = file();
    await createFileClaimStore(f).claim('r2:sms');
    const after = createFileClaimStore(f);
    expect(await after.unfinished()).toEqual(['r2:sms']);
    expect(await after.claim('r2:sms')).toBe(false);
  });

  it('releases a job whose send failed without delivering anything', async () => {
    const f = file();
    const a = createFileClaimStore(f);
    await a.claim('r3:email');
    await a.finish('r3:email', 'failed');
    expect(await createFileClaimStore(f).claim('r3:email')).toBe(true);
  });

  it('ignores a torn last line', async () => {
    const f = file();
    await createFileClaimStore(f).claim('r4:email');
    fs.appendFileSync(f, '{"key":"r5:em');
    const s = createFileClaimStore(f);
    expect(await s.claim('r5:email')).toBe(true);
    expect(await s.claim('r4:email')).toBe(false);
  });
});
