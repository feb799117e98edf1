// The latency table of a step: mean, p50, p90, p99, p99.9 and max in milliseconds (from the run's HDR histograms).
import type { LatencyMs } from '../../scenarios/run/run-result.js';
import { formatMs } from '../format.js';
import { formatTable } from './table.js';

export const LATENCY_COLUMNS: ReadonlyArray<[keyof LatencyMs, string]> = [
  ['mean', 'mean'],
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
];

export function latencyTableLines(l: LatencyMs): string[] {
  const header = ['latency ms', ...LATENCY_COLUMNS.map(([, h]) => h)];
  const row = ['', ...LATENCY_COLUMNS.map(([k]) => formatMs(l[k]))];
  return formatTable(header, [row], ['left', ...LATENCY_COLUMNS.map(() => 'right' as const)]).map((s) => `  ${s}`);
}
