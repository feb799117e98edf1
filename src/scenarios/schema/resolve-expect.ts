// Resolves `spec.expect`: finds the step each expectation names and checks that the checks fit that step
// (splits and latency need a client step; lines need a step that prints).
import { EXPECT_DEFAULTS } from './defaults.js';
import type { ExpectDoc } from './expect.js';
import type { DocPath, SourceMap } from './resolve-context.js';
import type { Raise } from './resolve-topology.js';
import type { CountRange, ResolvedExpectation, ResolvedStep } from './resolved.js';

function range(v: number | [number, number]): CountRange {
  return typeof v === 'number' ? { min: v, max: v } : { min: v[0], max: v[1] };
}

function prints(s: ResolvedStep): boolean {
  if (s.kind === 'print') return true;
  if (s.kind === 'curl') return s.output !== 'none';
  if (s.kind === 'hey') return s.output === 'summary';
  return false;
}

export function resolveExpectations(docs: ExpectDoc[] | undefined, steps: ResolvedStep[], source: SourceMap | undefined, raise: Raise): ResolvedExpectation[] {
  return (docs ?? []).map((e, i) => {
    const path: DocPath = ['spec', 'expect', i];
    let stepIndex: number;
    if (typeof e.step === 'number') {
      if (e.step >= steps.length) raise([...path, 'step'], `there is no step ${e.step}; steps are numbered from 0`, `0 to ${steps.length - 1}, or a step name`);
      stepIndex = e.step;
    } else {
      const found = steps.find((s) => s.name === e.step);
      const named = steps.filter((s) => s.name !== null).map((s) => s.name);
      if (found === undefined) raise([...path, 'step'], `no step is named ${JSON.stringify(e.step)}`, named.join(', ') || 'a 0-based step index (no step has a name)');
      stepIndex = found!.index;
    }
    const step = steps[stepIndex];
    const isClient = step.kind === 'curl' || step.kind === 'hey' || step.kind === 'load';
    for (const k of ['split', 'counts', 'distinct', 'status', 'latency'] as const) {
      if (e[k] !== undefined && !isClient) raise([...path, k], `${k} checks requests, and step ${stepIndex} is a ${step.kind} step`, 'a curl, hey or load step');
    }
    if (e.lines !== undefined && !prints(step)) raise([...path, 'lines'], `step ${stepIndex} (${step.kind}) prints nothing`, 'a print step, a curl step with output other than none, or a hey step with output summary');
    const split = Object.entries(e.split ?? {}).map(([key, fraction]) => ({ key, fraction }));
    const total = split.reduce((a, s) => a + s.fraction, 0);
    if (total > 1 + 1e-9) raise([...path, 'split'], `the fractions add up to ${total.toFixed(4)}, more than 1`);
    return {
      stepIndex,
      by: e.by ?? EXPECT_DEFAULTS.by,
      split,
      tolerance: e.tolerance ?? EXPECT_DEFAULTS.tolerance,
      counts: Object.entries(e.counts ?? {}).map(([key, v]) => ({ key, range: range(v) })),
      distinct: e.distinct === undefined ? null : range(e.distinct),
      status: Object.entries(e.status ?? {}).map(([code, v]) => ({ code: code === 'error' ? ('error' as const) : Number(code), range: range(v) })),
      latency: Object.entries(e.latency ?? {}).map(([stat, b]) => ({ stat: stat as ResolvedExpectation['latency'][number]['stat'], minNs: b?.min ?? null, maxNs: b?.max ?? null })),
      lines: e.lines === undefined ? null : { count: e.lines.count === undefined ? null : range(e.lines.count), match: e.lines.match ?? null, equal: e.lines.equal ?? null },
      warnings: e.warnings === undefined ? null : [...new Set(e.warnings)].sort(),
      note: e.note ?? null,
      line: source?.position(path)?.line ?? 0,
    };
  });
}
