// Envoy's MurmurHash::murmurHash2 (source/common/common/hash.cc): the 64-bit MurmurHash2 variant of libstdc++'s
// std::hash (_Hash_bytes), default seed 0xc70f6907. Only ring hash uses it (hash_function: MURMUR_HASH_2), at build time,
// so BigInt arithmetic is fine here. No npm package reproduces the libstdc++ tail handling, hence our own code.

const MASK = (1n << 64n) - 1n;
const MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;

/** Envoy's `MurmurHash::STD_HASH_SEED`. */
export const STD_HASH_SEED = 0xc70f6907n;

const encoder = new TextEncoder();

function shiftMix(v: bigint): bigint {
  return v ^ (v >> 47n);
}

/**
 * Rule: h = seed ^ (len * mul); each 8-byte little-endian word w: h ^= shiftMix(w * mul) * mul, h *= mul; a 1-7 byte
 * tail is loaded little-endian, xored in and multiplied; then h = shiftMix(shiftMix(h) * mul). O(len).
 */
export function murmurHash2(input: string, seed: bigint = STD_HASH_SEED): bigint {
  const bytes = encoder.encode(input);
  const len = bytes.length;
  const alignedEnd = len & ~7;
  let hash = (seed ^ ((BigInt(len) * MUL) & MASK)) & MASK;
  for (let p = 0; p < alignedEnd; p += 8) {
    let word = 0n;
    for (let k = 7; k >= 0; k--) word = (word << 8n) | BigInt(bytes[p + k]);
    const data = (shiftMix((word * MUL) & MASK) * MUL) & MASK;
    hash = ((hash ^ data) * MUL) & MASK;
  }
  if ((len & 7) !== 0) {
    let data = 0n;
    for (let k = len - 1; k >= alignedEnd; k--) data = (data << 8n) | BigInt(bytes[k]);
    hash = ((hash ^ data) * MUL) & MASK;
  }
  hash = (shiftMix(hash) * MUL) & MASK;
  return shiftMix(hash);
}
