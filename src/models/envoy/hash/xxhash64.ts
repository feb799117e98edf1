// XXH64 (classic 64-bit xxHash, not XXH3), Envoy's HashUtil::xxHash64 (source/common/common/hash.h), via xxhash-wasm.
// Owns the one instance of the WebAssembly hasher; callers on the per-request path go through HashCache instead.
//
// xxhash-wasm only offers an async initialiser, so the module awaits it once at load time (ESM top-level await). The
// simulation itself stays synchronous: by the time any model code runs, the hasher is ready.
import xxhashWasm from 'xxhash-wasm';

const hasher = await xxhashWasm();

/** XXH64 of the UTF-8 bytes of `input` with `seed` (Envoy's default seed is 0). Returns a uint64 BigInt. */
export function xxHash64(input: string, seed: bigint = 0n): bigint {
  return hasher.h64(input, seed);
}

/**
 * Envoy's multi-piece XXH64 (`HashUtil::xxHash64(absl::Span<absl::string_view>)`): the seed chains through the pieces,
 * h = seed; for each piece h = XXH64(piece, h). Used by the header policy for multi-valued headers.
 */
export function xxHash64Chain(pieces: readonly string[], seed: bigint = 0n): bigint {
  let h = seed;
  for (const p of pieces) h = hasher.h64(p, h);
  return h;
}
