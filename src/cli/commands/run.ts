// `gwsim run <name|file>` and `gwsim run --all`: replays scenarios, prints what the workshop would show (or the
// run --json contract), writes reports with --out, and exits 1 when an `expect` fails. Bounded by --max-events,
// --max-sim-time and a memory guard; SIGINT ends the run at the next event batch with a partial result (exit 3).
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import { processIo } from '../io.js';
import { InputError } from '../../sim/input-error.js';
import { parseDuration } from '../../sim/time.js';
import { CATALOG } from '../../scenarios/catalog/index.js';
import type { RunResult } from '../../scenarios/run/run-result.js';
import { renderTrace } from '../../report/explain/render-trace.js';
import { EXIT_EXPECTATION_FAILED, EXIT_OK, EXIT_PARTIAL } from '../exit-codes.js';
import { loadScenarioArg } from '../scenario-source.js';
import { formatRunText } from '../run-text.js';
import { VERSION } from '../version.js';
import { createProgress, progressEnabled } from '../progress.js';
import { prepareOutDir, prepareSubfolder } from '../out-dir.js';
import { scenarioFolder, writeRunOutputs } from '../run-output.js';
import { runInThisThread, runInWorker, SIGINT_REASON, type RunTask } from '../run-thread.js';

/** Default memory guard: stop a run whose resident set passes this (the machine has 24 GiB; sweeps run several). */
const DEFAULT_MAX_MEMORY_MB = 4096;

export const runCommand: GwsimCommand = {
  command: 'run [scenario]',
  describe: 'replay a catalog scenario or a scenario file',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', describe: 'catalog name (see gwsim list) or scenario file' })
      .option('all', { type: 'boolean', describe: 'run every catalog scenario' })
      .option('seed', { type: 'string', describe: 'root seed (replaces spec.seed)' })
      .option('out', { type: 'string', describe: 'write result.json and reports to this directory' })
      .option('json', { type: 'boolean', describe: 'print the run result as JSON (the documented contract)' })
      .option('quiet', { type: 'boolean', describe: 'print only failures and the summary line' })
      .option('color', {
        type: 'boolean',
        describe: 'colour the text (default: on a colour terminal, unless NO_COLOR is set; FORCE_COLOR forces it)',
      })
      .option('explain', { type: 'string', describe: 'STEP:N: explain the N-th request of a step hop by hop' })
      .option('max-events', { type: 'string', describe: 'stop after this many simulated events (partial result)' })
      .option('max-sim-time', { type: 'string', describe: 'stop at this simulated time, e.g. 10m (partial result)' })
      .option('max-memory', {
        type: 'string',
        describe: `stop when resident memory passes this many MB (default ${DEFAULT_MAX_MEMORY_MB})`,
      }),
  async run(args, io) {
    const names = args.all ? CATALOG.map((e) => e.name) : args.scenario !== undefined ? [String(args.scenario)] : [];
    if (names.length === 0)
      throw new InputError(
        'name a scenario or give --all',
        { file: 'gwsim run' },
        'gwsim run <name|file>, gwsim run --all',
      );
    if (args.all && args.scenario !== undefined)
      throw new InputError('give a scenario or --all, not both', { file: 'gwsim run' });
    if (args.json && args.quiet)
      throw new InputError(
        'give --json or --quiet, not both: --json prints the whole result, --quiet only failures',
        { file: '--quiet' },
        '--json, or --quiet, or neither',
      );
    if (args.explain !== undefined && names.length !== 1)
      throw new InputError('--explain needs one scenario, not --all', { file: '--explain' });
    const seed = optionalInt(args.seed, '--seed', 0, 2 ** 53 - 1);
    const maxEvents = optionalInt(args['max-events'], '--max-events', 1, 2 ** 53 - 1);
    const maxSimTimeNs =
      args['max-sim-time'] === undefined ? undefined : durationFlag(String(args['max-sim-time']), '--max-sim-time');
    const maxMemoryMb = optionalInt(args['max-memory'], '--max-memory', 64, 1 << 20) ?? DEFAULT_MAX_MEMORY_MB;
    if (args.out !== undefined) {
      const out = prepareOutDir(String(args.out));
      // Every scenario's folder is checked before the first run, so a planted link fails at once, not after an hour.
      if (names.length > 1) for (const n of names) prepareSubfolder(out, scenarioFolder(n), false);
    }
    const stop = new SharedArrayBuffer(4);
    let interrupted = false;
    const onSigint = () => {
      // A second Ctrl-C does not wait for the next event batch.
      if (interrupted) process.exit(130);
      interrupted = true;
      Atomics.store(new Int32Array(stop), 0, 1);
      io.err(`gwsim: ${SIGINT_REASON}: stopping at the next event batch (Ctrl-C again to quit at once)\n`);
    };
    process.on('SIGINT', onSigint);
    try {
      let failed = false;
      let partial = false;
      const results: RunResult[] = [];
      for (const name of names) {
        const loaded = loadScenarioArg(name);
        const explain =
          args.explain === undefined ? undefined : parseExplain(String(args.explain), loaded.scenario.steps);
        const task: RunTask = {
          scenario: loaded.scenario,
          options: { explain, seed, maxEvents, maxSimTimeNs, version: VERSION },
          maxMemoryMb,
          stop,
        };
        // A progress bar over the steps on a terminal for runs longer than about a second (never with --json/--quiet or CI).
        const progress = createProgress({
          total: loaded.scenario.steps.length,
          label: loaded.scenario.name,
          enabled: io === processIo && progressEnabled({ json: Boolean(args.json), quiet: Boolean(args.quiet) }),
        });
        const onProgress = (step: number) => progress.update(step);
        // Only a real process receives signals: there the run goes to a worker thread so SIGINT can reach this one.
        let result: RunResult;
        try {
          result = io === processIo ? await runInWorker(task, onProgress) : runInThisThread(task, onProgress);
        } finally {
          progress.stop();
        }
        if (explain !== undefined) result.explain = explainLines(result, explain);
        results.push(result);
        if (result.expectations.some((e) => !e.ok)) failed = true;
        if (args.out !== undefined) await writeRunOutputs(result, loaded, String(args.out), names.length > 1);
        if (!args.json)
          io.out(
            formatRunText(result, {
              quiet: Boolean(args.quiet) || explain !== undefined,
              color: typeof args.color === 'boolean' ? args.color : io.color,
            }),
          );
        if (explain !== undefined && !args.json)
          io.out(
            `Request ${explain.n} of step ${explain.step}, hop by hop:\n${(result.explain ?? []).map((l) => `  ${l}`).join('\n')}\n`,
          );
        if (result.partial) {
          partial = true;
          io.err(`gwsim: ${result.scenario}: partial result: ${result.stopReason}; expectations not evaluated\n`);
        }
        if (interrupted) break;
      }
      if (args.json) io.out(JSON.stringify(names.length === 1 && !args.all ? results[0] : results, null, 2) + '\n');
      return failed ? EXIT_EXPECTATION_FAILED : partial ? EXIT_PARTIAL : EXIT_OK;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};

/** The explained request's story as text, or why there is none. */
function explainLines(result: RunResult, explain: { step: number; n: number }): string[] {
  const records = result.explainTrace ?? [];
  return records.length > 0 ? renderTrace(records) : [`step ${explain.step} sent no request number ${explain.n}`];
}

/** `STEP:N`: a step index or name, and the 0-based request number within that step. */
function parseExplain(
  text: string,
  steps: readonly { index: number; name: string | null; kind: string }[],
): { step: number; n: number } {
  const m = /^(.+):(\d+)$/.exec(text);
  const allowed =
    'STEP:N with STEP a step index or name and N the 0-based request number, e.g. --explain 8:0 or --explain hey:42';
  if (m === null) throw new InputError(`${JSON.stringify(text)} is not STEP:N`, { file: '--explain' }, allowed);
  const step = /^\d+$/.test(m[1]) ? steps.find((s) => s.index === Number(m[1])) : steps.find((s) => s.name === m[1]);
  if (step === undefined)
    throw new InputError(
      `no step ${JSON.stringify(m[1])}`,
      { file: '--explain' },
      steps.map((s) => (s.name ? `${s.index} (${s.name})` : String(s.index))).join(', '),
    );
  if (!['curl', 'hey', 'load'].includes(step.kind))
    throw new InputError(
      `step ${m[1]} is a ${step.kind} step and sends no requests`,
      { file: '--explain' },
      'a curl, hey or load step',
    );
  return { step: step.index, n: Number(m[2]) };
}

function optionalInt(v: unknown, flag: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(
      `${JSON.stringify(v)} is not an integer in [${min}, ${max}]`,
      { file: flag },
      `an integer from ${min} to ${max}`,
    );
  return n;
}

function durationFlag(v: string, flag: string): number {
  try {
    return parseDuration(v, { allowZero: false });
  } catch (e) {
    throw new InputError((e as Error).message, { file: flag });
  }
}
