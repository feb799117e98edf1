// A speaker's routing table: BGP paths per prefix, BIRD's best-path order, `merge paths` (ECMP) next-hop sets, and the
// kernel FIB's longest-prefix match with Linux's hash-threshold multipath choice. Owns route selection; sessions are fabric.ts's.
import type { SimTime } from '../../sim/time.js';
import type { Prefix } from '../net/address.js';
import { maskOf, prefixKey } from '../net/address.js';

/** One route learned from one peer. */
export interface BgpPath {
  readonly prefix: Prefix;
  /** The peer's protocol name on this speaker (birdc's name column), e.g. `worker1`. */
  readonly protocol: string;
  /** Name of the peer speaker (node or router). */
  readonly peer: string;
  readonly nextHop: number;
  readonly routerId: number;
  readonly neighbourAddress: number;
  readonly localPref: number;
  readonly asPathLength: number;
  /** 0 IGP, 1 EGP, 2 incomplete. */
  readonly origin: number;
  readonly med: number;
  readonly neighbourAs: number;
  readonly ebgp: boolean;
  readonly igpMetric: number;
  /** Kept after the peer's session dropped, under graceful restart (RFC 4724). */
  stale: boolean;
  readonly since: SimTime;
}

/**
 * BIRD 1.6's order (bird-calico:proto/bgp/attrs.c `bgp_rte_better`): not stale > higher local-pref > shorter AS path >
 * lower origin > lower MED (same neighbour AS) > eBGP over iBGP > lower IGP metric > lower router ID > lower neighbour
 * address. Negative when `a` is better. O(1).
 */
export function comparePaths(a: BgpPath, b: BgpPath): number {
  if (a.stale !== b.stale) return a.stale ? 1 : -1;
  if (a.localPref !== b.localPref) return b.localPref - a.localPref;
  if (a.asPathLength !== b.asPathLength) return a.asPathLength - b.asPathLength;
  if (a.origin !== b.origin) return a.origin - b.origin;
  if (a.neighbourAs === b.neighbourAs && a.med !== b.med) return a.med - b.med;
  if (a.ebgp !== b.ebgp) return a.ebgp ? -1 : 1;
  if (a.igpMetric !== b.igpMetric) return a.igpMetric - b.igpMetric;
  if (a.routerId !== b.routerId) return a.routerId - b.routerId;
  return a.neighbourAddress - b.neighbourAddress;
}

/** BIRD's `bgp_rte_mergable` (attrs.c): same local-pref, AS-path length, origin, MED, eBGP-ness, IGP metric and staleness. */
export function mergeable(best: BgpPath, other: BgpPath): boolean {
  return (
    best.stale === other.stale &&
    best.localPref === other.localPref &&
    best.asPathLength === other.asPathLength &&
    best.origin === other.origin &&
    best.med === other.med &&
    best.ebgp === other.ebgp &&
    best.igpMetric === other.igpMetric
  );
}

/** BIRD's kernel protocol `merge paths on` limit default (bird.sgml `krt-merge-paths`: "limit 16"). */
export const MERGE_PATHS_LIMIT = 16;

/** One kernel route: a prefix and its next hops (one without ECMP). */
export interface FibRoute {
  readonly prefix: Prefix;
  readonly mask: number;
  /** Next hops, ascending by address (BIRD keeps multipath next-hop lists sorted by gateway). */
  readonly nextHops: readonly BgpPath[];
  /** Per-next-hop upper bounds of the 31-bit hash space (Linux fib_select_multipath hash-threshold, RFC 2992). */
  readonly upperBounds: Int32Array;
}

export class Rib {
  /** prefix key -> paths, best first. */
  private readonly table = new Map<string, BgpPath[]>();
  private fib: FibRoute[] = [];

  constructor(
    /** Kernel protocol `merge paths on` (ECMP). Off in plain BIRD 1.6, on in Calico's template (reference 1.7). */
    readonly mergePaths: boolean,
    readonly mergeLimit = MERGE_PATHS_LIMIT,
  ) {}

  /** Adds or replaces the path from `path.protocol` for its prefix. */
  upsert(path: BgpPath): void {
    const key = prefixKey(path.prefix);
    const paths = (this.table.get(key) ?? []).filter((p) => p.protocol !== path.protocol);
    paths.push(path);
    paths.sort(comparePaths);
    this.table.set(key, paths);
    this.rebuildFib();
  }

  /** Removes the path from `protocol` for `prefix`; returns it, or undefined. */
  remove(prefix: Prefix, protocol: string): BgpPath | undefined {
    const key = prefixKey(prefix);
    const paths = this.table.get(key);
    if (paths === undefined) return undefined;
    const i = paths.findIndex((p) => p.protocol === protocol);
    if (i < 0) return undefined;
    const [gone] = paths.splice(i, 1);
    if (paths.length === 0) this.table.delete(key);
    this.rebuildFib();
    return gone;
  }

  /** All paths from one protocol (peer), optionally only stale ones. */
  pathsFrom(protocol: string, onlyStale = false): BgpPath[] {
    const out: BgpPath[] = [];
    for (const paths of this.table.values())
      for (const p of paths) if (p.protocol === protocol && (!onlyStale || p.stale)) out.push(p);
    return out;
  }

  /** Re-sorts after a staleness change. */
  resort(): void {
    for (const paths of this.table.values()) paths.sort(comparePaths);
    this.rebuildFib();
  }

  /** Paths for a prefix, best first (BIRD's `show route` order). */
  paths(prefix: Prefix): readonly BgpPath[] {
    return this.table.get(prefixKey(prefix)) ?? [];
  }

  /** Every prefix with its paths, in ascending (address, length) order. */
  entries(): { prefix: Prefix; paths: readonly BgpPath[] }[] {
    const out = [...this.table.values()].map((paths) => ({ prefix: paths[0].prefix, paths }));
    out.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
    return out;
  }

  /** Kernel routes, longest prefix first. */
  fibRoutes(): readonly FibRoute[] {
    return this.fib;
  }

  /** Longest-prefix match in the kernel FIB, or null. O(routes), allocation-free. */
  lookup(dst: number): FibRoute | null {
    const f = this.fib;
    for (let i = 0; i < f.length; i++) if ((dst & f[i].mask) >>> 0 === f[i].prefix.addr) return f[i];
    return null;
  }

  private rebuildFib(): void {
    const fib: FibRoute[] = [];
    for (const paths of this.table.values()) {
      const best = paths[0];
      const hops = this.mergePaths ? paths.filter((p) => mergeable(best, p)).slice(0, this.mergeLimit) : [best];
      hops.sort((a, b) => a.nextHop - b.nextHop);
      fib.push({
        prefix: best.prefix,
        mask: maskOf(best.prefix.len),
        nextHops: hops,
        upperBounds: upperBounds(hops.length),
      });
    }
    fib.sort((a, b) => b.prefix.len - a.prefix.len || a.prefix.addr - b.prefix.addr);
    this.fib = fib;
  }
}

/** Equal-weight hash-threshold bounds: next hop i owns hashes up to ((i+1) << 31) / n - 1 (Linux fib_rebalance). */
function upperBounds(n: number): Int32Array {
  const ub = new Int32Array(n);
  for (let i = 0; i < n; i++) ub[i] = Math.round(((i + 1) * 2147483648) / n) - 1;
  return ub;
}

/**
 * Linux multipath choice (net.ipv4.fib_multipath_hash_policy): 0 (default) hashes source and destination address, 1 adds
 * protocol and ports (kernel commit bf4e0a3db97e). The kernel's own hash function (jhash/siphash with a boot-time key) is not
 * reproducible, so gwsim uses a fixed 32-bit mix with the same inputs: deterministic per flow, uniform over flows. The 31-bit
 * hash is then mapped by hash-threshold as fib_select_multipath does. O(next hops), allocation-free.
 */
export function selectNextHop(
  route: FibRoute,
  src: number,
  dst: number,
  hashPolicy: 0 | 1 = 0,
  srcPort = 0,
  dstPort = 0,
  proto = 6,
): BgpPath {
  const n = route.nextHops.length;
  if (n === 1) return route.nextHops[0];
  let h = mix32(src ^ 0x9e3779b9);
  h = mix32(h ^ dst);
  if (hashPolicy === 1) h = mix32(h ^ (((srcPort & 0xffff) << 16) | (dstPort & 0xffff)) ^ (proto << 8));
  const h31 = h >>> 1;
  const ub = route.upperBounds;
  for (let i = 0; i < n; i++) if (h31 <= ub[i]) return route.nextHops[i];
  return route.nextHops[n - 1];
}

/** MurmurHash3's 32-bit finalizer (public-domain avalanche mix). */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
