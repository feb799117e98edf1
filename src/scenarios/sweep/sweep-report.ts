// The sweep report as plain data (the `sweep --json` and `merge --json` output): per configuration its rows (one per
// offered load or SLO probe, figures averaged over seeds), the SLO search result with its confidence, and the
// smallest replicas meeting the SLO per load. Built from the spec and the JSONL lines alone, so merge can rebuild it.
import type { SweepValue } from './apply-overrides.js';
import { RateBisection, type BisectionResult } from './bisection.js';
import { LATENCY_METRICS, probeFigures, probePasses, runMeets, type LatencyMetric, type SloBound } from './slo.js';
import type { StepSummary } from './run-summary.js';
import { compareLines, type SweepLine, type SweepSpec } from './sweep-line.js';

export interface SweepRow {
  cell: number;
  probe: number | null;
  rate: number | null;
  seeds: number;
  /** Requests per seed, averaged. */
  requests: number;
  /** Each figure averaged over seeds. */
  latencyMs: Record<LatencyMetric, number>;
  p99MinMs: number;
  p99MaxMs: number;
  /** Pooled over seeds. */
  errorRate: number;
  /** With an SLO: seeds whose run met it on their own, and whether the seed average passes. */
  seedsMeeting: number | null;
  pass: boolean | null;
}

export interface SweepSearch extends BisectionResult {
  /** False while probes are missing (an interrupted run or one shard's output). */
  complete: boolean;
  probes: number;
  /** Share of seeds meeting the SLO on their own at maxRate and at failRate (the next step up). */
  confidence: { atMaxRate: number | null; atFailRate: number | null };
}

export interface SweepConfiguration {
  /** `PATH=VALUE, ...` (the rate dimension left out), or `(scenario as written)`. */
  label: string;
  params: Record<string, SweepValue>;
  rows: SweepRow[];
  search: SweepSearch | null;
}

export interface ReplicasRow {
  /** The other parameters. */
  params: Record<string, SweepValue>;
  rate: number;
  /** Smallest replicas meeting the SLO at this rate, or null when none of the swept values does. */
  replicas: number | null;
}

export interface SweepReport {
  scenario: string;
  scenarioName: string;
  runs: number;
  focus: SweepSpec['focus'];
  slo: SweepSpec['slo'];
  configurations: SweepConfiguration[];
  /** The replicas dimension (a --set PATH ending in .replicas) with an SLO; else null. */
  replicasNeeded: { path: string; rows: ReplicasRow[] } | null;
}

function stepOf(spec: SweepSpec, l: SweepLine): StepSummary | undefined {
  return spec.focus !== null ? l.steps.find((s) => s.index === spec.focus!.step) : l.steps[0];
}

function rowOf(spec: SweepSpec, runs: SweepLine[]): SweepRow {
  const steps = runs.map((l) => stepOf(spec, l)).filter((s): s is StepSummary => s !== undefined);
  const f = probeFigures(steps);
  const latencyMs = {} as Record<LatencyMetric, number>;
  for (const m of LATENCY_METRICS) latencyMs[m] = f[m];
  const bounds = spec.slo?.bounds ?? null;
  const p99s = steps.map((s) => s.latencyMs.p99);
  return {
    cell: runs[0].cell,
    probe: runs[0].probe,
    rate: runs[0].rate,
    seeds: runs.length,
    requests: steps.length === 0 ? 0 : steps.reduce((a, s) => a + s.requests, 0) / steps.length,
    latencyMs,
    p99MinMs: p99s.length === 0 ? 0 : Math.min(...p99s),
    p99MaxMs: p99s.length === 0 ? 0 : Math.max(...p99s),
    errorRate: f['error-rate'],
    seedsMeeting:
      bounds === null
        ? null
        : runs.filter((l, i) => steps[i] !== undefined && runMeets(steps[i], bounds, l.partial)).length,
    pass:
      bounds === null || steps.length !== runs.length
        ? null
        : probePasses(
            steps,
            runs.map((l) => l.partial),
            bounds,
          ),
  };
}

function label(params: Record<string, SweepValue>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length === 0 ? '(scenario as written)' : parts.join(', ');
}

function searchOf(spec: SweepSpec, rows: SweepRow[]): SweepSearch {
  const slo = spec.slo!;
  const b = new RateBisection(slo.range[0], slo.range[1], slo.precision);
  let complete = true;
  for (const r of [...rows].sort((x, y) => (x.probe ?? 0) - (y.probe ?? 0))) {
    if (b.next() !== r.rate || r.pass === null || r.seeds !== spec.seeds.length) {
      complete = false;
      break;
    }
    b.record(r.rate!, r.pass);
  }
  if (complete && b.next() !== null) complete = false;
  const passing = rows.filter((r) => r.pass === true).map((r) => r.rate!);
  const failing = rows.filter((r) => r.pass === false).map((r) => r.rate!);
  const maxRate = passing.length > 0 ? Math.max(...passing) : null;
  const failRate = failing.length > 0 ? Math.min(...failing) : null;
  const share = (rate: number | null) => {
    const r = rows.find((x) => x.rate === rate);
    return r === undefined || r.seedsMeeting === null ? null : r.seedsMeeting / r.seeds;
  };
  const outcome = maxRate === null ? 'below-range' : failRate === null ? 'above-range' : 'found';
  return {
    maxRate,
    failRate,
    outcome,
    complete,
    probes: rows.length,
    confidence: { atMaxRate: share(maxRate), atFailRate: share(failRate) },
  };
}

export function buildSweepReport(spec: SweepSpec, input: readonly SweepLine[]): SweepReport {
  const lines = [...input].sort(compareLines);
  const rateDim = spec.slo?.mode === 'search' ? spec.focus?.ratePath : (spec.focus?.rateDim ?? undefined);
  // Group runs into rows (cell, probe) and rows into configurations (parameters without the rate).
  const configs = new Map<string, SweepConfiguration>();
  const rowRuns = new Map<string, SweepLine[]>();
  for (const l of lines) {
    const key = `${l.cell}/${l.probe ?? ''}`;
    const runs = rowRuns.get(key);
    if (runs === undefined) rowRuns.set(key, [l]);
    else runs.push(l);
  }
  for (const runs of rowRuns.values()) {
    const params: Record<string, SweepValue> = {};
    for (const [k, v] of Object.entries(runs[0].params)) if (k !== rateDim) params[k] = v;
    const key = JSON.stringify(params);
    let c = configs.get(key);
    if (c === undefined) configs.set(key, (c = { label: label(params), params, rows: [], search: null }));
    c.rows.push(rowOf(spec, runs));
  }
  const configurations = [...configs.values()];
  for (const c of configurations) {
    c.rows.sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0) || a.cell - b.cell);
    if (spec.slo?.mode === 'search') c.search = searchOf(spec, c.rows);
  }
  return {
    scenario: spec.scenario,
    scenarioName: spec.scenarioName,
    runs: lines.length,
    focus: spec.focus,
    slo: spec.slo,
    configurations,
    replicasNeeded: replicasNeeded(spec, configurations),
  };
}

function replicasNeeded(spec: SweepSpec, configs: SweepConfiguration[]): SweepReport['replicasNeeded'] {
  const dim = spec.dims.find((d) => /(^|\.)replicas$/.test(d.path) && d.values.every((v) => typeof v === 'number'));
  if (spec.slo === null || dim === undefined) return null;
  const groups = new Map<
    string,
    { params: Record<string, SweepValue>; options: Array<{ replicas: number; rate: number; pass: boolean }> }
  >();
  for (const c of configs) {
    const others: Record<string, SweepValue> = {};
    for (const [k, v] of Object.entries(c.params)) if (k !== dim.path) others[k] = v;
    const key = JSON.stringify(others);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { params: others, options: [] }));
    const replicas = c.params[dim.path] as number;
    if (c.search !== null) {
      if (c.search.maxRate !== null) g.options.push({ replicas, rate: c.search.maxRate, pass: true });
    } else {
      for (const r of c.rows)
        if (r.rate !== null && r.pass !== null) g.options.push({ replicas, rate: r.rate, pass: r.pass });
    }
  }
  const rows: ReplicasRow[] = [];
  for (const g of groups.values()) {
    const rates = [...new Set(g.options.map((o) => o.rate))].sort((a, b) => a - b);
    for (const rate of rates) {
      // Search: a configuration meets `rate` when its largest passing rate reaches it. Grid: when its row at `rate` passed.
      const ok = g.options
        .filter((o) => (spec.slo!.mode === 'search' ? o.rate >= rate : o.rate === rate && o.pass))
        .map((o) => o.replicas);
      rows.push({ params: g.params, rate, replicas: ok.length === 0 ? null : Math.min(...ok) });
    }
  }
  return { path: dim.path, rows };
}

/** Points of the p99-against-load chart: one per row with a rate, labelled by configuration. */
export function sweepChartPoints(report: SweepReport): Array<{ config: string; rate: number; p99Ms: number }> {
  return report.configurations.flatMap((c) =>
    c.rows.filter((r) => r.rate !== null).map((r) => ({ config: c.label, rate: r.rate!, p99Ms: r.latencyMs.p99 })),
  );
}

/** The p99 bound of the SLO, if it has one (the chart's target line). */
export function p99Target(bounds: readonly SloBound[] | undefined): number | null {
  return bounds?.find((b) => b.metric === 'p99')?.max ?? null;
}
