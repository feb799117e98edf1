// Writes a run's files under --out: result.json (the contract), and the reports when the report writer is present.
// Atomic writes (temporary file, then rename) so an existing report is never half-overwritten.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { InputError } from '../sim/input-error.js';
import type { RunResult } from '../scenarios/run/run-result.js';
import type { LoadedScenario } from './scenario-source.js';

export function writeRunOutputs(result: RunResult, loaded: LoadedScenario, outDir: string, perScenarioFolder: boolean): void {
  const dir = perScenarioFolder ? join(outDir, safeName(result.scenario)) : outDir;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create output directory: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: dir });
  }
  writeAtomic(dir, 'result.json', JSON.stringify(result, null, 2) + '\n');
  void loaded;
}

/** Writes `name` inside `dir` via a temporary file and rename; refuses names that would leave `dir`. */
export function writeAtomic(dir: string, name: string, text: string): void {
  const root = resolve(dir);
  const target = resolve(root, name);
  if (!target.startsWith(root + sep)) throw new InputError(`refusing to write outside the output directory: ${name}`, { file: dir });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, target);
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
