// Writes a run's report files (src/report renders them) into a directory: each file atomically (a temp file in the
// same directory, then rename, so a reader never sees half a file), every path confined to the output directory.
import { mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { RunResult } from '../scenarios/run/run-result.js';
import { renderRunReport, type RunReport } from '../report/run-report.js';
import { InputError } from '../sim/input-error.js';

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

let tmpCounter = 0;

/** The absolute path of `rel` inside `root`; throws InputError for absolute paths or any `..` that would leave it. */
export function confinedPath(root: string, rel: string): string {
  const field = 'path';
  if (rel === '' || isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.includes('\0')) {
    throw new InputError(
      `${JSON.stringify(rel)} is not a relative path`,
      { file: root, field },
      'a path relative to the output directory',
    );
  }
  const abs = resolve(root, rel);
  const r = relative(resolve(root), abs);
  if (r === '' || r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r)) {
    throw new InputError(
      `${JSON.stringify(rel)} leaves the output directory`,
      { file: root, field },
      'a path inside the output directory (no ..)',
    );
  }
  return abs;
}

/** Writes text to path atomically: temp file beside it, then rename (atomic within one file system on POSIX). */
export function writeFileAtomic(root: string, path: string, content: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  // A symlinked directory inside root could still point elsewhere: compare real paths once the directory exists.
  const realRoot = realpathSync(root);
  const realDir = realpathSync(dir);
  if (realDir !== realRoot && !realDir.startsWith(realRoot + sep)) {
    throw new InputError(
      `${JSON.stringify(relative(root, path))} resolves outside the output directory through a symbolic link`,
      { file: root, field: 'path' },
    );
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${tmpCounter++}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Renders every report of a run and writes them into outDir (created if missing). */
export async function writeRunReports(
  result: RunResult,
  outDir: string,
  extras: ReportSources,
): Promise<WrittenReport> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  // Check every path before writing any, so a bad manifest name leaves no half-written report behind.
  const report = await renderRunReport(result, extras);
  const targets = report.files.map((f) => ({ abs: confinedPath(dir, f.path), file: f }));
  for (const t of targets) writeFileAtomic(dir, t.abs, t.file.content);
  return { dir, paths: report.files.map((f) => f.path), report };
}
