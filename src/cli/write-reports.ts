// Writes a run's report files (src/report renders them) into an output folder through one OutStaging (out-dir.ts):
// every file created exclusively in a fresh staging folder, every path checked before the folder changes, then all
// moved into place together, so a reader finds the old report or the new one, never a mix.
import type { RunResult } from '../scenarios/run/run-result.js';
import { renderRunReport, type RunReport } from '../report/run-report.js';
import { OutStaging, prepareOutDir } from './out-dir.js';

export interface ReportSources {
  /** The scenario file's text, or null when unknown (gwsim report on a bare result.json). */
  scenarioYaml: string | null;
  /** The manifests the scenario applies, with their paths relative to the scenario file. */
  manifests: ReadonlyArray<{ file: string; text: string }>;
}

export interface WrittenReport {
  /** Absolute output directory. */
  dir: string;
  /** Relative paths written, in write order. */
  paths: string[];
  report: RunReport;
}

/** Renders every report of a run and writes them into outDir (created if missing), all or nothing. */
export async function writeRunReports(
  result: RunResult,
  outDir: string,
  extras: ReportSources,
): Promise<WrittenReport> {
  const dir = prepareOutDir(outDir);
  const report = await renderRunReport(result, extras);
  const staging = new OutStaging(dir);
  try {
    for (const f of report.files) staging.write(f.path, f.content);
    staging.commit();
  } catch (e) {
    staging.abort();
    throw e;
  }
  return { dir, paths: report.files.map((f) => f.path), report };
}
