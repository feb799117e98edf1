// One sweep run: load the scenario with the cell's overrides, run it with the job's seed (no time series), and keep
// its summary as a sweep line. Pure apart from the caller's readFile; the same in the main thread and in workers.
import { runScenario } from '../run/run-scenario.js';
import { loadWithOverrides, type Override, type SweepBase, type SweepValue } from './apply-overrides.js';
import { summarizeRun } from './run-summary.js';
import type { SweepLine } from './sweep-line.js';

export interface SweepJob {
  id: string;
  cell: number;
  probe: number | null;
  seedIndex: number;
  seed: number;
  params: Override[];
  rate: number | null;
}

export function runSweepJob(base: SweepBase, job: SweepJob, version?: string): SweepLine {
  const scenario = loadWithOverrides(base, job.params);
  const result = runScenario(scenario, { seed: job.seed, series: false, version });
  const params: Record<string, SweepValue> = {};
  for (const p of job.params) params[p.path] = p.value;
  return {
    id: job.id,
    cell: job.cell,
    probe: job.probe,
    seedIndex: job.seedIndex,
    seed: job.seed,
    params,
    rate: job.rate,
    ...summarizeRun(result),
  };
}
