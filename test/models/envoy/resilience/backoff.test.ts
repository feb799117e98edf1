import { describe, it, expect } from 'vitest';
import { JitteredExponentialBackoff } from '../../../../src/models/envoy/resilience/backoff.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_MS } from '../../../../src/sim/time.js';

describe('JitteredExponentialBackoff (Envoy retry back-off)', () => {
  it('default 25 ms base, 250 ms max: bounds 25, 50, 100, 200, 250, 250', () => {
    const b = new JitteredExponentialBackoff();
    const rng = new RngRoot(1).fork('retry');
    const bounds: number[] = [];
    for (let i = 0; i < 6; i++) {
      bounds.push(b.nextIntervalBoundMs);
      b.nextBackoffNs(rng);
    }
    expect(bounds).toEqual([25, 50, 100, 200, 250, 250]);
    b.reset();
    expect(b.nextIntervalBoundMs).toBe(25);
  });

  it('draws are whole ms, uniform in [0, bound): mean of the first retry over 20 000 draws is 12 +- 4 sd', () => {
    const rng = new RngRoot(2).fork('retry');
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const ns = new JitteredExponentialBackoff().nextBackoffNs(rng);
      expect(ns % NS_PER_MS).toBe(0);
      expect(ns).toBeGreaterThanOrEqual(0);
      expect(ns).toBeLessThan(25 * NS_PER_MS);
      sum += ns / NS_PER_MS;
    }
    const sd = Math.sqrt((25 * 25 - 1) / 12);
    expect(Math.abs(sum / n - 12)).toBeLessThan((4 * sd) / Math.sqrt(n));
  });
});
