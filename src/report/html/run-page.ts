// One self-contained HTML page per run: identity (seed, scenario hash, version), expectations, per step the
// workshop's lines, split and latency tables and charts, the run-wide time charts, the timeline, and the scenario
// YAML with its manifests. No scripts, no network: inline CSS and SVG only, and a CSP that forbids everything else.
// Every user-provided string goes through escapeHtml; SVGs come from render-svg (Vega escapes text it draws).
import type { ExpectationResult, RunResult, RunWarning, StepResult } from '../../scenarios/run/run-result.js';
import { eventDetails } from '../describe-event.js';
import { formatCount, formatMs, formatPValue, formatSeconds, formatShare } from '../format.js';
import { drawsLatency } from '../charts/run-charts.js';
import { describeGroup, splitGroups, splitRejected } from '../split-groups.js';
import { LATENCY_COLUMNS } from '../text/latency-table.js';
import { escapeHtml as esc } from './escape.js';
import { PAGE_CSS } from './page-style.js';

export interface PageChart {
  name: string;
  title: string;
  /** The step it belongs to, or null for run-wide charts. */
  step: number | null;
  svg: string;
}

export interface RunPageInput {
  result: RunResult;
  charts: readonly PageChart[];
  /** The scenario file as the user wrote it, or null when not at hand (gwsim report on a bare result.json). */
  scenarioYaml: string | null;
  manifests: ReadonlyArray<{ file: string; text: string }>;
  /** Files beside the page (result.json, series.csv) to link to, relative names. */
  files?: ReadonlyArray<{ href: string; label: string }>;
}

/** Pages show at most this many timeline rows (the JSON has all of them). */
export const MAX_TIMELINE_ROWS = 500;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function row(
  cells: readonly string[],
  numeric: readonly boolean[],
  tag = 'td',
  classes: readonly string[] = [],
): string {
  return `<tr>${cells.map((c, i) => `<${tag}${numeric[i] || classes[i] ? ` class="${[numeric[i] ? 'num' : '', classes[i] ?? ''].join(' ').trim()}"` : ''}>${c}</${tag}>`).join('')}</tr>`;
}

function table(
  caption: string | null,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  numeric: readonly boolean[],
  rowClasses?: readonly (readonly string[])[],
): string {
  return [
    '<div class="scroll"><table>',
    caption === null ? '' : `<caption>${caption}</caption>`,
    `<thead>${row(header, numeric, 'th')}</thead>`,
    `<tbody>${rows.map((r, i) => row(r, numeric, 'td', rowClasses?.[i] ?? [])).join('')}</tbody>`,
    '</table></div>',
  ].join('');
}

function stepHeading(step: StepResult): string {
  const name = step.name === null || step.name === step.kind ? '' : ` ${step.name}`;
  return `Step ${step.index}: ${step.kind}${name}`;
}

function splitSection(step: StepResult): string {
  return splitGroups(step)
    .map((g) => {
      const rows = g.rows.map((r) =>
        [
          esc(r.backend),
          formatCount(r.weight),
          r.fallback === true ? 'fallback' : formatShare(r.expectedShare),
          formatCount(r.count),
          formatShare(r.observedShare),
        ].map(String),
      );
      const words = esc(describeGroup(g, formatPValue));
      const verdict = splitRejected(g.test)
        ? `<p class="bad">${words}: the split does not fit the weights</p>`
        : `<p class="muted">${words}</p>`;
      return (
        table(
          `${esc(g.title)}: ${formatCount(g.requests)} requests`,
          ['backend', 'weight', 'expected', 'observed', 'share'],
          rows,
          [false, true, true, true, true],
        ) + verdict
      );
    })
    .join('');
}

function latencySection(step: StepResult): string {
  const header = LATENCY_COLUMNS.map(([, h]) => `${h} ms`);
  const cells = LATENCY_COLUMNS.map(([k]) => formatMs(step.latencyMs[k]));
  const t = table(
    'Latency',
    header,
    [cells],
    header.map(() => true),
  );
  if (drawsLatency(step)) return t;
  // Too few requests (or one value) for a distribution to show anything: the values themselves.
  const values = step.latencyHistogram
    .filter((e) => e.count > 0)
    .map((e) => `${formatMs(e.ms)} ms${e.count > 1 ? ` × ${e.count}` : ''}`);
  return values.length === 0 ? t : `${t}<p class="muted">Latencies: ${esc(values.join(', '))}</p>`;
}

function chartFigures(charts: readonly PageChart[]): string {
  if (charts.length === 0) return '';
  const figs = charts.map(
    (c) => `<figure id="chart-${esc(c.name)}">${c.svg}<figcaption>${esc(c.title)}</figcaption></figure>`,
  );
  return `<div class="charts">${figs.join('')}</div>`;
}

function shown(step: StepResult): boolean {
  return step.requests > 0 || step.lines.length > 0 || step.name !== null;
}

function stepSection(step: StepResult, charts: readonly PageChart[]): string {
  const when =
    step.endedAt > step.startedAt
      ? `${formatSeconds(step.startedAt)} to ${formatSeconds(step.endedAt)}`
      : `at ${formatSeconds(step.startedAt)}`;
  const parts = [
    `<section id="step-${step.index}"><h3>${esc(stepHeading(step))} <span class="muted">(${when})</span></h3>`,
  ];
  if (step.lines.length > 0) parts.push(`<pre>${esc(step.lines.join('\n'))}</pre>`);
  if (step.requests > 0) {
    const statuses = Object.entries(step.statusCounts)
      .map(([s, n]) => `${s === '0' ? 'no response' : esc(s)}: ${formatCount(n)}`)
      .join(', ');
    const noBackend = step.noBackend > 0 ? `; ${formatCount(step.noBackend)} answered without reaching a backend` : '';
    parts.push(`<p>${formatCount(step.requests)} requests (${statuses})${noBackend}</p>`);
    parts.push(splitSection(step), latencySection(step));
  }
  // The split and the per-pod view first: they are the point of a workshop step; latency after.
  const order = (c: PageChart) => (c.name.includes('-split-') ? 0 : c.name.endsWith('-pods') ? 1 : 2);
  const mine = charts.filter((c) => c.step === step.index).sort((a, b) => order(a) - order(b));
  parts.push(chartFigures(mine), '</section>');
  return parts.join('');
}

function expectationsSection(list: readonly ExpectationResult[]): string {
  if (list.length === 0) return '';
  const failed = list.filter((e) => !e.ok).length;
  const banner =
    failed === 0
      ? `<p class="banner ok">All ${list.length} expectations hold.</p>`
      : `<p class="banner bad">${failed} of ${list.length} expectations failed.</p>`;
  const rows = list.map((e) => [e.ok ? 'ok' : 'FAIL', String(e.step), String(e.line), esc(e.check), esc(e.observed)]);
  const classes = list.map((e) => [e.ok ? 'ok' : 'bad']);
  return `<section id="expectations"><h2>Expectations</h2>${banner}${table(null, ['', 'step', 'line', 'check', 'observed'], rows, [false, true, true, false, false], classes)}</section>`;
}

function warningsSection(list: readonly RunWarning[]): string {
  if (list.length === 0) return '';
  const rows = list.map((w) => [w.step === null ? 'run' : String(w.step), esc(w.message)]);
  return `<section id="warnings"><h2>Warnings</h2><p class="banner warn">${list.length} warning(s): something in this run went wrong.</p>${table(null, ['step', 'warning'], rows, [true, false])}</section>`;
}

function timelineSection(result: RunResult): string {
  if (result.timeline.length === 0) return '';
  const shownEvents = result.timeline.slice(0, MAX_TIMELINE_ROWS);
  const rows = shownEvents.map((e) => [formatSeconds(e.t), esc(e.kind), esc(eventDetails(e))]);
  const more =
    result.timeline.length > shownEvents.length
      ? `<p class="muted">${result.timeline.length - shownEvents.length} more events in result.json.</p>`
      : '';
  return `<section id="timeline"><h2>Timeline</h2>${table(null, ['time', 'event', 'details'], rows, [true, false, false])}${more}</section>`;
}

function sourcesSection(input: RunPageInput): string {
  const parts = ['<section id="scenario"><h2>Scenario and manifests</h2>'];
  if (input.scenarioYaml === null)
    parts.push('<p class="muted">The scenario file was not available to this report.</p>');
  else parts.push(`<details><summary>scenario.yaml</summary><pre>${esc(input.scenarioYaml)}</pre></details>`);
  for (const m of input.manifests)
    parts.push(`<details><summary>${esc(m.file)}</summary><pre>${esc(m.text)}</pre></details>`);
  parts.push('</section>');
  return parts.join('');
}

export function renderRunHtml(input: RunPageInput): string {
  const r = input.result;
  const shownSteps = r.steps.filter(shown);
  const runCharts = input.charts.filter((c) => c.step === null);
  const meta: Array<[string, string]> = [
    ['seed', String(r.seed)],
    ['scenario sha256', esc(r.scenarioHash)],
    ['gwsim', esc(r.gwsimVersion)],
    ['simulated', formatSeconds(r.simulatedSeconds)],
    ['events', String(r.events)],
    ['trace hash', esc(r.traceHash)],
  ];
  const links = (input.files ?? []).map((f) => `<a href="${esc(f.href)}">${esc(f.label)}</a>`).join(' · ');
  const toc = [
    ...((r.warnings ?? []).length > 0 ? [['warnings', 'Warnings']] : []),
    ...(r.expectations.length > 0 ? [['expectations', 'Expectations']] : []),
    ['steps', 'Steps'],
    ...(runCharts.length > 0 ? [['over-time', 'Over time']] : []),
    ...(r.timeline.length > 0 ? [['timeline', 'Timeline']] : []),
    ['scenario', 'Scenario'],
  ]
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>gwsim: ${esc(r.scenario)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head><body><main>',
    `<header><h1>${esc(r.scenario)}</h1>`,
    r.source === null ? '' : `<p class="source">Replays: ${esc(r.source)}</p>`,
    r.partial
      ? `<p class="banner warn">Partial run: stopped early (${esc(r.stopReason ?? 'unknown reason')}). Numbers cover the simulated time before the stop.</p>`
      : '',
    `<dl class="meta">${meta.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`,
    links === '' ? '' : `<p>Data: ${links}</p>`,
    `<nav class="toc">${toc}</nav></header>`,
    warningsSection(r.warnings ?? []),
    expectationsSection(r.expectations),
    `<section id="steps"><h2>Steps</h2>`,
    shownSteps.map((s) => stepSection(s, input.charts)).join(''),
    shownSteps.length < r.steps.length
      ? `<p class="muted">${r.steps.length - shownSteps.length} steps without output (applies, deletes, waits) are not shown.</p>`
      : '',
    '</section>',
    runCharts.length > 0 ? `<section id="over-time"><h2>Over time</h2>${chartFigures(runCharts)}</section>` : '',
    timelineSection(r),
    sourcesSection(input),
    `<footer>Generated by gwsim ${esc(r.gwsimVersion)} from scenario ${esc(r.scenario)} (seed ${r.seed}). Same scenario and seed give this page byte for byte.</footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
