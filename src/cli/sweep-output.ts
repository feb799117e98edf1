// The files of a sweep directory: reading and writing `sweep-spec.json` and `sweep.jsonl` (a torn last line from an
// interrupted run is cut off), and the report files: sweep-report.json, sweep-chart-data.json, sweep.vl.json, sweep.svg,
// sweep.csv (the runs) and sweep.html (grid, SLO search, chart).
import { existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../sim/input-error.js';
import type { SweepLine, SweepSpec } from '../scenarios/sweep/sweep-line.js';
import { p99Target, sweepChartPoints, type SweepReport } from '../scenarios/sweep/sweep-report.js';
import { sweepP99Spec } from '../report/charts/sweep-chart.js';
import { renderSvg } from '../report/charts/render-svg.js';
import { sweepCsv } from '../report/sweep/sweep-csv.js';
import { renderSweepPage } from '../report/html/sweep-page.js';

export const SPEC_FILE = 'sweep-spec.json';
export const LINES_FILE = 'sweep.jsonl';

/** `DIR` or `DIR/sweep.jsonl` -> the directory and the JSONL path. */
export function sweepPaths(input: string): { dir: string; lines: string; spec: string } {
  const isFile = existsSync(input) && statSync(input).isFile();
  const dir = isFile ? dirname(input) : input;
  return { dir, lines: isFile ? input : join(dir, LINES_FILE), spec: join(dir, SPEC_FILE) };
}

export function readSpec(path: string): SweepSpec | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SweepSpec;
  } catch (e) {
    throw new InputError(`not a sweep spec: ${(e as Error).message}`, { file: path });
  }
}

export function writeSpec(path: string, spec: SweepSpec): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(spec, null, 2) + '\n');
}

/**
 * Reads the complete lines of a sweep.jsonl. A last line without its newline is the trace of an interrupted write:
 * it is ignored, and with `repair` cut from the file so appended lines start clean.
 */
export function readLines(path: string, repair = false): SweepLine[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (repair && end < text.length) truncateSync(path, Buffer.byteLength(text.slice(0, end)));
  const out: SweepLine[] = [];
  text
    .slice(0, end)
    .split('\n')
    .forEach((l, i) => {
      if (l === '') return;
      try {
        out.push(JSON.parse(l) as SweepLine);
      } catch (e) {
        throw new InputError(`not a sweep line: ${(e as Error).message}`, { file: path, line: i + 1 });
      }
    });
  return out;
}

/** Writes the report files into `dir`; returns the names written and notes for stderr. */
export async function writeReportFiles(
  dir: string,
  report: SweepReport,
  lines: readonly SweepLine[],
): Promise<{ files: string[]; notes: string[] }> {
  mkdirSync(dir, { recursive: true });
  const files = ['sweep-report.json', 'sweep-chart-data.json'];
  const notes: string[] = [];
  writeFileSync(join(dir, files[0]), JSON.stringify(report, null, 2) + '\n');
  const points = sweepChartPoints(report);
  const target = p99Target(report.slo?.bounds);
  writeFileSync(join(dir, files[1]), JSON.stringify({ targetP99Ms: target, points }, null, 2) + '\n');
  let chart: { svg: string } | { missing: string };
  if (points.length === 0) notes.push('no chart: no run has an offered load (the scenario has no load step)');
  else if (target === null)
    notes.push('no chart: the p99-against-load chart draws the p99 target; give --slo p99<=...');
  else {
    const spec = sweepP99Spec(`${report.scenarioName}: p99 against offered load`, points, target);
    const svg = await renderSvg(spec, 'sweep');
    writeFileSync(join(dir, 'sweep.vl.json'), JSON.stringify(spec, null, 2) + '\n');
    writeFileSync(join(dir, 'sweep.svg'), svg);
    files.push('sweep.vl.json', 'sweep.svg');
    chart = { svg };
  }
  chart ??= { missing: notes[0] };
  writeFileSync(join(dir, 'sweep.csv'), sweepCsv(lines));
  writeFileSync(join(dir, 'sweep.html'), renderSweepPage(report, chart));
  files.push('sweep.csv', 'sweep.html');
  return { files, notes };
}
