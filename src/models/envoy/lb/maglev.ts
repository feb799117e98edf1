// Envoy's Maglev LB (source/extensions/load_balancing_policies/maglev/maglev_lb.cc; Eisenbud et al., NSDI 2016,
// listing 1). Owns the lookup table (built once, shared by all workers) and lookup. hash_balance_factor not modelled.
import type { Host } from './host.js';
import { ThreadAwareLoadBalancer } from './thread-aware.js';
import { normalizeWeights } from './normalize-weights.js';
import { xxHash64 } from '../hash/xxhash64.js';
import { compareUtf8 } from '../hash/utf8-order.js';
import { mod64 } from '../../../sim/mod64.js';

/** Envoy's MaglevTable::DefaultTableSize (prime). */
export const DEFAULT_TABLE_SIZE = 65537;

export interface MaglevOptions {
  tableSize?: number;
  localityWeights?: ReadonlyMap<string, number>;
}

export interface MaglevStats {
  minEntriesPerHost: number;
  maxEntriesPerHost: number;
}

/**
 * Build rule: sort hosts by key bytes (Envoy >= 1.27); offset = XXH64(key, 0) % T, skip = XXH64(key, 1) % (T-1) + 1;
 * for iteration = 1, 2, ... visit hosts in sorted order, skipping a host while iteration * w < target; otherwise
 * target += maxW and place the host at the first empty slot of (offset + skip * next) % T (next advances past every
 * probe); stop the moment the table is full. Average O(T log T). Lookup: table[h % T], retry attempt k first does
 * h ^= 2^64 - k. O(1), allocation-free (mod64 on the two halves).
 */
export class MaglevTable {
  /** Host index (into `hosts`) per slot. */
  readonly table: Int32Array;
  readonly hosts: Host[];
  readonly stats: MaglevStats;

  private constructor(
    readonly tableSize: number,
    hosts: Host[],
    table: Int32Array,
    stats: MaglevStats,
  ) {
    this.hosts = hosts;
    this.table = table;
    this.stats = stats;
  }

  static build(hostList: readonly Host[], options: MaglevOptions = {}): MaglevTable {
    const T = options.tableSize ?? DEFAULT_TABLE_SIZE;
    const norm = normalizeWeights(hostList, options.localityWeights);
    const n = norm.hosts.length;
    if (n === 0) return new MaglevTable(T, [], new Int32Array(0), { minEntriesPerHost: 0, maxEntriesPerHost: 0 });
    // Ties on equal keys fall back to input order (Envoy breaks them by pointer value, i.e. arbitrarily).
    const order = Array.from(norm.hosts.keys()).sort(
      (a, b) => compareUtf8(norm.hosts[a].key, norm.hosts[b].key) || a - b,
    );
    const hosts = order.map((i) => norm.hosts[i]);
    const weights = new Float64Array(order.map((i) => norm.weights[i]));
    const bigT = BigInt(T);
    const offsets = new Float64Array(n);
    const skips = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      offsets[i] = Number(xxHash64(hosts[i].key, 0n) % bigT);
      skips[i] = Number(xxHash64(hosts[i].key, 1n) % (bigT - 1n)) + 1;
    }
    const table = new Int32Array(T).fill(-1);
    const next = new Float64Array(n);
    const target = new Float64Array(n);
    const count = new Float64Array(n);
    const maxW = norm.maxWeight;
    let filled = 0;
    for (let iteration = 1; filled < T; iteration++) {
      for (let i = 0; i < n && filled < T; i++) {
        if (iteration * weights[i] < target[i]) continue;
        target[i] += maxW;
        let c = (offsets[i] + ((skips[i] * next[i]) % T)) % T;
        while (table[c] !== -1) {
          next[i]++;
          c = (offsets[i] + ((skips[i] * next[i]) % T)) % T;
        }
        table[c] = i;
        next[i]++;
        count[i]++;
        filled++;
      }
    }
    let minE = T;
    let maxE = 0;
    for (let i = 0; i < n; i++) {
      minE = Math.min(minE, count[i]);
      maxE = Math.max(maxE, count[i]);
    }
    // Newest Envoy keeps a one-entry table for a single host, so its stats say 1/1 (maglev_lb_test SingleHost).
    const stats =
      n === 1 ? { minEntriesPerHost: 1, maxEntriesPerHost: 1 } : { minEntriesPerHost: minE, maxEntriesPerHost: maxE };
    return new MaglevTable(T, hosts, table, stats);
  }

  /** Entries per host, in `hosts` order. */
  entriesPerHost(): number[] {
    const counts = new Array<number>(this.hosts.length).fill(0);
    for (let i = 0; i < this.table.length; i++) counts[this.table[i]]++;
    return counts;
  }

  slotOf(hi: number, lo: number): { what: 'table slot'; index: number; of: number } {
    return { what: 'table slot', index: mod64(hi, lo, this.tableSize), of: this.tableSize };
  }

  chooseHost(hi: number, lo: number, attempt: number): Host | null {
    if (this.hosts.length === 0) return null;
    if (attempt > 0) {
      // -attempt as a uint64: high word all ones (attempt < 2^32), low word 2^32 - attempt.
      hi = (hi ^ 0xffffffff) >>> 0;
      lo = (lo ^ ((0x100000000 - attempt) >>> 0)) >>> 0;
    }
    return this.hosts[this.table[mod64(hi, lo, this.tableSize)]];
  }
}

/** Maglev as a thread-aware LB: the table is built once per host-set change and every worker picks from it. */
export class MaglevLoadBalancer extends ThreadAwareLoadBalancer<MaglevTable> {
  readonly policy = 'Maglev' as const;

  protected build(hosts: readonly Host[]): MaglevTable {
    return MaglevTable.build(hosts, this.config);
  }
}
