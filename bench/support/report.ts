/**
 * Benchmark figures: percentiles, and (from e2e/support/benchmarks-file.ts) the machine they
 * came from and BENCHMARKS.md, where each benchmark owns one section.
 */
export { machine, writeSection } from '../../e2e/support/benchmarks-file.js';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
