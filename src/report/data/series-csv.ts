// The run's time series as CSV, one row per bin: bin start and width, requests, requests by status class, requests
// by pod, p50 and p99 latency. Pure: RunResult in, text out. Columns are fixed by the run (classes in status order,
// pods sorted by name) so two runs of the same scenario diff cleanly.
import type { RunResult } from '../../scenarios/run/run-result.js';
import { csvRows } from './csv.js';

/** Status classes in the order the recorder defines them ("error" = no response). */
export const STATUS_CLASSES = ['error', '1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Every pod that served a request in any bin, sorted by code unit (locale-free, so identical everywhere). */
export function seriesPods(result: RunResult): string[] {
  const pods = new Set<string>();
  for (const p of result.series) for (const pod of Object.keys(p.byPod)) pods.add(pod);
  return [...pods].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function seriesCsv(result: RunResult): string {
  const pods = seriesPods(result);
  const header = [
    't_s',
    'bin_s',
    'requests',
    ...STATUS_CLASSES.map((c) => `status_${c}`),
    ...pods.map((p) => `pod:${p}`),
    'p50_ms',
    'p99_ms',
  ];
  const rows = result.series.map((p) => [
    p.t,
    result.seriesBinSeconds,
    p.requests,
    ...STATUS_CLASSES.map((c) => p.byClass[c] ?? 0),
    ...pods.map((pod) => p.byPod[pod] ?? 0),
    p.p50Ms,
    p.p99Ms,
  ]);
  return csvRows([header, ...rows]);
}
