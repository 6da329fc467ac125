/**
 * Benchmark figures: percentiles, the machine they came from, and BENCHMARKS.md, where each
 * benchmark owns one section between markers and rewrites only that section.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILE = path.resolve(import.meta.dirname, '../../BENCHMARKS.md');

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

/** Replaces (or appends) the section `name` of BENCHMARKS.md. */
export function writeSection(name: string, body: string): void {
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const section = `${begin}\n${body.trim()}\n\n_Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}._\n${end}`;
  let text = fs.existsSync(FILE)
    ? fs.readFileSync(FILE, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench`; each section is rewritten by its own benchmark.\n';
  const at = text.indexOf(begin);
  if (at >= 0) {
    const stop = text.indexOf(end, at);
    text = text.slice(0, at) + section + text.slice(stop + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${section}\n`;
  }
  fs.writeFileSync(FILE, text);
}
