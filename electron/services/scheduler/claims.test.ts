import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { createFileClaimStore } from './claims.js';

const folder = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claims-')), 'claims');

describe('file claim store', () => {
  it('lets a job be claimed once, across restarts', async () => {
    const d = folder();
    const a = createFileClaimStore(d);
    expect(await a.claim('r1:email')).toBe(true);
    expect(await a.claim('r1:email')).toBe(false);
    await a.finish('r1:email', 'sent');
    expect(await createFileClaimStore(d).claim('r1:email')).toBe(false);
  });

  it('leaves a claim that never finished as unfinished (unknown), never free again', async () => {
    const d = folder();
    await createFileClaimStore(d).claim('r2:sms');
    const after = createFileClaimStore(d);
    expect(await after.unfinished()).toEqual(['r2:sms']);
    expect(await after.claim('r2:sms')).toBe(false);
    await after.finish('r2:sms', 'unknown');
    expect(await after.unfinished()).toEqual([]);
  });

  it('releases a job whose send failed without delivering anything', async () => {
    const d = folder();
    const a = createFileClaimStore(d);
    await a.claim('r3:email');
    await a.finish('r3:email', 'failed');
    expect(await createFileClaimStore(d).claim('r3:email')).toBe(true);
  });

  it('gives each job to exactly one of several processes claiming at once', async () => {
    const d = folder();
    // This very module, compiled as it is, run in three Node processes racing for 200 jobs.
    const source = fs.readFileSync(path.join(import.meta.dirname, 'claims.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const dir = path.dirname(d);
    fs.writeFileSync(path.join(dir, 'claims.mjs'), js);
    fs.writeFileSync(path.join(dir, 'race.mjs'), `import { createFileClaimStore } from './claims.mjs';
const store = createFileClaimStore(process.argv[2]);
let won = 0;
for (let i = 0; i < 200; i++) if (await store.claim('job' + i + ':email')) won++;
process.send(won);`);
    const wins = await Promise.all([1, 2, 3].map(() => new Promise<number>((resolve, reject) => {
      const child = fork(path.join(dir, 'race.mjs'), [d]);
      child.on('message', (m) => resolve(Number(m)));
      child.on('error', reject);
    })));
    expect(wins.reduce((a, b) => a + b, 0)).toBe(200);
  });
});
