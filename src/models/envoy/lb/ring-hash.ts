// Envoy's ring-hash (ketama) LB (source/extensions/load_balancing_policies/ring_hash/ring_hash_lb.cc).
// Owns ring construction (built once, shared by all workers) and lookup; the request hash comes from the hash policy.
// hash_balance_factor (bounded load) is not modelled.
import type { Host } from './host.js';
import { ThreadAwareLoadBalancer } from './thread-aware.js';
import type { RingHashFunction } from './load-balancer.js';
import { normalizeWeights } from './normalize-weights.js';
import { xxHash64 } from '../hash/xxhash64.js';
import { murmurHash2, STD_HASH_SEED } from '../hash/murmur2.js';
import { hiOf, loOf } from '../hash/u64.js';

/** Envoy's defaults: minimum_ring_size 1024, maximum_ring_size 8M (ring_hash_lb.h). */
export const DEFAULT_MIN_RING_SIZE = 1024;
export const DEFAULT_MAX_RING_SIZE = 8 * 1024 * 1024;

export interface RingHashOptions {
  minimumRingSize?: number;
  maximumRingSize?: number;
  hashFunction?: RingHashFunction;
  localityWeights?: ReadonlyMap<string, number>;
}

export interface RingStats {
  /** ceil(scale): Envoy's `size` gauge. */
  size: number;
  minHashesPerHost: number;
  maxHashesPerHost: number;
}

/**
 * Build rule: scale = min(ceil(minW * minRing) / minW, maxRing); walking hosts in order with running doubles
 * target += scale * w_i and, while current < target, add entry hash(`${key}_${j}`) for j = 0, 1, ... (current += 1);
 * sort by hash. XXH64 seed 0, or libstdc++ MurmurHash2 seed 0xc70f6907. O(R log R) for R entries.
 * Lookup rule: the first entry with position >= h, wrapping to entry 0 (ketama's get_server); retry attempt k
 * uses entry (index + k) % R. O(log R), allocation-free: positions live in two Uint32Arrays.
 */
export class RingHashTable {
  readonly hashHi: Uint32Array;
  readonly hashLo: Uint32Array;
  readonly hostIndex: Int32Array;
  readonly hosts: Host[];
  readonly stats: RingStats;

  private constructor(hosts: Host[], hi: Uint32Array, lo: Uint32Array, idx: Int32Array, stats: RingStats) {
    this.hosts = hosts;
    this.hashHi = hi;
    this.hashLo = lo;
    this.hostIndex = idx;
    this.stats = stats;
  }

  get length(): number {
    return this.hostIndex.length;
  }

  static build(hostList: readonly Host[], options: RingHashOptions = {}): RingHashTable {
    const minRing = options.minimumRingSize ?? DEFAULT_MIN_RING_SIZE;
    const maxRing = options.maximumRingSize ?? DEFAULT_MAX_RING_SIZE;
    const murmur = options.hashFunction === 'MURMUR_HASH_2';
    const norm = normalizeWeights(hostList, options.localityWeights);
    if (norm.hosts.length === 0)
      return new RingHashTable([], new Uint32Array(0), new Uint32Array(0), new Int32Array(0), {
        size: 0,
        minHashesPerHost: 0,
        maxHashesPerHost: 0,
      });
    const minW = norm.minWeight;
    const scale = Math.min(Math.ceil(minW * minRing) / minW, maxRing);
    const ringSize = Math.ceil(scale);
    const his: number[] = [];
    const los: number[] = [];
    const owners: number[] = [];
    let current = 0.0;
    let target = 0.0;
    let minHashes = ringSize;
    let maxHashes = 0;
    for (let h = 0; h < norm.hosts.length; h++) {
      const prefix = norm.hosts[h].key + '_';
      target += scale * norm.weights[h];
      let i = 0;
      while (current < target) {
        const v = murmur ? murmurHash2(prefix + i, STD_HASH_SEED) : xxHash64(prefix + i);
        his.push(hiOf(v));
        los.push(loOf(v));
        owners.push(h);
        i++;
        current += 1;
      }
      minHashes = Math.min(i, minHashes);
      maxHashes = Math.max(i, maxHashes);
    }
    const order = Array.from(owners.keys()).sort((a, b) => his[a] - his[b] || los[a] - los[b] || owners[a] - owners[b]);
    const hi = new Uint32Array(order.length);
    const lo = new Uint32Array(order.length);
    const idx = new Int32Array(order.length);
    order.forEach((src, dst) => {
      hi[dst] = his[src];
      lo[dst] = los[src];
      idx[dst] = owners[src];
    });
    return new RingHashTable(norm.hosts, hi, lo, idx, {
      size: ringSize,
      minHashesPerHost: minHashes,
      maxHashesPerHost: maxHashes,
    });
  }

  /** Ring index for hash (hi, lo): lower bound with wrap. */
  indexOf(hi: number, lo: number): number {
    let a = 0;
    let b = this.hashHi.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      const mh = this.hashHi[m];
      if (mh < hi || (mh === hi && this.hashLo[m] < lo)) a = m + 1;
      else b = m;
    }
    return a === this.hashHi.length ? 0 : a;
  }

  slotOf(hi: number, lo: number): { what: 'ring entry'; index: number; of: number } {
    return { what: 'ring entry', index: this.indexOf(hi, lo), of: this.hostIndex.length };
  }

  chooseHost(hi: number, lo: number, attempt: number): Host | null {
    const n = this.hostIndex.length;
    if (n === 0) return null;
    let i = this.indexOf(hi, lo);
    if (attempt > 0) i = (i + attempt) % n;
    return this.hosts[this.hostIndex[i]];
  }
}

/** RingHash as a thread-aware LB: the table is built once per host-set change and every worker picks from it. */
export class RingHashLoadBalancer extends ThreadAwareLoadBalancer<RingHashTable> {
  readonly policy = 'RingHash' as const;

  protected build(hosts: readonly Host[]): RingHashTable {
    return RingHashTable.build(hosts, this.config);
  }
}
