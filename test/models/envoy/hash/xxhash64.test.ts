import { describe, expect, it } from 'vitest';
import { xxHash64, xxHash64Chain } from '../../../../src/models/envoy/hash/xxhash64.js';
import { murmurHash2 } from '../../../../src/models/envoy/hash/murmur2.js';
import { vectors, type Json } from '../lb/reference.js';

describe('xxHash64 (Envoy HashUtil::xxHash64)', () => {
  const all: Json[] = [...vectors.xxhash64.envoy_test_vectors, ...vectors.xxhash64.derived_vectors];
  it.each(all.map((v) => [JSON.stringify(v.input).slice(0, 30), v.seed, v.hash, v]))(
    '%s seed %s -> %s',
    (_n, _s, _h, v: Json) => {
      expect(xxHash64(v.input, BigInt(v.seed)).toString()).toBe(v.hash);
    },
  );

  it('chains seeds through pieces (span vectors)', () => {
    for (const v of vectors.xxhash64.span_vectors)
      expect(xxHash64Chain(v.inputs, BigInt(v.seed)).toString()).toBe(v.hash);
    expect(xxHash64Chain(['foo', 'bar']).toString()).not.toBe(xxHash64('foobar').toString());
  });
});

describe('murmurHash2 64-bit (libstdc++ variant, Envoy MurmurHash::murmurHash2)', () => {
  it.each((vectors.murmurhash2_64.envoy_test_vectors as Json[]).map((v: Json) => [JSON.stringify(v.input), v.hash, v]))(
    '%s -> %s',
    (_n, _h, v: Json) => {
      expect(murmurHash2(v.input, BigInt(v.seed)).toString()).toBe(v.hash);
    },
  );
});
