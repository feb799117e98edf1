// hey's summary in hey's own layout (requester/print.go's default template, report.go's histogram and percentiles):
// numbers as %4.4f seconds, an 11-row response-time histogram scaled to 40 bars, percentiles 10..99, status codes
// ascending, errors sorted by message. Pure: report data in, lines out.
import type { LatencyHistogram } from '../metrics/latency-histogram.js';

export interface HeyReport {
  totalNs: number;
  /** All results, errors included (hey's Requests/sec counts them). */
  results: number;
  /** Latencies of the requests that got a response. */
  latency: LatencyHistogram;
  averageNs: number;
  dial: { averageNs: number; minNs: number; maxNs: number };
  statusCounts: Array<[number, number]>;
  errors: Array<[string, number]>;
  sizePerRequest: number;
}

const s = (ns: number) => (ns / 1e9).toFixed(4);

export function formatHeySummary(r: HeyReport): string[] {
  const h = r.latency;
  // Fastest, slowest and the histogram all read the histogram's recorded values, so every value falls in a bucket.
  const recorded = h.recorded();
  const fastest = recorded.length > 0 ? recorded[0].valueNs : 0;
  const slowest = recorded.length > 0 ? recorded[recorded.length - 1].valueNs : 0;
  const lines: string[] = [
    '',
    'Summary:',
    `  Total:\t${s(r.totalNs)} secs`,
    `  Slowest:\t${s(slowest)} secs`,
    `  Fastest:\t${s(fastest)} secs`,
    `  Average:\t${s(r.averageNs)} secs`,
    `  Requests/sec:\t${(r.totalNs > 0 ? r.results / (r.totalNs / 1e9) : 0).toFixed(4)}`,
    '  ',
  ];
  if (r.sizePerRequest > 0)
    lines.push(`  Total data:\t${r.sizePerRequest * h.count} bytes`, `  Size/request:\t${r.sizePerRequest} bytes`);
  lines.push('', 'Response time histogram:');
  lines.push(...histogramLines(recorded, fastest, slowest));
  lines.push('', 'Latency distribution:');
  for (const p of [10, 25, 50, 75, 90, 95, 99]) {
    const v = h.count > 0 ? h.percentileNs(p) : 0;
    if (v > 0) lines.push(`  ${p}% in ${s(v)} secs`);
  }
  const resp = r.averageNs - r.dial.averageNs;
  lines.push(
    '',
    'Details (average, fastest, slowest):',
    `  DNS+dialup:\t${s(r.dial.averageNs)} secs, ${s(r.dial.minNs)} secs, ${s(r.dial.maxNs)} secs`,
    `  DNS-lookup:\t${s(0)} secs, ${s(0)} secs, ${s(0)} secs`,
    `  req write:\t${s(0)} secs, ${s(0)} secs, ${s(0)} secs`,
    `  resp wait:\t${s(resp)} secs, ${s(Math.max(0, fastest - r.dial.minNs))} secs, ${s(Math.max(0, slowest - r.dial.maxNs))} secs`,
    `  resp read:\t${s(0)} secs, ${s(0)} secs, ${s(0)} secs`,
    '',
    'Status code distribution:',
  );
  for (const [code, n] of r.statusCounts) lines.push(`  [${code}]\t${n} responses`);
  if (r.errors.length > 0) {
    lines.push('', 'Error distribution:');
    for (const [e, n] of r.errors) lines.push(`  [${n}]\t${e}`);
  }
  lines.push('');
  return lines;
}

/** hey's histogram: marks fastest + i*(slowest-fastest)/10, count of latencies in (mark[i-1], mark[i]], bars scaled to 40. */
function histogramLines(
  recorded: ReadonlyArray<{ valueNs: number; count: number }>,
  fastest: number,
  slowest: number,
): string[] {
  const marks: number[] = [];
  const width = (slowest - fastest) / 10;
  for (let i = 0; i < 10; i++) marks.push(fastest + width * i);
  marks.push(slowest);
  const counts = new Array<number>(11).fill(0);
  let bi = 0;
  for (const { valueNs, count } of recorded) {
    while (valueNs > marks[bi] && bi < marks.length - 1) bi++;
    counts[bi] += count;
  }
  const max = Math.max(0, ...counts);
  return marks.map((m, i) => {
    const bar = max > 0 ? Math.floor((counts[i] * 40 + Math.floor(max / 2)) / max) : 0;
    return `  ${(m / 1e9).toFixed(3)} [${counts[i]}]\t|${'■'.repeat(bar)}`;
  });
}
