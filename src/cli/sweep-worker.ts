// Piscina worker entry of `gwsim sweep --workers N`: runs one sweep job per task and returns its line. The scenario
// base (text and manifest reader) is built once per worker thread and source.
import type { SweepJob } from '../scenarios/sweep/run-job.js';
import { runSweepJob } from '../scenarios/sweep/run-job.js';
import type { SweepLine } from '../scenarios/sweep/sweep-line.js';
import type { SweepBase } from '../scenarios/sweep/apply-overrides.js';
import { InputError, type InputLocation } from '../sim/input-error.js';
import { sweepBaseOf, type SweepSource } from './sweep-source.js';

export interface SweepTask {
  source: SweepSource;
  job: SweepJob;
  version: string;
}

/** A worker's answer: the line, or bad input (an InputError does not survive the thread boundary as itself). */
export type SweepTaskResult =
  { line: SweepLine } | { inputError: { problem: string; where: InputLocation; allowed?: string } };

const bases = new Map<string, SweepBase>();

export default function runTask(task: SweepTask): SweepTaskResult {
  const key = JSON.stringify(task.source);
  try {
    let base = bases.get(key);
    if (base === undefined) bases.set(key, (base = sweepBaseOf(task.source)));
    return { line: runSweepJob(base, task.job, task.version) };
  } catch (e) {
    if (e instanceof InputError) return { inputError: { problem: e.problem, where: e.where, allowed: e.allowed } };
    throw e;
  }
}
