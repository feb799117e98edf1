// Every report file of one run, as relative paths and contents: text, JSON, CSV, Vega-Lite specs, SVG charts and
// the HTML page. Pure (the cli writes them): RunResult in, files out. Async only because Vega's SVG export is.
import type { RunResult } from '../scenarios/run/run-result.js';
import { keyChart, runCharts, type NamedChart } from './charts/run-charts.js';
import { renderSvg } from './charts/render-svg.js';
import { seriesCsv } from './data/series-csv.js';
import { renderRunHtml } from './html/run-page.js';
import { renderRunText } from './text/run-text.js';

/** Where the scenario file and its manifests are copied inside a report directory. */
export const SOURCES_DIR = 'sources';
export const SCENARIO_FILE = 'scenario.yaml';

export interface ReportFile {
  /** Relative POSIX path inside the output directory. */
  path: string;
  content: string;
}

export interface ReportExtras {
  scenarioYaml: string | null;
  manifests: ReadonlyArray<{ file: string; text: string }>;
}

export interface RenderedChart extends NamedChart {
  svg: string;
}

export interface RunReport {
  files: ReportFile[];
  charts: RenderedChart[];
  /** The one chart that shows the run's point (gallery index), or null when the run served no requests. */
  key: RenderedChart | null;
}

/** The run result exactly as `gwsim run --json` prints it: two-space indent, trailing newline. */
export function resultJson(result: RunResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

export async function renderRunReport(result: RunResult, extras: ReportExtras): Promise<RunReport> {
  const named = runCharts(result);
  const charts: RenderedChart[] = [];
  for (const c of named) charts.push({ ...c, svg: await renderSvg(c.spec, c.name) });
  const keyNamed = keyChart(result, named);
  const key = keyNamed === null ? null : (charts.find((c) => c.name === keyNamed.name) ?? null);
  const files: ReportFile[] = [
    { path: 'result.json', content: resultJson(result) },
    { path: 'report.txt', content: renderRunText(result, { color: false }) },
    { path: 'series.csv', content: seriesCsv(result) },
  ];
  for (const c of charts) {
    files.push({ path: `charts/${c.name}.vl.json`, content: JSON.stringify(c.spec, null, 2) + '\n' });
    files.push({ path: `charts/${c.name}.svg`, content: c.svg + '\n' });
  }
  // sources/ mirrors the scenario's directory (scenario.yaml beside the manifests it names), so it can be run again.
  if (extras.scenarioYaml !== null)
    files.push({ path: `${SOURCES_DIR}/${SCENARIO_FILE}`, content: extras.scenarioYaml });
  for (const m of extras.manifests) files.push({ path: `${SOURCES_DIR}/${m.file}`, content: m.text });
  files.push({
    path: 'index.html',
    content: renderRunHtml({
      result,
      charts,
      scenarioYaml: extras.scenarioYaml,
      manifests: extras.manifests,
      files: [
        { href: 'result.json', label: 'result.json' },
        { href: 'series.csv', label: 'series.csv' },
        { href: 'report.txt', label: 'report.txt' },
      ],
    }),
  });
  return { files, charts, key };
}
