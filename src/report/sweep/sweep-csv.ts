// sweep.csv: the runs of sweep.jsonl as one row per run and client step, for a spreadsheet. Owns the columns and RFC 4180
// quoting; the figures are the JSONL's own, unrounded, so the CSV and the JSONL never disagree.
import type { SweepLine } from '../../scenarios/sweep/sweep-line.js';

const LATENCY = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text (header row first, CRLF line ends as RFC 4180 says); parameter columns are the union of every run's. */
export function sweepCsv(lines: readonly SweepLine[]): string {
  const params = [...new Set(lines.flatMap((l) => Object.keys(l.params)))].sort();
  const header = [
    'id',
    'cell',
    'probe',
    'seedIndex',
    'seed',
    'rate',
    ...params,
    'step',
    'stepName',
    'requests',
    'errorRate',
    ...LATENCY.map((m) => `${m}Ms`),
    'events',
    'simulatedSeconds',
    'partial',
    'traceHash',
  ];
  const rows = [header.map(field).join(',')];
  for (const l of lines)
    for (const s of l.steps)
      rows.push(
        [
          l.id,
          l.cell,
          l.probe,
          l.seedIndex,
          l.seed,
          l.rate,
          ...params.map((p) => (l.params[p] === undefined ? null : l.params[p])),
          s.index,
          s.name,
          s.requests,
          s.errorRate,
          ...LATENCY.map((m) => s.latencyMs[m]),
          l.events,
          l.simulatedSeconds,
          l.partial,
          l.traceHash,
        ]
          .map(field)
          .join(','),
      );
  return rows.join('\r\n') + '\r\n';
}
