import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mod64 } from '../../src/sim/mod64.js';

const ref = (hi: number, lo: number, m: number) => Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m));

describe('mod64', () => {
  // Each path (m < 2^20 division, < 2^26 one multiply, < 2^37 Horner) against BigInt, with the halves' extremes.
  it('equals BigInt uint64 % m on every path and at the edges', () => {
    const halves = [0, 1, 2, 99, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    const moduli = [
      1, 2, 3, 7, 100, 65537, 1048573, 1048575, 1048576, 1048577, 5000011, 67108863, 67108864, 137438953471,
    ];
    for (const m of moduli)
      for (const hi of halves)
        for (const lo of halves) expect(mod64(hi, lo, m), `${hi} ${lo} ${m}`).toBe(ref(hi, lo, m));
  });

  it('equals BigInt for random halves and moduli (fast-check, seed 42)', () => {
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(
        u32,
        u32,
        fc.oneof(fc.integer({ min: 1, max: 1048575 }), fc.integer({ min: 1, max: 137438953471 })),
        (hi, lo, m) => mod64(hi, lo, m) === ref(hi, lo, m),
      ),
      { seed: 42, numRuns: 20000 },
    );
  });

  // Where a rounded quotient can be off by one: values next to multiples of m, for small moduli and ones near 2^20.
  it('is exact next to multiples of m, where the rounded quotient is off by one', () => {
    for (const m of [3, 10, 641, 999983, 1048573, 1048575]) {
      for (let k = 1; k < 200; k++) {
        const x = Math.floor((2 ** 52 - 1) / m / k) * m; // a multiple of m below 2^52
        for (const d of [-1, 0, 1]) {
          const v = x + d;
          if (v < 0) continue;
          const hi = Math.floor(v / 4294967296);
          const lo = v - hi * 4294967296;
          expect(mod64(hi, lo, m)).toBe(ref(hi, lo, m));
        }
      }
    }
  });
});
