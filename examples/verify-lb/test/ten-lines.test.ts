// The ten lines of docs/verify-lb.md, verbatim between the markers (test/examples/verify-lb.test.ts checks they match).
import { it } from 'vitest';
import fc from 'fast-check';
import { createLoadBalancer, LbContext, RngRoot } from 'gwsim/envoy';
import { hostSetArb, hashKeyArb, toHosts } from 'gwsim/testing';

it('docs/verify-lb.md: Maglev is sticky, least request picks a given host', () => {
  // docs:start
fc.assert(fc.property(hostSetArb({ maxHosts: 8, maxWeight: 3 }), fc.array(hashKeyArb()), (specs, keys) => {
  const rng = new RngRoot(1).fork('worker-0'), ctx = new LbContext(rng);
  const maglev = createLoadBalancer({ policy: 'Maglev', tableSize: 1009 }, rng, toHosts(specs));
  const lr = createLoadBalancer({ policy: 'LeastRequest' }, rng, toHosts(specs));
  for (const k of keys) if (maglev.chooseHost(ctx.setHash(k.hi, k.lo))?.key !== maglev.chooseHost(ctx)?.key) return false;
  return specs.some((h) => `${h.address}:${h.port}` === lr.chooseHost(ctx.reset())?.key);
}));
  // docs:end
});
