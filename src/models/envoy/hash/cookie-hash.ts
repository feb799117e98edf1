// The `cookie` hash method and Envoy's cookie generation (source/common/http/hash_policy.cc CookieHashMethod;
// thread_aware_lb_impl.cc generateCookie; source/common/http/utility.cc parseCookie, makeSetCookieValue; hex.cc).
// Owns parsing the Cookie header, generating a missing cookie and formatting Set-Cookie; the client's jar is not here.
import type { HashMethod, HashRequest, HashScratch, HashTarget } from './hash-request.js';
import { HashCache } from './hash-cache.js';
import { xxHash64 } from './xxhash64.js';
import { hiOf, loOf } from './u64.js';

export interface CookieAttribute {
  name: string;
  /** Empty -> the attribute is written bare (`; Secure`). */
  value: string;
}

export interface CookieHashConfig {
  name: string;
  /** Cookie lifetime in whole seconds; null = no ttl (then a missing cookie yields no hash). 0 = session cookie. */
  ttlSeconds: number | null;
  path: string;
  attributes: readonly CookieAttribute[];
  terminal: boolean;
}

/**
 * The value of cookie `name` in the Cookie header(s), as Envoy's parseCookie reads it: split each header on ';' (empty
 * pieces skipped), key = from the first non-space to the first '=', first matching key wins, one pair of surrounding
 * double quotes stripped. Returns null when no piece has that key. O(len).
 */
export function parseCookieValue(cookieHeaders: readonly string[] | undefined, name: string): string | null {
  if (cookieHeaders === undefined) return null;
  for (const header of cookieHeaders) {
    let start = 0;
    while (start <= header.length) {
      let end = header.indexOf(';', start);
      if (end < 0) end = header.length;
      if (end > start) {
        const eq = header.indexOf('=', start);
        if (eq >= 0 && eq < end) {
          let k = start;
          while (k < eq && header.charCodeAt(k) === 32) k++;
          if (eq - k === name.length && header.startsWith(name, k)) {
            let v = header.slice(eq + 1, end);
            if (v.length >= 2 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34)
              v = v.slice(1, v.length - 1);
            return v;
          }
        }
      }
      start = end + 1;
    }
  }
  return null;
}

/** Envoy's Hex::uint64ToHex: 16 lower-case hex digits, zero-padded. */
export function uint64ToHex(v: bigint): string {
  return v.toString(16).padStart(16, '0');
}

/** The cookie value Envoy generates for a connection: hex16(XXH64(remoteAddress + localAddress)), addresses as `ip:port`. */
export function generateCookieValue(remoteAddress: string, localAddress: string): string {
  return uint64ToHex(xxHash64(remoteAddress + localAddress));
}

/** Envoy's makeSetCookieValue with httponly = true: `name="value"[; Max-Age=ttl][; Path=p][; attr[=v]]...; HttpOnly`. */
export function makeSetCookieValue(
  name: string,
  value: string,
  path: string,
  ttlSeconds: number,
  attributes: readonly CookieAttribute[],
): string {
  let s = `${name}="${value}"`;
  if (ttlSeconds !== 0) s += `; Max-Age=${ttlSeconds}`;
  if (path.length > 0) s += `; Path=${path}`;
  for (const a of attributes) s += a.value.length === 0 ? `; ${a.name}` : `; ${a.name}=${a.value}`;
  return s + '; HttpOnly';
}

/**
 * Rule: cookie present and non-empty -> XXH64(value). Absent (or empty) with a ttl -> generate the value from the
 * connection's addresses, add Set-Cookie to the response, hash the generated value (so later requests carrying it hash
 * the same). Absent without ttl, or no addresses to generate from (newest Envoy) -> no hash.
 * Requests with a single Cookie header hit a cache keyed by that header string: allocation-free once warm. Generation
 * allocates, but happens once per client connection before the client stores the cookie.
 */
export class CookieHashMethod implements HashMethod {
  private readonly cache = new HashCache();
  readonly terminal: boolean;

  constructor(readonly config: CookieHashConfig) {
    this.terminal = config.terminal;
  }

  evaluate(request: HashRequest, scratch: HashScratch, target: HashTarget): boolean {
    const headers = request.headerValues('cookie');
    if (headers !== undefined && headers.length === 1) {
      const key = headers[0];
      let slot = this.cache.find(key);
      if (slot < 0) {
        const v = parseCookieValue(headers, this.config.name);
        if (v === null || v.length === 0) slot = this.cache.store(key, false, 0, 0);
        else {
          const h = xxHash64(v);
          slot = this.cache.store(key, true, hiOf(h), loOf(h));
        }
      }
      if (this.cache.hasHash(slot)) {
        scratch.hi = this.cache.hi(slot);
        scratch.lo = this.cache.lo(slot);
        return true;
      }
    } else if (headers !== undefined && headers.length > 1) {
      const v = parseCookieValue(headers, this.config.name);
      if (v !== null && v.length > 0) return this.setFrom(xxHash64(v), scratch);
    }
    return this.generate(request, scratch, target);
  }

  private generate(request: HashRequest, scratch: HashScratch, target: HashTarget): boolean {
    const ttl = this.config.ttlSeconds;
    if (ttl === null) return false;
    if (request.remoteAddress === null || request.localAddress === null) return false;
    const value = generateCookieValue(request.remoteAddress, request.localAddress);
    target.generatedCookie = value;
    target.setCookie = makeSetCookieValue(this.config.name, value, this.config.path, ttl, this.config.attributes);
    return this.setFrom(xxHash64(value), scratch);
  }

  private setFrom(h: bigint, scratch: HashScratch): boolean {
    scratch.hi = hiOf(h);
    scratch.lo = loOf(h);
    return true;
  }
}
