// Writes a run's files under --out: result.json (the contract), and the reports when the report writer is present.
// Atomic writes (temporary file, then rename) so an existing report is never half-overwritten.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { InputError } from '../sim/input-error.js';
import type { RunResult } from '../scenarios/run/run-result.js';
import type { LoadedScenario } from './scenario-source.js';
import { writeRunReports } from './write-reports.js';

/** Creates the output directory (or checks it is one) before a run starts, so a bad --out fails fast, not after the run. */
export function prepareOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(
      `cannot create output directory: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      { file: dir },
      'a directory path gwsim may create and write',
    );
  }
}

/** Writes result.json and the reports (text, CSV, charts, HTML, sources) for one run, each file atomically. */
export async function writeRunOutputs(
  result: RunResult,
  loaded: LoadedScenario,
  outDir: string,
  perScenarioFolder: boolean,
): Promise<void> {
  const dir = perScenarioFolder ? join(outDir, safeName(result.scenario)) : outDir;
  prepareOutDir(dir);
  // result.json first: whatever happens while rendering charts, the run's data is already on disk.
  writeAtomic(dir, 'result.json', JSON.stringify(result, null, 2) + '\n');
  await writeRunReports(result, dir, { scenarioYaml: loaded.scenarioYaml, manifests: loaded.manifests });
}

/** Writes `name` inside `dir` via a temporary file and rename; refuses names that would leave `dir`. */
export function writeAtomic(dir: string, name: string, text: string): void {
  const root = resolve(dir);
  const target = resolve(root, name);
  if (!target.startsWith(root + sep))
    throw new InputError(`refusing to write outside the output directory: ${name}`, { file: dir });
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (e) {
    // The old file (if any) is untouched; leave no temporary file behind either.
    rmSync(tmp, { force: true });
    throw new InputError(`cannot write ${name}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: dir });
  }
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
