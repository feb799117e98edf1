import { describe, expect, it } from 'vitest';
import * as hdr from 'hdr-histogram-js';
import {
  Float64LatencyCounts,
  Int32LatencyCounts,
  LatencyHistogram,
} from '../../../src/models/metrics/latency-histogram.js';

const LOW = 100;
const HIGH = 3_600_000_000_000;

/** Every power of two in range and its neighbours, then a million values spread over the range on a log scale. */
function probeValues(): number[] {
  const out: number[] = [];
  for (let k = 6; k <= 42; k++)
    for (let d = -3; d <= 3; d++) if (2 ** k + d >= LOW && 2 ** k + d <= HIGH) out.push(2 ** k + d);
  let x = 1;
  for (let i = 0; i < 1_000_000; i++) {
    x = (x * 48271) % 2147483647;
    out.push(Math.min(HIGH, LOW + Math.floor((x / 2147483647) ** 8 * HIGH)));
  }
  return out;
}

describe('LatencyHistogram', () => {
  // The integer counts index must be the library's own for every value, or percentiles would silently shift.
  it('maps every value to the counts index hdr-histogram-js computes, at 1, 2 and 3 significant digits', () => {
    const values = probeValues();
    for (const digits of [1, 2, 3]) {
      for (const [Fast, Base] of [
        [Float64LatencyCounts, hdr.Float64Histogram],
        [Int32LatencyCounts, hdr.Int32Histogram],
      ] as const) {
        const fast = new Fast(LOW, HIGH, digits);
        const base = new Base(LOW, HIGH, digits);
        let mismatches = 0;
        for (const v of values) if (fast.countsArrayIndex(v) !== base.countsArrayIndex(v)) mismatches++;
        expect(mismatches, `${Base.name} at ${digits} digits`).toBe(0);
      }
    }
  });

  it('gives the same summary as the library for the same values', () => {
    const ours = new LatencyHistogram(3);
    const lib = hdr.build({
      lowestDiscernibleValue: LOW,
      highestTrackableValue: HIGH,
      numberOfSignificantValueDigits: 3,
      useWebAssembly: false,
    });
    let x = 7;
    for (let i = 0; i < 200_000; i++) {
      x = (x * 48271) % 2147483647;
      const v = 50_000 + (x % 30_000_000);
      ours.record(v);
      lib.recordValue(v);
    }
    for (const p of [50, 90, 99, 99.9])
      expect(ours.percentileNs(p)).toBe(Math.min(lib.getValueAtPercentile(p), lib.maxValue));
    expect(ours.meanNs()).toBe(lib.mean);
    expect(ours.maxNs()).toBe(lib.maxValue);
    expect(ours.count).toBe(200_000);
  });
});
