// The vendored xxhash-wasm module is exactly what the pinned package ships, and hashes as the package's own API does.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import xxhashWasm from 'xxhash-wasm';
// @ts-expect-error: a plain .mjs tool without declarations
import { xxhashWasmBytesModule } from '../../../../tools/xxhash-wasm-bytes.mjs';
import { xxHash64 } from '../../../../src/models/envoy/hash/xxhash64.js';

const generated = new URL('../../../../src/models/envoy/hash/xxhash-wasm-bytes.generated.ts', import.meta.url);

describe('xxhash-wasm-bytes.generated.ts', () => {
  it('is what tools/xxhash-wasm-bytes.mjs writes from the installed xxhash-wasm', () => {
    expect(readFileSync(generated, 'utf8')).toBe((xxhashWasmBytesModule as () => string)());
  });
  it("hashes as xxhash-wasm's async API does, long inputs (memory growth) included", async () => {
    const ref = await xxhashWasm();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        (s, seed) => {
          expect(xxHash64(s, seed)).toBe(ref.h64(s, seed));
        },
      ),
      { seed: 20, numRuns: 300 },
    );
    const long = 'é'.repeat(70_000);
    expect(xxHash64(long)).toBe(ref.h64(long));
    expect(xxHash64('abc')).toBe(ref.h64('abc'));
  });
});
