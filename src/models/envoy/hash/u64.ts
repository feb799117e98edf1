// Unsigned 64-bit values as two uint32 halves (hi, lo): the allocation-free form the per-request hot path uses.
// Owns comparison and conversion at the edges (reduction modulo m is src/sim/mod64.ts); BigInt only in the converters.

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
