import { describe, expect, it } from 'vitest';
import { planSweep, type SweepFlags } from '../../../src/scenarios/sweep/plan.js';
import { sweepBaseOf } from '../../../src/cli/sweep-source.js';

const flags = (set: string[], extra: Partial<SweepFlags> = {}): SweepFlags => ({
  scenario: 'overload-route-timeout',
  set,
  seeds: 1,
  slo: [],
  sloStep: null,
  sloRange: null,
  sloPrecision: 0.01,
  shard: null,
  ...extra,
});

describe('planSweep: the focus load step', () => {
  const base = sweepBaseOf({ kind: 'catalog', name: 'overload-route-timeout' });

  it('is the load step whose rate the grid sets, when exactly one is', () => {
    const spec = planSweep(base, flags(['spec.steps[no-circuit-breaker].load.rate=3000,5000']));
    expect(spec.focus).toMatchObject({
      name: 'no-circuit-breaker',
      ratePath: 'spec.steps[11].load.rate',
      rateDim: 'spec.steps[no-circuit-breaker].load.rate',
    });
  });

  it('is the first load step when the grid sets no rate, or several', () => {
    expect(planSweep(base, flags(['spec.gateway.workers=1,2'])).focus).toMatchObject({
      name: 'circuit-breaker',
      rateDim: null,
    });
    const both = planSweep(
      base,
      flags(['spec.steps[circuit-breaker].load.rate=3000,5000', 'spec.steps[no-circuit-breaker].load.rate=3000,5000']),
    );
    expect(both.focus?.name).toBe('circuit-breaker');
  });

  it('is the step --slo-step names, whatever the grid sets', () => {
    const spec = planSweep(
      base,
      flags(['spec.steps[no-circuit-breaker].load.rate=3000,5000'], { slo: ['p99<=1s'], sloStep: 'circuit-breaker' }),
    );
    expect(spec.focus?.name).toBe('circuit-breaker');
  });
});
