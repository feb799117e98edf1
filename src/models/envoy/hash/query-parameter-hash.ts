// The `query_parameter` hash method (source/common/http/hash_policy.cc, QueryParameterHashMethod).
// Owns finding the first value of one parameter in :path; no percent-decoding, as Envoy's parseQueryString does none.
import type { HashMethod, HashRequest, HashScratch, HashTarget } from './hash-request.js';
import { HashCache } from './hash-cache.js';
import { xxHash64 } from './xxhash64.js';
import { hiOf, loOf } from './u64.js';

/** First value of `name` in the query string of `path` (`k=v` or bare `k` -> ''), or null when absent. O(len). */
export function firstQueryValue(path: string, name: string): string | null {
  const q = path.indexOf('?');
  if (q < 0) return null;
  let start = q + 1;
  while (start <= path.length) {
    let end = path.indexOf('&', start);
    if (end < 0) end = path.length;
    if (end > start) {
      const eq = path.indexOf('=', start);
      if (eq >= 0 && eq < end) {
        if (eq - start === name.length && path.startsWith(name, start)) return path.slice(eq + 1, end);
      } else if (end - start === name.length && path.startsWith(name, start)) {
        return '';
      }
    }
    start = end + 1;
  }
  return null;
}

/** Rule: XXH64 of the first value of the parameter; absent -> no hash. Cached per distinct :path. */
export class QueryParameterHashMethod implements HashMethod {
  private readonly cache = new HashCache();

  constructor(
    readonly parameterName: string,
    readonly terminal = false,
  ) {}

  evaluate(request: HashRequest, scratch: HashScratch, _target: HashTarget): boolean {
    const path = request.path;
    let slot = this.cache.find(path);
    if (slot < 0) {
      const v = firstQueryValue(path, this.parameterName);
      if (v === null) slot = this.cache.store(path, false, 0, 0);
      else {
        const h = xxHash64(v);
        slot = this.cache.store(path, true, hiOf(h), loOf(h));
      }
    }
    if (!this.cache.hasHash(slot)) return false;
    scratch.hi = this.cache.hi(slot);
    scratch.lo = this.cache.lo(slot);
    return true;
  }
}
