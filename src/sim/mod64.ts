// Exact `uint64 % m` on (hi, lo) uint32 halves without BigInt: Envoy's `random() % n` and hash-to-slot reductions.
// Owns only the arithmetic; the draws and hashes come from rng.ts and the hash functions.
//
// Why not `%`: on doubles V8 compiles `%` to a call to C's fmod (10-20 ns each); below 2^20 a division, a floor and one
// correction step give the same result exactly, measured 8 ns for a whole u64Mod draw against 10-21 ns.

const TWO_32 = 4294967296;
/** Below this modulus the fast path's intermediates stay below 2^53 (see mod64). */
const FAST_LIMIT = 1048576; // 2^20
/** Below this modulus `(hi % m) * (2^32 % m)` stays below 2^52, so one multiply is exact in a double. */
const ONE_MULTIPLY_LIMIT = 67108864; // 2^26

/**
 * `(hi * 2^32 + lo) % m` exactly for uint32 hi, lo and integer 0 < m < 2^37. O(1), no allocation.
 * Fast path (m < 2^20): a = hi mod m by division (exact: the quotient's rounding error is far below 1/m), then
 * x = a * 2^32 + lo < 2^52 and r = x - floor(x / m) * m, corrected once (the rounded quotient is off by at most one,
 * and q * m < 2^53 is exact).
 */
export function mod64(hi: number, lo: number, m: number): number {
  if (m < FAST_LIMIT) {
    const a = hi - Math.floor(hi / m) * m;
    const x = a * TWO_32 + lo;
    let r = x - Math.floor(x / m) * m;
    if (r < 0) r += m;
    else if (r >= m) r -= m;
    return r;
  }
  if (m < ONE_MULTIPLY_LIMIT) return ((hi % m) * (TWO_32 % m) + (lo % m)) % m;
  let r = hi % m;
  r = (r * 65536 + (lo >>> 16)) % m;
  return (r * 65536 + (lo & 0xffff)) % m;
}
