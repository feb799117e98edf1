// --slo parsing and the pass rules of a run and of a probe (seed-averaged latency, pooled error rate).
import { describe, expect, it } from 'vitest';
import { parseSlo, probePasses, runMeets } from '../../../src/scenarios/sweep/slo.js';
import { errorRateOf, type StepSummary } from '../../../src/scenarios/sweep/run-summary.js';

function step(p99: number, requests = 100, errors = 0): StepSummary {
  return {
    index: 7,
    kind: 'load',
    name: null,
    requests,
    statusCounts: { '200': requests - errors, '503': errors },
    latencyMs: { mean: p99 / 4, p50: p99 / 5, p90: p99 / 2, p99, p999: p99 * 1.5, max: p99 * 2 },
    errorRate: errors / requests,
  };
}

describe('parseSlo', () => {
  it('reads latency bounds in ms and error rates as shares', () => {
    expect(parseSlo(['p99<=50ms', 'error-rate<=0.1%'])).toEqual([
      { metric: 'p99', max: 50, text: 'p99<=50ms' },
      { metric: 'error-rate', max: 0.001, text: 'error-rate<=0.1%' },
    ]);
    expect(parseSlo(['mean<=1.5s,error-rate<=0.02'])).toEqual([
      { metric: 'mean', max: 1500, text: 'mean<=1.5s' },
      { metric: 'error-rate', max: 0.02, text: 'error-rate<=0.02' },
    ]);
  });

  it('rejects unknown metrics, bad values and repeats, naming --slo', () => {
    for (const bad of ['p98<=1ms', 'p99>=1ms', 'p99<=fast', 'error-rate<=2', 'p99<=1ms,p99<=2ms', ''])
      expect(() => parseSlo([bad])).toThrow(/--slo/);
  });
});

describe('pass rules', () => {
  const bounds = parseSlo(['p99<=50ms,error-rate<=1%']);

  it('a run meets the SLO when every bound holds and it ran to the end', () => {
    expect(runMeets(step(50), bounds, false)).toBe(true);
    expect(runMeets(step(50.1), bounds, false)).toBe(false);
    expect(runMeets(step(10, 100, 2), bounds, false)).toBe(false);
    expect(runMeets(step(10), bounds, true)).toBe(false);
    expect(runMeets(step(10, 0), bounds, false)).toBe(false);
  });

  it('a probe averages p99 over seeds and pools errors', () => {
    expect(probePasses([step(40), step(60)], [false, false], bounds)).toBe(true);
    expect(probePasses([step(45), step(60)], [false, false], bounds)).toBe(false);
    expect(probePasses([step(10, 100, 0), step(10, 300, 4)], [false, false], bounds)).toBe(true);
    expect(probePasses([step(10, 100, 2), step(10, 100, 1)], [false, false], bounds)).toBe(false);
    expect(probePasses([step(10), step(10)], [false, true], bounds)).toBe(false);
  });

  it('errors are requests without a 1xx-3xx status', () => {
    expect(errorRateOf({ '0': 1, '200': 5, '302': 1, '404': 1, '503': 2 }, 10)).toBe(0.4);
    expect(errorRateOf({}, 0)).toBe(0);
  });
});
