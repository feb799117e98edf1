// Checks a run against the scenario's `expect` blocks: splits with tolerance, counts, distinct groups, status codes,
// latency bounds and printed lines. Grouping by deployment, service, pod, node or cluster of the pod that answered.
import { formatDuration } from '../../sim/time.js';
import type { LatencyStat, ResolvedExpectation, ResolvedScenario, SplitBy } from '../schema/resolved.js';
import type { World } from '../wiring/world.js';
import type { BackendCount, ExpectationResult, RunResult, StepResult } from './run-result.js';

export function evaluateExpectations(scenario: ResolvedScenario, world: World, result: RunResult): ExpectationResult[] {
  const out: ExpectationResult[] = [];
  for (const e of scenario.expect) {
    const step = result.steps[e.stepIndex];
    const add = (check: string, ok: boolean, observed: string) =>
      out.push({ step: e.stepIndex, check: e.note ? `${check} (${e.note})` : check, ok, observed, line: e.line });
    const groups = group(step.byBackend, e.by);
    const total = step.requests;
    for (const s of e.split) {
      const n = groups.get(s.key) ?? 0;
      const share = total > 0 ? n / total : 0;
      add(
        `${e.by} ${s.key} gets ${pct(s.fraction)} ± ${pct(e.tolerance)} of ${total}`,
        Math.abs(share - s.fraction) <= e.tolerance + 1e-12,
        `${n} (${pct(share)})`,
      );
    }
    for (const c of e.counts) {
      const n = groups.get(c.key) ?? 0;
      add(`${e.by} ${c.key} gets ${range(c.range)} responses`, n >= c.range.min && n <= c.range.max, String(n));
    }
    if (e.distinct !== null) {
      const d = [...groups.values()].filter((n) => n > 0).length;
      add(
        `${range(e.distinct)} distinct ${e.by}s answer`,
        d >= e.distinct.min && d <= e.distinct.max,
        `${d}: ${[...groups.keys()].join(', ')}`,
      );
    }
    for (const s of e.status) {
      const key = s.code === 'error' ? '0' : String(s.code);
      const n = step.statusCounts[key] ?? 0;
      add(`status ${s.code}: ${range(s.range)}`, n >= s.range.min && n <= s.range.max, String(n));
    }
    for (const l of e.latency) {
      const v = latencyStat(world, e.stepIndex, l.stat, step);
      const ok = (l.minNs === null || v >= l.minNs) && (l.maxNs === null || v <= l.maxNs);
      add(
        `latency ${l.stat} in [${l.minNs === null ? '-' : formatDuration(l.minNs)}, ${l.maxNs === null ? '-' : formatDuration(l.maxNs)}]`,
        ok,
        formatDuration(Math.round(v)),
      );
    }
    if (e.lines !== null) checkLines(e, step, add);
    if (e.warnings !== null) {
      const got = [...new Set((result.warnings ?? []).filter((w) => w.step === e.stepIndex).map((w) => w.kind))].sort();
      const want = e.warnings;
      add(
        `warnings exactly [${want.join(', ')}]`,
        got.length === want.length && got.every((k, i) => k === want[i]),
        `[${got.join(', ')}]`,
      );
    }
  }
  return out;
}

function checkLines(
  e: ResolvedExpectation,
  step: StepResult,
  add: (check: string, ok: boolean, observed: string) => void,
): void {
  const ls = e.lines!;
  if (ls.count !== null)
    add(
      `${range(ls.count)} lines printed`,
      step.lines.length >= ls.count.min && step.lines.length <= ls.count.max,
      String(step.lines.length),
    );
  if (ls.match !== null) {
    const re = new RegExp(ls.match);
    const bad = step.lines.filter((l) => !re.test(l));
    add(
      `every line matches /${ls.match}/`,
      bad.length === 0,
      bad.length === 0 ? `${step.lines.length} lines match` : `first mismatch: ${JSON.stringify(bad[0])}`,
    );
  }
  if (ls.equal !== null) {
    const ok = ls.equal.length === step.lines.length && ls.equal.every((l, i) => l === step.lines[i]);
    add(`lines equal ${JSON.stringify(ls.equal)}`, ok, JSON.stringify(step.lines));
  }
}

function group(rows: BackendCount[], by: SplitBy): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) {
    const key =
      by === 'deployment'
        ? r.deployment
        : by === 'service'
          ? r.service
          : by === 'pod'
            ? r.pod
            : by === 'node'
              ? r.node
              : r.cluster;
    m.set(key, (m.get(key) ?? 0) + r.count);
  }
  return m;
}

function latencyStat(world: World, stepIndex: number, stat: LatencyStat, step: StepResult): number {
  const s = world.recorder.stepIfAny(stepIndex);
  if (s === undefined || s.requests === 0) return 0;
  const h = s.latency;
  switch (stat) {
    case 'min':
      return h.minNs();
    case 'mean':
      return h.meanNs();
    case 'max':
      return h.maxNs();
    case 'p999':
      return h.percentileNs(99.9);
    default:
      return h.percentileNs(Number(stat.slice(1)));
  }
  void step;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

function range(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : r.max === Infinity ? `>= ${r.min}` : `${r.min}-${r.max}`;
}
