// A bounded map from a key string to its 64-bit hash result, so per-request hashing allocates nothing once warm.
// Owns storage and eviction only; what is hashed and how is the caller's business.
//
// Why a cache: xxhash-wasm returns a BigInt per call (an allocation) and copies the string into wasm memory. Simulated
// clients reuse a small set of header values, cookie headers and source IPs, so a Map lookup on the string the request
// already carries answers almost every request without allocating. The bound keeps memory flat under adversarial key
// streams: when full, the cache is cleared wholesale (deterministic, O(1) amortised) rather than tracking recency.

export const DEFAULT_HASH_CACHE_CAPACITY = 65536;

export class HashCache {
  private readonly slots = new Map<string, number>();
  private readonly his: Uint32Array;
  private readonly los: Uint32Array;
  private readonly present: Uint8Array;
  private used = 0;

  constructor(readonly capacity: number = DEFAULT_HASH_CACHE_CAPACITY) {
    this.his = new Uint32Array(capacity);
    this.los = new Uint32Array(capacity);
    this.present = new Uint8Array(capacity);
  }

  /** The slot holding `key`, or -1. */
  find(key: string): number {
    const s = this.slots.get(key);
    return s === undefined ? -1 : s;
  }

  /** Remembers a result (`hasHash` false records "this key yields no hash"); returns its slot. */
  store(key: string, hasHash: boolean, hi: number, lo: number): number {
    if (this.used === this.capacity) {
      this.slots.clear();
      this.used = 0;
    }
    const s = this.used++;
    this.his[s] = hi >>> 0;
    this.los[s] = lo >>> 0;
    this.present[s] = hasHash ? 1 : 0;
    this.slots.set(key, s);
    return s;
  }

  hasHash(slot: number): boolean {
    return this.present[slot] === 1;
  }

  hi(slot: number): number {
    return this.his[slot];
  }

  lo(slot: number): number {
    return this.los[slot];
  }

  get size(): number {
    return this.slots.size;
  }
}
