// Runs a sweep's configurations: plain cells run their seeds once; SLO-search cells bisect over the focus rate,
// each probe running every seed. Jobs go to the caller's executor (main thread or worker pool); lines reach `write`
// in the deterministic order (cell, probe, seed) whatever order jobs finish in, so 1 and N workers write the same
// bytes, and runs already in `done` (a resumed sweep) are reused without running or writing them again.
import { cellAt, cellCount, inShard, runId } from './grid.js';
import type { Override } from './apply-overrides.js';
import { RateBisection } from './bisection.js';
import type { SweepJob } from './run-job.js';
import { probePasses } from './slo.js';
import type { SweepLine, SweepSpec } from './sweep-line.js';

export interface RunSweepOptions {
  exec: (job: SweepJob) => Promise<SweepLine>;
  /** Lines of an earlier, interrupted run of the same sweep, by id. */
  done: ReadonlyMap<string, SweepLine>;
  /** Receives each newly run line, in order. */
  write: (line: SweepLine) => void;
  /** Configurations in flight at once (1: strictly one after another). */
  concurrency: number;
}

/** The offered load of a plain cell: the --set value of the focus rate, else the scenario's. */
function cellRate(spec: SweepSpec, params: readonly Override[]): number | null {
  if (spec.focus === null) return null;
  const p = spec.focus.rateDim === null ? undefined : params.find((q) => q.path === spec.focus!.rateDim);
  return p !== undefined && typeof p.value === 'number' ? p.value : spec.focus.baseRate;
}

export function jobsFor(spec: SweepSpec, cell: number, probe: number | null, probeRate: number | null): SweepJob[] {
  const base = cellAt(spec.dims, cell).params;
  const params = probeRate === null ? base : [...base, { path: spec.focus!.ratePath, value: probeRate }];
  const rate = probeRate ?? cellRate(spec, base);
  return spec.seeds.map((seed, seedIndex) => ({ id: runId(params, seed), cell, probe, seedIndex, seed, params, rate }));
}

/** Runs the sweep's cells in `spec.shard`; resolves to every line of the shard in order (reused and new). */
export async function runSweep(spec: SweepSpec, opts: RunSweepOptions): Promise<SweepLine[]> {
  const cells: number[] = [];
  const total = cellCount(spec.dims);
  for (let i = 0; i < total; i++) if (inShard(i, spec.shard)) cells.push(i);
  const lines: SweepLine[][] = cells.map(() => []);
  const buffered: SweepLine[][] = cells.map(() => []);
  const finished: boolean[] = cells.map(() => false);
  let current = 0;

  const emit = (t: number, line: SweepLine, fresh: boolean) => {
    lines[t].push(line);
    if (!fresh) return;
    if (t === current) opts.write(line);
    else buffered[t].push(line);
  };
  const finish = (t: number) => {
    finished[t] = true;
    while (current < cells.length && finished[current]) {
      current++;
      if (current < cells.length) {
        for (const l of buffered[current]) opts.write(l);
        buffered[current] = [];
      }
    }
  };
  const runJobs = async (t: number, jobs: SweepJob[]): Promise<SweepLine[]> => {
    const got = await Promise.all(jobs.map((j) => opts.done.get(j.id) ?? opts.exec(j)));
    got.forEach((l, k) => emit(t, l, !opts.done.has(jobs[k].id)));
    return got;
  };
  const runCell = async (t: number) => {
    const cell = cells[t];
    const slo = spec.slo;
    if (slo === null || slo.mode === 'grid') {
      await runJobs(t, jobsFor(spec, cell, null, null));
    } else {
      const search = new RateBisection(slo.range[0], slo.range[1], slo.precision);
      for (let probe = 0, rate = search.next(); rate !== null; probe++, rate = search.next()) {
        const got = await runJobs(t, jobsFor(spec, cell, probe, rate));
        const step = spec.focus!.step;
        search.record(
          rate,
          probePasses(
            got.map((l) => l.steps.find((s) => s.index === step)!),
            got.map((l) => l.partial),
            slo.bounds,
          ),
        );
      }
    }
    finish(t);
  };

  let next = 0;
  const lane = async () => {
    while (next < cells.length) await runCell(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, cells.length)) }, lane));
  return lines.flat();
}
