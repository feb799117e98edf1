// The HTTP benchmark's scenario and policy patches (no timing: benchmarks are not tests).
import { describe, expect, it } from 'vitest';
import { durationFor, runHttpBench } from '../../bench/http.js';

describe('bench http', () => {
  it('runs the 100-pod scenario open loop, with each --policy', () => {
    const lr = runHttpBench({ requests: 4000, policy: 'least-request' });
    expect(durationFor(4000)).toBe('200ms');
    expect(lr.requests).toBeGreaterThan(3600);
    expect(lr.requests).toBeLessThan(4400);
    expect(lr.pods).toBeGreaterThan(90); // LeastRequest spreads 4000 requests over (almost) all 100 pods
    expect(lr.events).toBeGreaterThan(5 * lr.requests);
    const rr = runHttpBench({ requests: 4000, policy: 'round-robin' });
    expect(rr.pods).toBe(100);
    expect(rr.traceHash).not.toBe(lr.traceHash);
    // Maglev hashes the source IP: the one load-generator address maps to one pod.
    expect(runHttpBench({ requests: 4000, policy: 'maglev' }).pods).toBe(1);
    expect(runHttpBench({ requests: 4000, policy: 'least-request' }).traceHash).toBe(lr.traceHash);
  });
});
