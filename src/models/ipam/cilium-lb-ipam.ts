// Cilium LB-IPAM: CiliumLoadBalancerIPPools (blocks as cidr or start/stop ranges), service selectors, allowFirstLastIPs,
// overlap conflicts, and the allocation order. One instance lives as long as the cluster: a Service keeps its address
// until it is deleted or the address stops being valid for it. Owns which Service gets which IP; announcing it is
// l2/'s (or BGP's) job.
import { InputError } from '../../sim/input-error.js';
import { formatIpv4, parseCidr, parseIpv4 } from '../net/address.js';
import type { LabelSelector } from '../net/label-selector.js';
import { selectorMatches } from '../net/label-selector.js';

/** One entry of spec.blocks (v1.13 name: spec.cidrs): a CIDR, or a start[-stop] range. */
export type CiliumLbBlock = { readonly cidr: string } | { readonly start: string; readonly stop?: string };

/** A resolved cilium.io/v2alpha1 CiliumLoadBalancerIPPool. */
export interface CiliumLbIpPoolConfig {
  readonly name: string;
  readonly blocks: readonly CiliumLbBlock[];
  readonly serviceSelector?: LabelSelector;
  readonly disabled?: boolean;
  /** Absent: the version default (see CILIUM_ALLOW_FIRST_LAST_DEFAULT). Applies to CIDRs only, never to start/stop ranges. */
  readonly allowFirstLastIPs?: boolean;
}

export interface CiliumLbIpamConfig {
  /** In creation order: on overlap the later pool is the conflicting one. */
  readonly pools: readonly CiliumLbIpPoolConfig[];
  /** Cilium [major, minor]; default [1, 16]. */
  readonly ciliumVersion?: readonly [number, number];
}

export interface CiliumLbServiceRequest {
  /** `namespace/name`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly loadBalancerClass?: string;
  /** `lbipam.cilium.io/ips` (old `io.cilium/lb-ipam-ips`) or spec.loadBalancerIP. */
  readonly requestedIPs?: readonly string[];
}

export interface CiliumLbAllocation {
  readonly ip: string | null;
  readonly pool?: string;
  readonly reason?: string;
}

/**
 * allowFirstLastIPs default: No up to v1.15, Yes from v1.16 (cilium:Documentation/network/lb-ipam.rst, reference 2.1).
 */
export function ciliumAllowFirstLastDefault(version: readonly [number, number]): boolean {
  return version[0] > 1 || version[1] >= 16;
}

/** Classes LB-IPAM serves besides "no class" (lb-ipam.rst; defaultLBServiceIPAM=lbipam). */
export const CILIUM_LB_CLASSES: readonly string[] = ['io.cilium/l2-announcer', 'io.cilium/bgp-control-plane'];

interface Range {
  readonly first: number;
  readonly last: number;
  /** Allocated addresses (sorted). */
  readonly used: number[];
}

interface Pool {
  cfg: CiliumLbIpPoolConfig;
  ranges: Range[];
  conflicting: boolean;
}

export class CiliumLbIpam {
  private pools: Pool[] = [];
  private readonly byService = new Map<string, { ip: number; pool: Pool; range: Range }>();
  private readonly allowFirstLastDefault: boolean;

  constructor(config: CiliumLbIpamConfig) {
    this.allowFirstLastDefault = ciliumAllowFirstLastDefault(config.ciliumVersion ?? [1, 16]);
    this.setPools(config.pools);
  }

  /**
   * The pools changed (applied, edited, deleted), in creation order. A deleted pool, or a range gone from a pool, takes
   * its allocations with it; the next allocate() of those Services draws again (operator/pkg/lbipam/lbipam.go
   * handlePoolDeleted -> deleteRangeAllocations, then the Service is re-satisfied). A disabled pool keeps its
   * allocations and hands out no new ones (Documentation/network/lb-ipam.rst "Disabling a Pool"). A range unchanged
   * keeps its state.
   */
  setPools(configs: readonly CiliumLbIpPoolConfig[]): void {
    const next: Pool[] = [];
    for (const cfg of configs) {
      const object = `CiliumLoadBalancerIPPool/${cfg.name}`;
      const fresh = cfg.blocks.map((b, bi) =>
        toRange(b, cfg.allowFirstLastIPs ?? this.allowFirstLastDefault, object, `spec.blocks[${bi}]`),
      );
      const old = this.pools.find((p) => p.cfg.name === cfg.name);
      const ranges = fresh.map((r) => old?.ranges.find((o) => o.first === r.first && o.last === r.last) ?? r);
      // Overlap with an older pool that is not itself conflicting marks this one conflicting (lbipam.go
      // settleConflicts: condition cilium.io/PoolConflict, reason cidr_overlap): it hands out nothing, its allocations
      // stay.
      const conflicting = next.some(
        (p) => !p.conflicting && p.ranges.some((r) => ranges.some((q) => q.first <= r.last && r.first <= q.last)),
      );
      if (old !== undefined) {
        old.cfg = cfg;
        old.ranges = ranges;
        old.conflicting = conflicting;
        next.push(old);
      } else next.push({ cfg, ranges, conflicting });
    }
    this.pools = next;
    for (const [key, v] of [...this.byService])
      if (!next.includes(v.pool) || !v.pool.ranges.includes(v.range)) this.byService.delete(key);
  }

  /** The Services holding an address, in allocation order. */
  allocatedKeys(): IterableIterator<string> {
    return this.byService.keys();
  }

  /** Pools marked conflicting (allocate nothing). */
  conflictingPools(): string[] {
    return this.pools.filter((p) => p.conflicting).map((p) => p.cfg.name);
  }

  /**
   * Assigns an IP, or confirms the one the Service holds (handleUpsertService, run on every change). Rule: Services
   * with no class or an LB-IPAM class; pools that are enabled, not conflicting and whose serviceSelector matches the
   * labels plus the pseudo-labels io.kubernetes.service.namespace/name, in creation order, ranges in spec order; in a
   * range the lowest address of the smallest free run (cilium:pkg/ipalloc HashAllocator AllocAny: a fresh range gives
   * its first address, then the next; a freed hole, being the smallest run, is reused first). O(ranges x allocated) per
   * call.
   */
  allocate(req: CiliumLbServiceRequest): CiliumLbAllocation {
    const served = req.loadBalancerClass === undefined || CILIUM_LB_CLASSES.includes(req.loadBalancerClass);
    const labels = {
      ...req.labels,
      'io.kubernetes.service.namespace': req.namespace,
      'io.kubernetes.service.name': req.name,
    };
    const have = this.byService.get(req.key);
    if (have !== undefined) {
      // stripInvalidAllocations (lbipam.go): an address stays unless its pool no longer selects the Service or the
      // Service now requests other IPs; a disabled pool is no reason.
      const requested = req.requestedIPs ?? [];
      if (
        served &&
        selectorMatches(have.pool.cfg.serviceSelector, labels) &&
        (requested.length === 0 || requested.some((a) => parseIpv4(a, `Service/${req.key} requested IP`) === have.ip))
      )
        return { ip: formatIpv4(have.ip), pool: have.pool.cfg.name };
      this.release(req.key);
    }
    if (!served) return { ip: null, reason: `loadBalancerClass ${req.loadBalancerClass} is not served by LB-IPAM` };
    const pools = this.pools.filter(
      (p) => !p.cfg.disabled && !p.conflicting && selectorMatches(p.cfg.serviceSelector, labels),
    );
    if (pools.length === 0) return { ip: null, reason: 'no enabled CiliumLoadBalancerIPPool selects this Service' };
    if (req.requestedIPs !== undefined && req.requestedIPs.length > 0) {
      const addr = parseIpv4(req.requestedIPs[0], `Service/${req.key} annotation lbipam.cilium.io/ips`);
      for (const p of pools)
        for (const r of p.ranges)
          if (addr >= r.first && addr <= r.last) {
            if (r.used.includes(addr)) return { ip: null, reason: `${req.requestedIPs[0]} is already allocated` };
            insertSorted(r.used, addr);
            this.byService.set(req.key, { ip: addr, pool: p, range: r });
            return { ip: req.requestedIPs[0], pool: p.cfg.name };
          }
      return { ip: null, reason: `${req.requestedIPs[0]} is not in a pool that selects this Service` };
    }
    for (const p of pools)
      for (const r of p.ranges) {
        const addr = allocAny(r);
        if (addr >= 0) {
          insertSorted(r.used, addr);
          this.byService.set(req.key, { ip: addr, pool: p, range: r });
          return { ip: formatIpv4(addr), pool: p.cfg.name };
        }
      }
    return { ip: null, reason: 'pools exhausted' };
  }

  release(key: string): void {
    const have = this.byService.get(key);
    if (have === undefined) return;
    this.byService.delete(key);
    const u = have.range.used;
    u.splice(u.indexOf(have.ip), 1);
  }

  allocateAll(reqs: readonly CiliumLbServiceRequest[]): Map<string, CiliumLbAllocation> {
    const out = new Map<string, CiliumLbAllocation>();
    for (const r of reqs) out.set(r.key, this.allocate(r));
    return out;
  }

  ipOf(key: string): string | null {
    const have = this.byService.get(key);
    return have === undefined ? null : formatIpv4(have.ip);
  }
}

function toRange(b: CiliumLbBlock, allowFirstLast: boolean, object: string, field: string): Range {
  if ('cidr' in b) {
    const p = parseCidr(b.cidr, `${field}.cidr`);
    const size = 2 ** (32 - p.len);
    // First/last (network, broadcast) are skipped unless allowed; /31 and /32 always use every address (lb-ipam.rst).
    const skip = !allowFirstLast && p.len < 31;
    return { first: p.addr + (skip ? 1 : 0), last: p.addr + size - 1 - (skip ? 1 : 0), used: [] };
  }
  const first = parseIpv4(b.start, `${field}.start`);
  const last = b.stop === undefined ? first : parseIpv4(b.stop, `${field}.stop`);
  if (last < first)
    throw new InputError(`stop ${b.stop} is before start ${b.start}`, { object, field: `${field}.stop` });
  return { first, last, used: [] };
}

/** Lowest address of the smallest free run, or -1. `used` is sorted. */
function allocAny(r: Range): number {
  let best = -1;
  let bestLen = Infinity;
  let cursor = r.first;
  for (let i = 0; i <= r.used.length; i++) {
    const end = i < r.used.length ? r.used[i] - 1 : r.last;
    const len = end - cursor + 1;
    if (len > 0 && len < bestLen) {
      best = cursor;
      bestLen = len;
    }
    if (i < r.used.length) cursor = r.used[i] + 1;
  }
  return best;
}

function insertSorted(xs: number[], v: number): void {
  let i = xs.length;
  while (i > 0 && xs[i - 1] > v) i--;
  xs.splice(i, 0, v);
}
