/**
 * Where a page's main thread spends its time, from a Chromium CPU profile (DevTools
 * protocol): self time per function, and the share that was idle (waiting on IndexedDB
 * or the network). Used by `SYNC_BENCH_PROFILE=1 npm run bench` to explain the initial sync.
 */
import fs from 'node:fs';
import type { CDPSession } from '@playwright/test';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
}

export async function stopProfile(cdp: CDPSession, top = 25, saveTo?: string): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  // The raw profile opens in Chromium's DevTools (Performance panel) for a closer look.
  if (saveTo) fs.writeFileSync(saveTo, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]!);
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    if (!node) continue;
    const f = node.callFrame;
    const file = f.url.split('/').pop() ?? '';
    const key = f.url ? `${f.functionName || 'anonymous'} ${file}:${f.lineNumber + 1}` : f.functionName;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`;
  return [
    `main thread over ${ms(total)}: idle ${pct(self.get('(idle)') ?? 0)}, GC ${pct(self.get('(garbage collector)') ?? 0)}, program ${pct(self.get('(program)') ?? 0)}`,
    ...[...self.entries()].filter(([k]) => !k.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `  ${pct(us).padStart(7)}  ${ms(us).padStart(8)}  ${k}`),
  ];
}
