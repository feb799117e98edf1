// Worker-thread entry of `gwsim run` from a real process: runs one resolved scenario off the main thread, so the main
// thread stays free to receive SIGINT and raise the shared stop flag the run polls between event batches.
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../sim/input-error.js';
import { runScenario } from '../scenarios/run/run-scenario.js';
import { stopCheck, type RunTask, type RunTaskAnswer } from './run-thread.js';

const task = workerData as RunTask;
let answer: RunTaskAnswer;
try {
  const onProgress = (step: number) => parentPort!.postMessage({ progress: step } satisfies RunTaskAnswer);
  answer = {
    result: runScenario(task.scenario, {
      ...task.options,
      onProgress,
      shouldStop: stopCheck(new Int32Array(task.stop), task.maxMemoryMb),
    }),
  };
} catch (e) {
  // An InputError does not cross the thread boundary as itself: send its parts.
  if (e instanceof InputError) answer = { inputError: { problem: e.problem, where: e.where, allowed: e.allowed } };
  else answer = { internalError: { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack ?? '' } };
}
parentPort!.postMessage(answer);
