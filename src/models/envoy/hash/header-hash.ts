// The `header` hash method: XXH64 of a request header's values (source/common/http/hash_policy.cc, HeaderHashMethod).
// Owns value ordering and the chained hash; regex_rewrite is not modelled (Envoy Gateway never sets it).
import type { HashMethod, HashRequest, HashScratch, HashTarget } from './hash-request.js';
import { HashCache } from './hash-cache.js';
import { xxHash64, xxHash64Chain } from './xxhash64.js';
import { hiOf, loOf } from './u64.js';
import { compareUtf8 } from './utf8-order.js';

/**
 * Rule: absent header -> no hash; else sort all values byte-wise and chain XXH64 through them (h = XXH64(v, h), h0 = 0),
 * so one value hashes to XXH64(value) and the order of repeated headers does not matter. O(k log k) for k values.
 * Single values (the common case) hit a HashCache keyed by the value: allocation-free once warm.
 */
export class HeaderHashMethod implements HashMethod {
  private readonly cache = new HashCache();

  constructor(
    readonly headerName: string,
    readonly terminal = false,
  ) {
    this.headerName = headerName.toLowerCase();
  }

  evaluate(request: HashRequest, scratch: HashScratch, _target: HashTarget): boolean {
    const values = request.headerValues(this.headerName);
    if (values === undefined || values.length === 0) return false;
    if (values.length === 1) {
      const v = values[0];
      let slot = this.cache.find(v);
      if (slot < 0) {
        const h = xxHash64(v);
        slot = this.cache.store(v, true, hiOf(h), loOf(h));
      }
      scratch.hi = this.cache.hi(slot);
      scratch.lo = this.cache.lo(slot);
      return true;
    }
    // Several values: rare (repeated header lines), so the sorted copy and BigInt chain are acceptable here.
    const h = xxHash64Chain([...values].sort(compareUtf8));
    scratch.hi = hiOf(h);
    scratch.lo = loOf(h);
    return true;
  }
}
