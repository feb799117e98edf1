// Sweep benchmark: a sweep of N equal cells (the HTTP benchmark scenario at N neighbouring rates, one seed each)
// through the same code as `gwsim sweep`, timed with 1 or more worker threads. Not part of npm test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sweepInto } from '../src/cli/commands/sweep.js';
import { durationFor, HTTP_RATE, HTTP_SCENARIO } from './http.js';

export interface SweepBenchResult {
  cells: number;
  workers: number;
  requestsPerCell: number;
  requests: number;
  seconds: number;
  cellsPerSecond: number;
  requestsPerSecond: number;
}

export async function runSweepBench(opts: {
  cells: number;
  workers: number;
  requestsPerCell: number;
}): Promise<SweepBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'gwsim-bench-sweep-'));
  const rates = Array.from({ length: opts.cells }, (_, i) => HTTP_RATE + i).join(',');
  try {
    const t0 = performance.now();
    const stats = await sweepInto(
      HTTP_SCENARIO,
      dir,
      {
        set: [
          `spec.steps[load].load.rate=${rates}`,
          `spec.steps[load].load.duration=${durationFor(opts.requestsPerCell)}`,
        ],
        seeds: 1,
        slo: [],
        sloStep: null,
        sloRange: null,
        sloPrecision: 0.01,
        shard: null,
      },
      opts.workers,
    );
    const seconds = (performance.now() - t0) / 1000;
    const requests = stats.lines.reduce((a, l) => a + (l.steps[0]?.requests ?? 0), 0);
    return {
      cells: opts.cells,
      workers: opts.workers,
      requestsPerCell: opts.requestsPerCell,
      requests,
      seconds,
      cellsPerSecond: opts.cells / seconds,
      requestsPerSecond: requests / seconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
