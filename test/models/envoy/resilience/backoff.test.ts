import { describe, it, expect } from 'vitest';
import {
  backoffBoundMs,
  backoffLimitsMs,
  DEFAULT_RETRY_BASE_INTERVAL_NS,
  drawBackoffMs,
} from '../../../../src/models/envoy/resilience/backoff.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_MS } from '../../../../src/sim/time.js';

describe("Envoy's jittered exponential retry back-off", () => {
  it('default 25 ms base, 250 ms max: bounds 25, 50, 100, 200, 250, 250', () => {
    const { baseMs, maxMs } = backoffLimitsMs(DEFAULT_RETRY_BASE_INTERVAL_NS, 10 * DEFAULT_RETRY_BASE_INTERVAL_NS);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffBoundMs(baseMs, maxMs, a))).toEqual([25, 50, 100, 200, 250, 250]);
  });

  it('doubles only while below max / 2 (integer), then jumps to max: base 30, max 100 gives 30, 60, 100', () => {
    expect([0, 1, 2, 3].map((a) => backoffBoundMs(30, 100, a))).toEqual([30, 60, 100, 100]);
    expect([0, 1, 2].map((a) => backoffBoundMs(50, 100, a))).toEqual([50, 100, 100]);
  });

  it('limits are whole ms, truncated, at least 1 ms, max at least base', () => {
    expect(backoffLimitsMs(25.9 * NS_PER_MS, 10 * NS_PER_MS)).toEqual({ baseMs: 25, maxMs: 25 });
    expect(backoffLimitsMs(0, 0)).toEqual({ baseMs: 1, maxMs: 1 });
  });

  it('draws are whole ms, uniform in [0, bound): mean of the first retry over 20 000 draws is 12 +- 4 sd', () => {
    const rng = new RngRoot(2).fork('retry');
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const ms = drawBackoffMs(rng, 25, 250, 0);
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(25);
      sum += ms;
    }
    const sd = Math.sqrt((25 * 25 - 1) / 12);
    expect(Math.abs(sum / n - 12)).toBeLessThan((4 * sd) / Math.sqrt(n));
  });
});
