// The `connection_properties.source_ip` hash method (source/common/http/hash_policy.cc, IpHashMethod).
// Owns hashing the downstream IP text; which address counts as "remote" (XFF trust) is the HTTP model's decision.
import type { HashMethod, HashRequest, HashScratch, HashTarget } from './hash-request.js';
import { HashCache } from './hash-cache.js';
import { xxHash64 } from './xxhash64.js';
import { hiOf, loOf } from './u64.js';

/** Rule: XXH64 of the remote IP without port (`10.0.0.1`, IPv6 unbracketed); non-IP or empty -> no hash. O(1) when cached. */
export class SourceIpHashMethod implements HashMethod {
  private readonly cache = new HashCache();

  constructor(readonly terminal = false) {}

  evaluate(request: HashRequest, scratch: HashScratch, _target: HashTarget): boolean {
    const ip = request.remoteIp;
    if (ip === null || ip.length === 0) return false;
    let slot = this.cache.find(ip);
    if (slot < 0) {
      const h = xxHash64(ip);
      slot = this.cache.store(ip, true, hiOf(h), loOf(h));
    }
    scratch.hi = this.cache.hi(slot);
    scratch.lo = this.cache.lo(slot);
    return true;
  }
}
