// Writes a run's files under --out (result.json, the contract, and the reports) through write-reports.ts, into
// --out itself or, for run --all, into the scenario's own folder inside it.
import type { RunResult } from '../scenarios/run/run-result.js';
import type { LoadedScenario } from './scenario-source.js';
import { prepareSubfolder } from './out-dir.js';
import { writeRunReports } from './write-reports.js';

/** Writes result.json and the reports (text, CSV, charts, HTML, sources) for one run, all or nothing. */
export async function writeRunOutputs(
  result: RunResult,
  loaded: LoadedScenario,
  outDir: string,
  perScenarioFolder: boolean,
): Promise<void> {
  const dir = perScenarioFolder ? prepareSubfolder(outDir, scenarioFolder(result.scenario), true) : outDir;
  await writeRunReports(result, dir, { scenarioYaml: loaded.scenarioYaml, manifests: loaded.manifests });
}

/** The folder name of a scenario under run --all --out. */
export function scenarioFolder(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
