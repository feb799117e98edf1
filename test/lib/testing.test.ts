// gwsim/testing's ready properties hold for Envoy's balancers, and fail where they should (a property that cannot fail
// proves nothing).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ejectionBoundProperty,
  fairnessProperty,
  hostSetArb,
  minimalDisruptionProperty,
  spillOverProperty,
  stickinessProperty,
  toHosts,
} from '../../src/lib/testing/index.js';
import type { LbConfig } from '../../src/lib/envoy.js';

const FC = { seed: 7, numRuns: 20 };
const maglev: LbConfig = { policy: 'Maglev', tableSize: 1009 };
const ring: LbConfig = { policy: 'RingHash', minimumRingSize: 1024 };

describe('gwsim/testing properties', () => {
  it.each<LbConfig>([{ policy: 'RoundRobin' }, { policy: 'LeastRequest' }, maglev])(
    'fairness over N picks: $policy',
    (config) => fc.assert(fairnessProperty(config), FC),
  );
  // Envoy's random LB ignores host weights (random_lb.cc picks hosts_to_use[random % size]): equal weights only.
  it('fairness over N picks: Random', () =>
    fc.assert(fairnessProperty({ policy: 'Random' }, { hosts: { maxWeight: 1 } }), FC));
  it.each([maglev, ring])('stickiness: $policy', (config) => fc.assert(stickinessProperty(config), FC));
  it('minimal disruption on a host change: Maglev', () => fc.assert(minimalDisruptionProperty(maglev), FC));
  it('spill-over under failures and the ejection bound', () => {
    fc.assert(spillOverProperty(), { ...FC, numRuns: 200 });
    fc.assert(ejectionBoundProperty(), { ...FC, numRuns: 200 });
    fc.assert(ejectionBoundProperty(true), { ...FC, numRuns: 200 });
  });
  it('fails a balancer that is not fair, not sticky or disrupts everything', () => {
    const reason = (p: fc.IProperty<never>) => String((fc.check(p, FC).errorInstance as Error | null)?.message);
    const weighted = { hosts: { minHosts: 2, maxWeight: 4 } };
    expect(reason(fairnessProperty({ policy: 'Random' }, weighted) as never)).toMatch(/expected/);
    expect(reason(stickinessProperty({ policy: 'Random' }, { minHosts: 2 }) as never)).toMatch(/moved from/);
    expect(reason(minimalDisruptionProperty({ policy: 'Random' }) as never)).toMatch(/removed host|moved/);
  });
  it('host sets carry distinct addresses, health and priorities', () => {
    fc.assert(
      fc.property(hostSetArb({ minHosts: 2, maxHosts: 6, health: true, priorities: 2, maxWeight: 3 }), (specs) => {
        const hosts = toHosts(specs);
        expect(new Set(hosts.map((h) => h.key)).size).toBe(specs.length);
        specs.forEach((s, i) =>
          expect(hosts[i].coarseHealth()).toBe({ unhealthy: 0, degraded: 1, healthy: 2 }[s.health]),
        );
      }),
      FC,
    );
  });
});
