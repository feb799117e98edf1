import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { successRateEjectionThreshold } from '../../../../src/models/envoy/outlier/success-rate.js';

const ex = (
  JSON.parse(readFileSync(new URL('./envoy-outlier-vectors.json', import.meta.url), 'utf8')) as {
    success_rate_example: { success_rates: number[]; mean: number; stdev_factor: number; threshold: number };
  }
).success_rate_example;

describe('success-rate threshold', () => {
  it('reproduces the source-comment example {50,100,100,100,100}: mean 90, threshold 52', () => {
    const sum = ex.success_rates.reduce((a, b) => a + b, 0);
    const t = successRateEjectionThreshold(ex.success_rates, ex.success_rates.length, sum, ex.stdev_factor);
    expect(t.mean).toBe(ex.mean);
    expect(t.threshold).toBeCloseTo(ex.threshold, 12);
  });
});
