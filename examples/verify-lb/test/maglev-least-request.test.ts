// Your own properties over Envoy's Maglev and least request, with gwsim's arbitraries (docs/verify-lb.md).
import { expect, it } from 'vitest';
import fc from 'fast-check';
import { createLoadBalancer, LbContext, RngRoot } from 'gwsim/envoy';
import { hostSetArb, hashKeyArb, toHosts, fairnessProperty, ejectionBoundProperty } from 'gwsim/testing';

it('Maglev: the same hash always reaches the same host, whatever the host order', () => {
  fc.assert(
    fc.property(hostSetArb({ maxHosts: 8, maxWeight: 3 }), fc.array(hashKeyArb()), (specs, keys) => {
      const rng = new RngRoot(1).fork('worker-0');
      const a = createLoadBalancer({ policy: 'Maglev', tableSize: 1009 }, rng, toHosts(specs));
      const b = createLoadBalancer({ policy: 'Maglev', tableSize: 1009 }, rng, toHosts([...specs].reverse()));
      const ctx = new LbContext(rng);
      for (const k of keys) expect(b.chooseHost(ctx.setHash(k.hi, k.lo))?.key).toBe(a.chooseHost(ctx)?.key);
    }),
  );
});

it('least request: a host with requests in flight loses to an idle one (P2C with 2 hosts)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100 }), fc.nat(), (busy, seed) => {
      const rng = new RngRoot(seed).fork('worker-0');
      const hosts = toHosts([
        { address: '10.0.0.1', port: 80, weight: 1, health: 'healthy', priority: 0, locality: '' },
        { address: '10.0.0.2', port: 80, weight: 1, health: 'healthy', priority: 0, locality: '' },
      ]);
      hosts[0].activeRequests = busy;
      const lb = createLoadBalancer({ policy: 'LeastRequest', choiceCount: 2 }, rng, hosts);
      const picks = Array.from({ length: 50 }, () => lb.chooseHost(new LbContext(rng))?.key);
      // Both choices land on the busy host a quarter of the time, so the idle one wins about 3 picks in 4.
      expect(picks.filter((k) => k === '10.0.0.2:80').length).toBeGreaterThan(20);
    }),
  );
});

it("gwsim/testing's ready properties: fairness and the ejection bound", () => {
  fc.assert(fairnessProperty({ policy: 'LeastRequest' }), { numRuns: 20 });
  fc.assert(ejectionBoundProperty());
});
