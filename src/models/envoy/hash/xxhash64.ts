// XXH64 (classic 64-bit xxHash, not XXH3), Envoy's HashUtil::xxHash64 (source/common/common/hash.h), via xxhash-wasm.
// Owns the one instance of the WebAssembly hasher; callers on the per-request path go through HashCache instead.
//
// xxhash-wasm's own initialiser is async, which forced a top-level await on every importer (and broke require()). Its
// module is small, so it is compiled synchronously from its bytes (xxhash-wasm-bytes.generated.ts) on the first hash.
import { XXHASH_WASM_BASE64 } from './xxhash-wasm-bytes.generated.js';

/** The little of WebAssembly's JS API this needs (the ES2022 lib gwsim compiles against does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (code: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
}
const { WebAssembly: Wasm } = globalThis as unknown as { WebAssembly: WasmApi };

interface XxhashExports {
  mem: WasmMemory;
  /** xxh64(offset, length, seed): the hash of `length` bytes at `offset` of `mem`, as a signed i64. */
  xxh64(offset: number, length: number, seed: bigint): bigint;
}

const U64 = (1n << 64n) - 1n;
const encoder = new TextEncoder();
let wasm: XxhashExports | null = null;
let bytes: Uint8Array = new Uint8Array(0);

function instance(): XxhashExports {
  if (wasm !== null) return wasm;
  const raw = atob(XXHASH_WASM_BASE64);
  const code = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) code[i] = raw.charCodeAt(i);
  wasm = new Wasm.Instance(new Wasm.Module(code)).exports as unknown as XxhashExports;
  bytes = new Uint8Array(wasm.mem.buffer);
  return wasm;
}

/** Copies the UTF-8 of `input` to the start of the module's memory (grown as needed); returns its length. */
function writeUtf8(w: XxhashExports, input: string): number {
  const need = input.length * 3;
  if (w.mem.buffer.byteLength < need) w.mem.grow(Math.ceil((need - w.mem.buffer.byteLength) / 65536));
  if (bytes.buffer !== w.mem.buffer) bytes = new Uint8Array(w.mem.buffer);
  return encoder.encodeInto(input, bytes).written;
}

function h64(input: string, seed: bigint): bigint {
  const w = instance();
  return w.xxh64(0, writeUtf8(w, input), seed) & U64;
}

/** XXH64 of the UTF-8 bytes of `input` with `seed` (Envoy's default seed is 0). Returns a uint64 BigInt. */
export function xxHash64(input: string, seed: bigint = 0n): bigint {
  return h64(input, seed);
}

/**
 * Envoy's multi-piece XXH64 (`HashUtil::xxHash64(absl::Span<absl::string_view>)`): the seed chains through the pieces,
 * h = seed; for each piece h = XXH64(piece, h). Used by the header policy for multi-valued headers.
 */
export function xxHash64Chain(pieces: readonly string[], seed: bigint = 0n): bigint {
  let h = seed;
  for (const p of pieces) h = h64(p, h);
  return h;
}
