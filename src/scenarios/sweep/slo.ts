// Service-level objectives of `gwsim sweep --slo`: `p99<=50ms`, `mean<=10ms`, `error-rate<=0.1%`. A single run
// meets them when every bound holds; a probe (several seeds at one rate) passes when the seeds' average of each
// latency figure, and their pooled error rate, meet the bounds (averaging over seeds narrows the estimate).
import { InputError } from '../../sim/input-error.js';
import { NS_PER_MS, parseDuration } from '../../sim/time.js';
import type { StepSummary } from './run-summary.js';

export const LATENCY_METRICS = ['mean', 'p50', 'p90', 'p99', 'p999', 'max'] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];
export type SloMetric = LatencyMetric | 'error-rate';

export interface SloBound {
  metric: SloMetric;
  /** Milliseconds for latency metrics; a fraction for error-rate. */
  max: number;
  /** The bound as written. */
  text: string;
}

const ALLOWED = `METRIC<=VALUE with METRIC one of ${LATENCY_METRICS.join(', ')} (a duration such as 50ms) or error-rate (0.1% or 0.001); several joined by commas`;

/** Parses --slo flags (each may hold several bounds joined by commas). */
export function parseSlo(flags: readonly string[]): SloBound[] {
  const out: SloBound[] = [];
  for (const part of flags
    .flatMap((f) => f.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const m = /^([a-z0-9-]+)\s*<=\s*(\S+)$/.exec(part);
    if (!m) throw new InputError(`${JSON.stringify(part)} is not a bound`, { file: '--slo' }, ALLOWED);
    const metric = m[1];
    const value = m[2];
    if (metric === 'error-rate') {
      const pct = value.endsWith('%');
      const n = Number(pct ? value.slice(0, -1) : value);
      const frac = pct ? n / 100 : n;
      if (!Number.isFinite(n) || frac < 0 || frac > 1)
        throw new InputError(
          `${JSON.stringify(value)} is not an error rate`,
          { file: '--slo' },
          'a share in [0, 1] or a percentage such as 0.1%',
        );
      out.push({ metric, max: frac, text: part });
    } else if ((LATENCY_METRICS as readonly string[]).includes(metric)) {
      let ns: number;
      try {
        ns = parseDuration(value, { allowZero: false });
      } catch (e) {
        throw new InputError(`${JSON.stringify(part)}: ${(e as Error).message}`, { file: '--slo' }, ALLOWED);
      }
      out.push({ metric: metric as LatencyMetric, max: ns / NS_PER_MS, text: part });
    } else {
      throw new InputError(`${JSON.stringify(metric)} is not an SLO metric`, { file: '--slo' }, ALLOWED);
    }
  }
  if (out.length === 0) throw new InputError('no bound given', { file: '--slo' }, ALLOWED);
  if (new Set(out.map((b) => b.metric)).size !== out.length)
    throw new InputError('a metric is bounded twice', { file: '--slo' }, ALLOWED);
  return out;
}

function value(step: StepSummary, metric: SloMetric): number {
  return metric === 'error-rate' ? step.errorRate : step.latencyMs[metric];
}

/** True when one run's step meets every bound (a run with no requests meets nothing). */
export function runMeets(step: StepSummary, bounds: readonly SloBound[], partial: boolean): boolean {
  return !partial && step.requests > 0 && bounds.every((b) => value(step, b.metric) <= b.max);
}

/** Seeds' average of each latency figure and pooled error rate. */
export function probeFigures(steps: readonly StepSummary[]): Record<SloMetric, number> {
  const n = steps.length;
  const out = {} as Record<SloMetric, number>;
  for (const m of LATENCY_METRICS) out[m] = n === 0 ? 0 : steps.reduce((a, s) => a + s.latencyMs[m], 0) / n;
  const requests = steps.reduce((a, s) => a + s.requests, 0);
  out['error-rate'] = requests === 0 ? 0 : steps.reduce((a, s) => a + s.errorRate * s.requests, 0) / requests;
  return out;
}

/** True when the probe's seed-averaged figures meet every bound and no seed ran short. */
export function probePasses(
  steps: readonly StepSummary[],
  partial: readonly boolean[],
  bounds: readonly SloBound[],
): boolean {
  if (steps.length === 0 || partial.some((p) => p) || steps.some((s) => s.requests === 0)) return false;
  const f = probeFigures(steps);
  return bounds.every((b) => f[b.metric] <= b.max);
}
