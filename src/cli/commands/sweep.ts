// `gwsim sweep <name|file> --set PATH=V1,V2 ... [--seeds N] [--workers N] [--out DIR] [--shard I/N] [--slo ...]`:
// runs the Cartesian grid of --set values (each cell with N seeds), or with --slo searches the largest offered load
// meeting the target per configuration; appends one line per run to DIR/sweep.jsonl, resumes from it, and reports.
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Argv } from 'yargs';
import { Piscina } from 'piscina';
import type { GwsimCommand } from '../command.js';
import { processIo, type Io } from '../io.js';
import { createProgress, progressEnabled, type Progress } from '../progress.js';
import { InputError } from '../../sim/input-error.js';
import { cellCount, parseShard } from '../../scenarios/sweep/grid.js';
import { runSweep } from '../../scenarios/sweep/orchestrate.js';
import { DEFAULT_SLO_PRECISION, planSweep } from '../../scenarios/sweep/plan.js';
import { runSweepJob, type SweepJob } from '../../scenarios/sweep/run-job.js';
import { sameSweep, serializeLine, type SweepLine, type SweepSpec } from '../../scenarios/sweep/sweep-line.js';
import { buildSweepReport } from '../../scenarios/sweep/sweep-report.js';
import { formatSweepText } from '../../scenarios/sweep/sweep-text.js';
import { EXIT_OK } from '../exit-codes.js';
import { sweepBaseOf, sweepSourceOf, type SweepSource } from '../sweep-source.js';
import { LINES_FILE, readLines, readSpec, SPEC_FILE, writeReportFiles, writeSpec } from '../sweep-output.js';
import type { SweepTask, SweepTaskResult } from '../sweep-worker.js';
import { VERSION } from '../version.js';

export const DEFAULT_SWEEP_OUT = 'sweep-out';

function list(v: unknown): string[] {
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
}

function intFlag(v: unknown, flag: string, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(`${JSON.stringify(v)} is not an integer in [${min}, ${max}]`, { file: flag });
  return n;
}

/**
 * The worker module: dist/src/cli/sweep-worker.js when built; from TypeScript sources (vitest, tsx) a small bootstrap
 * module, written to a temporary directory (piscina takes file paths only), that registers tsx's loader in the worker
 * thread and re-exports the .ts worker.
 */
function workerModule(): string {
  if (!import.meta.url.endsWith('.ts')) return new URL('../sweep-worker.js', import.meta.url).href;
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const worker = new URL('../sweep-worker.ts', import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(tsx)}); register(); const m = await import(${JSON.stringify(worker)}); export default m.default;`;
  const file = join(mkdtempSync(join(tmpdir(), 'gwsim-sweep-worker-')), 'worker.mjs');
  writeFileSync(file, code);
  return file;
}

/** The worker pool's executor. */
function poolExecutor(
  source: SweepSource,
  threads: number,
): { exec: (job: SweepJob) => Promise<SweepLine>; close: () => Promise<void> } {
  const pool = new Piscina<SweepTask, SweepTaskResult>({
    filename: workerModule(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  return {
    async exec(job) {
      const r = await pool.run({ source, job, version: VERSION });
      if ('inputError' in r) throw new InputError(r.inputError.problem, r.inputError.where, r.inputError.allowed);
      return r.line;
    },
    close: () => pool.destroy(),
  };
}

export interface SweepRunStats {
  spec: SweepSpec;
  lines: SweepLine[];
  ran: number;
  reused: number;
}

/** Runs (or resumes) a sweep into `dir`. Exported for the benchmark. */
export async function sweepInto(
  scenarioArg: string,
  dir: string,
  flags: Omit<Parameters<typeof planSweep>[1], 'scenario'>,
  workers: number,
  /** Told the spec once planned (returns a per-line callback: runs done so far, reused ones included). */
  onPlanned?: (spec: SweepSpec) => ((done: number) => void) | undefined,
): Promise<SweepRunStats> {
  const source = sweepSourceOf(scenarioArg);
  const base = sweepBaseOf(source);
  const spec = planSweep(base, { ...flags, scenario: scenarioArg });
  mkdirSync(dir, { recursive: true });
  const specPath = join(dir, SPEC_FILE);
  const old = readSpec(specPath);
  if (old !== null && (!sameSweep(old, spec) || JSON.stringify(old.shard) !== JSON.stringify(spec.shard))) {
    throw new InputError(
      'holds the results of a different sweep (scenario, --set, --seeds, --slo or --shard differ)',
      { file: specPath },
      'the same flags to resume it, or another --out',
    );
  }
  writeSpec(specPath, spec);
  const linesPath = join(dir, LINES_FILE);
  const done = new Map(readLines(linesPath, true).map((l) => [l.id, l]));
  const onLine = onPlanned?.(spec);
  onLine?.(done.size);
  const pool = workers > 1 ? poolExecutor(source, workers) : null;
  const exec = pool?.exec ?? (async (job: SweepJob) => runSweepJob(base, job, VERSION));
  let ran = 0;
  try {
    const lines = await runSweep(spec, {
      exec,
      done,
      concurrency: workers > 1 ? 2 * workers : 1,
      write(line) {
        appendFileSync(linesPath, serializeLine(line));
        ran++;
        onLine?.(done.size + ran);
      },
    });
    return { spec, lines, ran, reused: lines.length - ran };
  } finally {
    await pool?.close();
  }
}

export const sweepCommand: GwsimCommand = {
  command: 'sweep <scenario>',
  describe: 'run a scenario over a grid of --set values (capacity planning), or search the largest load meeting an SLO',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', describe: 'catalog name (see gwsim list) or scenario file' })
      .option('set', {
        type: 'string',
        array: true,
        describe:
          'PATH=V1,V2,...: a grid dimension (spec.gateway.workers=1,2,4, spec.steps[NAME].load.rate=1000,2000, deployment/NAME.replicas=2,4, policy/NAME.loadBalancer.type=RoundRobin,LeastRequest)',
      })
      .option('seeds', { type: 'number', describe: 'runs per cell (seeds spec.seed, spec.seed+1, ...)', default: 1 })
      .option('workers', { type: 'number', describe: 'worker threads (1: run in this thread)', default: 1 })
      .option('out', {
        type: 'string',
        describe: `directory of sweep.jsonl and the reports (default ${DEFAULT_SWEEP_OUT})`,
      })
      .option('shard', {
        type: 'string',
        describe: 'I/N: run only cells with index mod N == I (0-based, as JOB_COMPLETION_INDEX)',
      })
      .option('slo', {
        type: 'string',
        array: true,
        describe: 'target, e.g. p99<=50ms or "p99<=50ms,error-rate<=0.1%": search the largest load meeting it',
      })
      .option('slo-step', {
        type: 'string',
        describe: 'the load step whose rate is searched (name or index; default the first load step)',
      })
      .option('slo-range', { type: 'string', describe: 'LO,HI requests/s to search (default 1 to 10x the step rate)' })
      .option('slo-precision', {
        type: 'number',
        describe: `stop when HI/LO <= 1 + this (default ${DEFAULT_SLO_PRECISION})`,
      })
      .option('json', { type: 'boolean', describe: 'print the sweep report as JSON' }),
  async run(args, io: Io) {
    const set = list(args.set);
    const slo = list(args.slo);
    const dir = args.out === undefined ? DEFAULT_SWEEP_OUT : String(args.out);
    const seeds = intFlag(args.seeds, '--seeds', 1, 1, 10_000);
    const workers = intFlag(args.workers, '--workers', 1, 1, 256);
    let progress: Progress | undefined;
    const stats = await sweepInto(
      String(args.scenario),
      dir,
      {
        set,
        seeds,
        slo,
        sloStep: args['slo-step'] === undefined ? null : String(args['slo-step']),
        sloRange: args['slo-range'] === undefined ? null : String(args['slo-range']),
        sloPrecision: args['slo-precision'] === undefined ? DEFAULT_SLO_PRECISION : Number(args['slo-precision']),
        shard: args.shard === undefined ? null : parseShard(String(args.shard)),
      },
      workers,
      (spec) => {
        // A plain grid's size is known (cells x seeds, this shard's share); an SLO search's probe count is not.
        if (spec.slo !== null) return undefined;
        const cells = cellCount(spec.dims);
        const mine = spec.shard === null ? cells : Math.ceil((cells - spec.shard.index) / spec.shard.count);
        progress = createProgress({
          total: mine * spec.seeds.length,
          label: `sweep ${spec.scenarioName}`,
          enabled: io === processIo && progressEnabled({ json: Boolean(args.json) }),
        });
        return (n) => progress?.update(n);
      },
    );
    progress?.stop();
    const report = buildSweepReport(stats.spec, stats.lines);
    const written = await writeReportFiles(dir, report, stats.lines);
    io.out(args.json ? JSON.stringify(report, null, 2) + '\n' : formatSweepText(report));
    io.err(
      `gwsim sweep: ${stats.ran} run(s), ${stats.reused} reused from ${join(dir, LINES_FILE)}; wrote ${[LINES_FILE, ...written.files].join(', ')} in ${dir}\n`,
    );
    for (const n of written.notes) io.err(`gwsim sweep: ${n}\n`);
    return EXIT_OK;
  },
};
