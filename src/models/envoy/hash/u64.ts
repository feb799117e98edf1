// Unsigned 64-bit values as two uint32 halves (hi, lo): the allocation-free form the per-request hot path uses.
// Owns reduction modulo small integers, comparison and conversion at the edges; BigInt only in the converters.

const TWO_32 = 4294967296;
/** Below this modulus `(hi % m) * (2^32 % m)` stays under 2^52, so one multiply is exact in a double. */
const FAST_MOD_LIMIT = 67108864; // 2^26

/**
 * `(hi * 2^32 + lo) % m` exactly, without BigInt, for 0 < m < 2^37 (Envoy's `uint64 % n`).
 * O(1): one path with a single multiply for m < 2^26 (host counts, Maglev tables up to Envoy Gateway's 5000011),
 * else two 16-bit Horner steps so every intermediate stays below 2^53.
 */
export function mod64(hi: number, lo: number, m: number): number {
  if (m < FAST_MOD_LIMIT) return ((hi % m) * (TWO_32 % m) + (lo % m)) % m;
  let r = hi % m;
  r = (r * 65536 + (lo >>> 16)) % m;
  return (r * 65536 + (lo & 0xffff)) % m;
}

/** -1, 0 or 1 as (ahi, alo) is below, equal to or above (bhi, blo), unsigned. */
export function compare64(ahi: number, alo: number, bhi: number, blo: number): number {
  if (ahi !== bhi) return ahi < bhi ? -1 : 1;
  if (alo !== blo) return alo < blo ? -1 : 1;
  return 0;
}

/** High 32 bits of a uint64 BigInt. */
export function hiOf(v: bigint): number {
  return Number((v >> 32n) & 0xffffffffn);
}

/** Low 32 bits of a uint64 BigInt. */
export function loOf(v: bigint): number {
  return Number(v & 0xffffffffn);
}

/** The BigInt of (hi, lo); for tests, the CLI and build-time code. */
export function toBigInt(hi: number, lo: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Decimal text of (hi, lo), as the JSON vectors and the CLI print 64-bit values. */
export function toDecimal(hi: number, lo: number): string {
  return toBigInt(hi, lo).toString();
}

export const U64_MAX = (1n << 64n) - 1n;

/** Parses a decimal uint64 string; null when it is not one (no sign, no exponent, at most 2^64-1). */
export function parseU64(text: string): bigint | null {
  if (!/^[0-9]+$/.test(text)) return null;
  const v = BigInt(text);
  return v <= U64_MAX ? v : null;
}

/** rotl64(h, 1) XOR n on uint64 BigInts: Envoy's way of folding one more policy hash in (source/common/http/hash_policy.cc). */
export function rotateXor(h: bigint, n: bigint): bigint {
  return (((h << 1n) | (h >> 63n)) & U64_MAX) ^ n;
}
