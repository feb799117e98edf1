// Ready fast-check properties over gwsim/envoy's units: fairness over N picks, stickiness, minimal disruption on a host
// change, spill-over under failures and the outlier ejection bound. Each returns a property for fc.assert; a failed
// check throws an Error that says what was expected.
import fc from 'fast-check';
import { RngRoot } from '../../sim/rng.js';
import { createLoadBalancer } from '../../models/envoy/lb/registry.js';
import { LbContext } from '../../models/envoy/lb/lb-context.js';
import type { LbConfig, LoadBalancer } from '../../models/envoy/lb/load-balancer.js';
import { computePriorityLoad, type PriorityLoadOptions } from '../../models/envoy/priority/priority-load.js';
import type { PriorityLevel } from '../../models/envoy/priority/priority-level.js';
import { ejectionAllowed, maxSimultaneouslyEjected } from '../../models/envoy/outlier/ejection-gate.js';
import {
  hashKeyArb,
  hostSetArb,
  requestStreamArb,
  seedArb,
  toHosts,
  type HashKey,
  type HostSetOptions,
  type HostSpec,
} from './arbitraries.js';

function check(ok: boolean, message: () => string): void {
  if (!ok) throw new Error(message());
}

/** One worker's balancer over `specs`, seeded. */
export function balancerFor(
  config: LbConfig,
  specs: readonly HostSpec[],
  seed = 1,
): { lb: LoadBalancer; ctx: LbContext } {
  const rng = new RngRoot(seed).fork('gwsim-testing/worker-0');
  return { lb: createLoadBalancer(config, rng, toHosts(specs)), ctx: new LbContext(rng) };
}

/** The host (its `address:port` key) `lb` picks for `key` (null: no hash, the LB draws its own). */
export function pickKey(lb: LoadBalancer, ctx: LbContext, key: HashKey | null): string {
  ctx.reset();
  if (key !== null) ctx.setHash(key.hi, key.lo);
  const h = lb.chooseHost(ctx);
  if (h === null) throw new Error('the balancer picked no host from a non-empty host set');
  return h.key;
}

export interface FairnessOptions {
  /** Picks per run (default 2000). */
  picks?: number;
  /** Largest allowed |observed share - weight share| for any host (default 0.1). */
  tolerance?: number;
  /** The host sets drawn (healthy hosts only; default 1 to 8 hosts, weights 1 to 4). */
  hosts?: HostSetOptions;
  /** Give every pick a random hash (for Maglev and ring hash; default true). */
  hashed?: boolean;
}

/** Over N picks each host's share is within `tolerance` of its weight's share. */
export function fairnessProperty(config: LbConfig, options: FairnessOptions = {}) {
  const { picks = 2000, tolerance = 0.1, hashed = true } = options;
  const hosts = hostSetArb({ minHosts: 1, maxHosts: 8, maxWeight: 4, ...options.hosts, health: false });
  return fc.property(hosts, seedArb(), (specs, seed) => {
    const { lb, ctx } = balancerFor(config, specs, seed);
    const keys = new RngRoot(seed).fork('gwsim-testing/keys');
    const counts = new Map<string, number>();
    for (let i = 0; i < picks; i++) {
      const key = pickKey(lb, ctx, hashed ? { hi: keys.u32(), lo: keys.u32() } : null);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = specs.reduce((s, h) => s + h.weight, 0);
    for (const h of specs) {
      const key = `${h.address}:${h.port}`;
      const observed = (counts.get(key) ?? 0) / picks;
      const expected = h.weight / total;
      check(
        Math.abs(observed - expected) <= tolerance,
        () =>
          `${config.policy}: ${key} (weight ${h.weight}) got ${observed.toFixed(3)} of ${picks} picks, expected ${expected.toFixed(3)} ± ${tolerance}`,
      );
    }
  });
}

/** While the host set is unchanged, every request with the same hash goes to the same host (hashing policies). */
export function stickinessProperty(config: LbConfig, hosts: HostSetOptions = {}) {
  return fc.property(hostSetArb({ ...hosts, health: false }), requestStreamArb(), (specs, stream) => {
    const { lb, ctx } = balancerFor(config, specs);
    const seen = new Map<number, string>();
    for (const r of stream) {
      const key = pickKey(lb, ctx, r.key);
      const before = seen.get(r.user);
      check(
        before === undefined || before === key,
        () => `${config.policy}: user ${r.user} moved from ${before} to ${key}`,
      );
      seen.set(r.user, key);
    }
  });
}

export interface DisruptionOptions {
  /** At most this many times 1/N of the keys may move when one of N hosts goes (default 2.5). */
  factor?: number;
  /** Hash keys sampled per run (default 500). */
  keys?: number;
  hosts?: HostSetOptions;
}

/**
 * Removing one of N hosts moves only the keys it had, plus a little: the keys that move are at most `factor`/N of all,
 * and no key stays on the removed host.
 */
export function minimalDisruptionProperty(config: LbConfig, options: DisruptionOptions = {}) {
  const { factor = 2.5, keys: k = 500 } = options;
  const hosts = hostSetArb({ minHosts: 3, maxHosts: 20, ...options.hosts, health: false });
  return fc.property(hosts, fc.nat(), fc.array(hashKeyArb(), { minLength: k, maxLength: k }), (specs, r, keys) => {
    const removed = specs[r % specs.length];
    const removedKey = `${removed.address}:${removed.port}`;
    const a = balancerFor(config, specs);
    const b = balancerFor(
      config,
      specs.filter((h) => h !== removed),
    );
    let moved = 0;
    for (const key of keys) {
      const before = pickKey(a.lb, a.ctx, key);
      const after = pickKey(b.lb, b.ctx, key);
      check(after !== removedKey, () => `${config.policy}: a key stayed on the removed host ${removedKey}`);
      if (before !== after) moved++;
    }
    const bound = factor / specs.length;
    check(
      moved / keys.length <= bound,
      () =>
        `${config.policy}: removing 1 of ${specs.length} hosts moved ${moved} of ${keys.length} keys (bound ${bound.toFixed(3)})`,
    );
  });
}

/** Host sets with priorities and health as Envoy's priority levels (P0 always present). */
export function levelsOf(specs: readonly HostSpec[]): PriorityLevel[] {
  const top = specs.reduce((m, h) => Math.max(m, h.priority), 0);
  return Array.from({ length: top + 1 }, (_, p) => {
    const at = specs.filter((h) => h.priority === p);
    const healthy = at.filter((h) => h.health === 'healthy').length;
    const degraded = at.filter((h) => h.health === 'degraded').length;
    return { hosts: at.length, healthy, degraded, excluded: 0 };
  });
}

/**
 * Spill-over under failures (Envoy's priority load): the levels' loads add up to 100 %; a level healthy enough
 * (overprovisioned healthy share >= 100 %) keeps every request above it from spilling; and failing one more P0 host
 * never raises P0's share.
 */
export function spillOverProperty(options: PriorityLoadOptions = {}) {
  const hosts = hostSetArb({ minHosts: 1, maxHosts: 12, health: true, priorities: 3 });
  const opf = options.overprovisioningFactor ?? 140;
  return fc.property(hosts, (specs) => {
    const levels = levelsOf(specs);
    const load = computePriorityLoad(levels, options);
    const sum = load.healthyLoad.reduce((s, x) => s + x, 0) + load.degradedLoad.reduce((s, x) => s + x, 0);
    check(sum === 100, () => `loads add up to ${sum} %, not 100 %: ${JSON.stringify(load)}`);
    const p0 = levels[0];
    if (p0.hosts > 0 && opf * p0.healthy >= 100 * p0.hosts)
      check(load.healthyLoad[0] === 100, () => `P0 is healthy enough but keeps ${load.healthyLoad[0]} %`);
    const i = specs.findIndex((h) => h.priority === 0 && h.health !== 'unhealthy');
    if (i >= 0) {
      const worse = specs.map((h, j) => (j === i ? { ...h, health: 'unhealthy' as const } : h));
      const after = computePriorityLoad(levelsOf(worse), options);
      const share = (l: typeof load) => l.healthyLoad[0] + l.degradedLoad[0];
      check(
        share(after) <= share(load),
        () => `failing a P0 host raised P0's share from ${share(load)} to ${share(after)} %`,
      );
    }
  });
}

/**
 * The ejection bound (Envoy's max_ejection_percent, current rule): at most floor(N x percent / 100) of N hosts are
 * ejected at once, or one with always_eject_one_host.
 */
export function ejectionBoundProperty(alwaysEjectOneHost = false) {
  return fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 100 }), (hosts, percent) => {
    const n = maxSimultaneouslyEjected(hosts, (e) => ejectionAllowed(e, hosts, percent, alwaysEjectOneHost));
    const bound = Math.floor((hosts * percent) / 100);
    check(
      n <= Math.max(bound, alwaysEjectOneHost ? 1 : 0),
      () => `${n} of ${hosts} hosts ejectable under ${percent} % (bound ${bound})`,
    );
  });
}
