/**
 * What a desk's check of pulled documents costs (docs/design.md invariant 13;
 * docs/decisions/0018-validating-documents.md): the documents of the initial-sync benchmark
 * (20,000 bookings, 20,000 invoices, 25,000 payments, in pages of the pull size) through
 * checkPulledDocuments — the compiled validators, text rules and domain rules — against
 * JSON.parse of the same pages, which every pull does anyway. In Node: the same V8 and the
 * same code the renderer runs. The share of the initial sync is taken against the sync
 * benchmark's figure in BENCHMARKS.md when there is one (goal: under 10 %).
 */
import fs from 'node:fs';
import path from 'node:path';
import { test } from '@playwright/test';
import { demoClinic } from '../shared/domain/demo-clinic.js';
import type { CollectionName } from '../shared/schemas/index.js';
import { checkPulledDocuments } from '../shared/sync/document-validation.js';
import { PULL_LIMIT_MAX } from '../shared/sync/protocol.js';
import { ms, percentile, writeSection } from './support/report.js';

const RUNS = 9;

function documents(): [CollectionName, string[]][] {
  const demo = demoClinic({ now: new Date('2026-11-21T09:00:00.000Z'), bookings: 20_000, practitioners: 12, clients: 2500, perPractitionerDay: 5 });
  const admin = demo.staff[0]!.id;
  const payments = Array.from({ length: 25_000 }, (_, i) => {
    const inv = demo.invoices[i % demo.invoices.length]!;
    return { id: `pay-${String(i).padStart(6, '0')}`, kind: 'payment', invoiceId: inv.id, clientId: inv.clientId, method: 'card_terminal', amountMinor: 10_000 + (i % 500), currency: 'NOK', at: new Date(Date.UTC(2026, 10, 21) - i * 60_000).toISOString(), recordedBy: admin, tenderedMinor: 0, externalRef: '' };
  });
  /** As the server sends them: pages of JSON text. */
  const pages = (docs: object[]) => {
    const out: string[] = [];
    for (let i = 0; i < docs.length; i += PULL_LIMIT_MAX) out.push(JSON.stringify(docs.slice(i, i + PULL_LIMIT_MAX).map((d) => ({ ...d, _deleted: false }))));
    return out;
  };
  return [['bookings', pages(demo.bookings)], ['invoices', pages(demo.invoices)], ['payments', pages(payments)]];
}

/** The initial sync's median from the sync benchmark's section, in ms, or null. */
function initialSyncMs(): number | null {
  const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const m = /initial sync of an empty desk[^|]*\| \d+ docs in ([\d.]+) s/.exec(text);
  return m ? Number(m[1]) * 1000 : null;
}

test('pull validation: the cost of checking an initial sync\'s documents', () => {
  const sets = documents();
  const count = sets.reduce((n, [, pages]) => n + pages.reduce((m, p) => m + (JSON.parse(p) as unknown[]).length, 0), 0);
  const parsed = sets.map(([c, pages]) => [c, pages.map((p) => JSON.parse(p) as unknown[])] as const);
  const parseMs: number[] = [];
  const checkMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    for (const [, pages] of sets) for (const p of pages) JSON.parse(p);
    parseMs.push(performance.now() - t);
    t = performance.now();
    let rejected = 0;
    for (const [c, pages] of parsed) for (const p of pages) rejected += checkPulledDocuments(c, p).rejected.length;
    checkMs.push(performance.now() - t);
    if (rejected !== 0) throw new Error(`${rejected} benchmark documents were rejected`);
  }
  const check = percentile(checkMs, 50);
  const parse = percentile(parseMs, 50);
  const sync = initialSyncMs();
  const share = sync ? `**${((check / sync) * 100).toFixed(1)} %** of the initial sync's ${(sync / 1000).toFixed(1)} s (sync section above)` : 'no initial sync figure in BENCHMARKS.md yet';
  console.log(`pull validation: ${count} docs checked in ${check.toFixed(0)} ms (parse ${parse.toFixed(0)} ms); ${share}`);
  writeSection('pull-validation', `## Checking pulled documents

A desk checks every pulled document with the server's compiled validators before writing it (\`bench/pull-validation.bench.ts\`, Node, the same V8 and code as the renderer): the ${count} bookings, invoices and payments of the initial-sync benchmark, in pages of ${PULL_LIMIT_MAX}, median of ${RUNS} runs. The same check measured through the real initial sync (the sync benchmark with and without it) is within that benchmark's run-to-run noise: docs/decisions/0018-validating-documents.md.

| measure | figure | goal | |
|---|---|---|---|
| checkPulledDocuments (schema, text, domain rules) | ${ms(check)} = ${Math.round(count / (check / 1000))} docs/s (runs ${ms(Math.min(...checkMs))}–${ms(Math.max(...checkMs))}) | | |
| JSON.parse of the same pages, for scale | ${ms(parse)} | | |
| share of the initial sync | ${share} | < 10 % | ${sync && check / sync < 0.1 ? 'met' : ''} |`);
});
