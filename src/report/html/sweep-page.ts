// sweep.html: a sweep on one self-contained page: the grid (one table per configuration), the SLO search and the
// replicas needed (as the terminal prints them), and the p99-against-offered-load chart inlined as SVG.
import type { SweepReport, SweepRow } from '../../scenarios/sweep/sweep-report.js';
import { formatSweepText } from '../../scenarios/sweep/sweep-text.js';
import { escapeHtml } from './escape.js';
import { PAGE_CSS } from './page-style.js';

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(+n.toPrecision(4));
}

function rowHtml(r: SweepRow, slo: boolean): string {
  const cells = [
    r.rate === null ? '-' : num(r.rate),
    String(r.seeds),
    num(r.requests),
    num(r.latencyMs.mean),
    num(r.latencyMs.p50),
    num(r.latencyMs.p99),
    r.seeds > 1 ? `${num(r.p99MinMs)}-${num(r.p99MaxMs)}` : '-',
    `${+(r.errorRate * 100).toPrecision(3)}%`,
  ];
  if (slo) cells.push(r.pass === null ? '-' : `${r.pass ? 'pass' : 'FAIL'} ${r.seedsMeeting}/${r.seeds}`);
  return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
}

/** The page; `chartSvg` is the rendered p99 chart, or null with the reason it was not drawn. */
export function renderSweepPage(report: SweepReport, chart: { svg: string } | { missing: string }): string {
  const slo = report.slo !== null;
  const head = ['rate/s', 'seeds', 'requests', 'mean ms', 'p50 ms', 'p99 ms', 'p99 range', 'errors'];
  if (slo) head.push('SLO (seeds)');
  const grid = report.configurations.map(
    (c) =>
      `<h3>${escapeHtml(c.label)}</h3>\n<div class="scroll"><table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${c.rows.map((r) => rowHtml(r, slo)).join('\n')}\n</tbody></table></div>`,
  );
  const chartHtml =
    'svg' in chart ? `<figure>${chart.svg}</figure>` : `<p class="source">${escapeHtml(chart.missing)}</p>`;
  const title = `sweep of ${report.scenarioName}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="source">${report.runs} run(s), ${report.configurations.length} configuration(s); the runs are in sweep.jsonl and sweep.csv.</p>
<h2>p99 against offered load</h2>
${chartHtml}
<h2>Grid</h2>
${grid.join('\n')}
<h2>${slo ? 'SLO search and replicas needed' : 'Summary'}</h2>
<pre>${escapeHtml(formatSweepText(report))}</pre>
</main>
</body>
</html>
`;
}
