// A route's list of hash methods combined into one request hash (source/common/http/hash_policy.cc, generateHash).
// Owns the combination rule and `terminal`; each method's own rule lives in its file. No hash -> the LB draws random().
import type { HashMethod, HashRequest, HashScratch, HashTarget } from './hash-request.js';

/**
 * Rule, in configuration order: a method that yields nothing is skipped; the first hash is taken as is; each later one
 * is folded in as h = rotl64(h, 1) XOR new (so duplicate methods do not cancel out); once a hash exists and the current
 * method is `terminal`, stop. O(methods). Allocation-free: the 64-bit rotate works on the two uint32 halves.
 */
export class HashPolicy {
  private readonly scratch: HashScratch = { hi: 0, lo: 0 };

  constructor(readonly methods: readonly HashMethod[]) {}

  /** Sets target.hasHash/hashHi/hashLo (and setCookie when a cookie was generated); returns target.hasHash. */
  generateHash(request: HashRequest, target: HashTarget): boolean {
    target.hasHash = false;
    target.setCookie = null;
    target.generatedCookie = null;
    let has = false;
    let hi = 0;
    let lo = 0;
    const s = this.scratch;
    for (let i = 0; i < this.methods.length; i++) {
      const m = this.methods[i];
      if (m.evaluate(request, s, target)) {
        if (has) {
          const rhi = ((hi << 1) | (lo >>> 31)) >>> 0;
          const rlo = ((lo << 1) | (hi >>> 31)) >>> 0;
          hi = (rhi ^ s.hi) >>> 0;
          lo = (rlo ^ s.lo) >>> 0;
        } else {
          hi = s.hi >>> 0;
          lo = s.lo >>> 0;
          has = true;
        }
      }
      if (m.terminal && has) break;
    }
    target.hasHash = has;
    target.hashHi = hi;
    target.hashLo = lo;
    return has;
  }
}
