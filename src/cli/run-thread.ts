// Where `gwsim run` executes a scenario: in this thread (tests, captured Io) or in a worker thread (a real process), and
// the stop check both use. The simulation loop is synchronous, so a SIGINT handler on the thread running it would only
// fire after the run; with the run in a worker, the main thread's handler sets a shared flag the run polls between
// event batches, and the partial result still comes back and is written.
import { Worker } from 'node:worker_threads';
import { InputError, type InputLocation } from '../sim/input-error.js';
import { runScenario, type RunOptions } from '../scenarios/run/run-scenario.js';
import type { RunResult } from '../scenarios/run/run-result.js';
import type { ResolvedScenario } from '../scenarios/schema/resolved.js';

export interface RunTask {
  scenario: ResolvedScenario;
  options: Omit<RunOptions, 'shouldStop'>;
  maxMemoryMb: number;
  /** One Int32: 1 once SIGINT arrived. */
  stop: SharedArrayBuffer;
}

export type RunTaskAnswer =
  | { progress: number }
  | { result: RunResult }
  | { inputError: { problem: string; where: InputLocation; allowed?: string } }
  | { internalError: { message: string; stack: string } };

export const SIGINT_REASON = 'interrupted (SIGINT)';

/** The stop check polled between event batches: SIGINT first, then the memory guard (resident set, whole process). */
export function stopCheck(stop: Int32Array, maxMemoryMb: number): () => string | null {
  return () => {
    if (Atomics.load(stop, 0) === 1) return SIGINT_REASON;
    if (process.memoryUsage().rss > maxMemoryMb * 1024 * 1024)
      return `stopped: resident memory passed ${maxMemoryMb} MB (--max-memory)`;
    return null;
  };
}

export function runInThisThread(task: RunTask, onProgress?: (step: number) => void): RunResult {
  return runScenario(task.scenario, {
    ...task.options,
    onProgress,
    shouldStop: stopCheck(new Int32Array(task.stop), task.maxMemoryMb),
  });
}

export function runInWorker(task: RunTask, onProgress?: (step: number) => void): Promise<RunResult> {
  const worker = workerFor(task);
  return new Promise<RunResult>((resolve, reject) => {
    let answered = false;
    worker.on('message', (a: RunTaskAnswer) => {
      if ('progress' in a) {
        onProgress?.(a.progress);
        return;
      }
      answered = true;
      if ('result' in a) resolve(a.result);
      else if ('inputError' in a)
        reject(new InputError(a.inputError.problem, a.inputError.where, a.inputError.allowed));
      else reject(Object.assign(new Error(a.internalError.message), { stack: a.internalError.stack }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the run's worker thread exited with code ${code} before answering`));
    });
  });
}

function workerFor(task: RunTask): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./run-worker.js', here), { workerData: task });
  // From the sources (node --import tsx) a worker does not inherit tsx's hooks and `--import tsx` in its execArgv does
  // not take (Node 20): boot the .ts entry through tsx's tsImport instead.
  const entry = new URL('./run-worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(
    `import(${JSON.stringify(tsx)}).then((t) => t.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`,
    { eval: true, workerData: task },
  );
}
