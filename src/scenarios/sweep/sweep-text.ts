// The sweep report as terminal text: one table per configuration, the SLO search result with its confidence, and
// the replicas-needed table. Pure: report in, text out.
import type { SweepValue } from './apply-overrides.js';
import type { SweepReport, SweepRow } from './sweep-report.js';

function fmt(n: number, digits = 3): string {
  return Number.isInteger(n) ? String(n) : String(+n.toPrecision(digits));
}

function pct(x: number): string {
  return `${+(x * 100).toPrecision(3)}%`;
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)];
}

function rowCells(r: SweepRow, slo: boolean): string[] {
  const cells = [
    r.rate === null ? '-' : fmt(r.rate, 6),
    String(r.seeds),
    fmt(r.requests, 6),
    fmt(r.latencyMs.mean),
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p99),
    r.seeds > 1 ? `${fmt(r.p99MinMs)}-${fmt(r.p99MaxMs)}` : '-',
    pct(r.errorRate),
  ];
  if (slo) cells.push(r.pass === null ? '-' : `${r.pass ? 'pass' : 'FAIL'} ${r.seedsMeeting}/${r.seeds}`);
  return cells;
}

function params(p: Record<string, SweepValue>): string {
  const parts = Object.entries(p).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length === 0 ? '' : parts.join(', ') + ': ';
}

export function formatSweepText(report: SweepReport): string {
  const out: string[] = [];
  const slo = report.slo;
  const focus = report.focus;
  out.push(
    `sweep of ${report.scenarioName}: ${report.configurations.length} configuration(s), ${report.runs} run(s)` +
      (focus !== null ? `; offered load = step ${focus.name ?? focus.step} (${focus.ratePath})` : ''),
  );
  if (slo !== null)
    out.push(
      `SLO: ${slo.bounds.map((b) => b.text).join(', ')} (${slo.mode === 'search' ? `searching rates ${slo.range[0]}-${slo.range[1]}/s to ${pct(slo.precision)}` : 'judged per cell'}; a load passes when the seed average meets every bound)`,
    );
  for (const c of report.configurations) {
    out.push('', `configuration: ${c.label}`);
    const head = ['rate/s', 'seeds', 'requests', 'mean ms', 'p50 ms', 'p99 ms', 'p99 range', 'errors'];
    if (slo !== null) head.push('SLO (seeds)');
    out.push(
      ...table(
        head,
        c.rows.map((r) => rowCells(r, slo !== null)),
      ),
    );
    const s = c.search;
    if (s !== null) {
      const conf = (x: number | null) => (x === null ? '-' : pct(x));
      const note = s.complete ? '' : ' (search incomplete: probes missing)';
      if (s.outcome === 'found')
        out.push(
          `  largest rate meeting the SLO: ${fmt(s.maxRate!, 6)}/s; next step up ${fmt(s.failRate!, 6)}/s fails (seeds meeting: ${conf(s.confidence.atMaxRate)} at ${fmt(s.maxRate!, 6)}/s, ${conf(s.confidence.atFailRate)} at ${fmt(s.failRate!, 6)}/s)${note}`,
        );
      else if (s.outcome === 'above-range')
        out.push(`  every rate up to ${fmt(s.maxRate!, 6)}/s (the top of --slo-range) meets the SLO${note}`);
      else
        out.push(
          `  no rate meets the SLO: ${fmt(s.failRate ?? 0, 6)}/s (the bottom of --slo-range) already fails${note}`,
        );
    }
  }
  if (report.replicasNeeded !== null) {
    out.push('', `replicas needed (${report.replicasNeeded.path}) per offered load:`);
    out.push(
      ...table(
        ['configuration', 'rate/s', 'replicas'],
        report.replicasNeeded.rows.map((r) => [
          params(r.params).replace(/: $/, '') || '-',
          fmt(r.rate, 6),
          r.replicas === null ? 'none of the swept values' : String(r.replicas),
        ]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
