import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CircuitBreakers,
  ENVOY_CIRCUIT_BREAKER_DEFAULTS,
  ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS,
  OVERFLOW_STATUS,
  OVERLOADED_HEADER,
} from '../../../../src/models/envoy/resilience/circuit-breakers.js';

describe('circuit breakers', () => {
  it('defaults: Envoy 1024/1024/1024/3, Envoy Gateway 1024 for all four; overflow is a 503 with x-envoy-overloaded', () => {
    expect(ENVOY_CIRCUIT_BREAKER_DEFAULTS).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 3,
    });
    expect(ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 1024,
    });
    expect([OVERFLOW_STATUS, OVERLOADED_HEADER]).toEqual([503, 'x-envoy-overloaded']);
  });

  it('the 1025th concurrent request overflows; a release lets the next one in', () => {
    const cb = new CircuitBreakers();
    for (let i = 0; i < 1024; i++) expect(cb.tryAcquireRequest()).toBe(true);
    expect(cb.isOpen('requests')).toBe(true);
    expect(cb.tryAcquireRequest()).toBe(false);
    expect(cb.requestOverflows).toBe(1);
    cb.release('requests');
    expect(cb.tryAcquireRequest()).toBe(true);
  });

  it('the count never exceeds the threshold and every refusal is counted (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.array(fc.boolean(), { maxLength: 300 }), (limit, ops) => {
        const cb = new CircuitBreakers({
          maxConnections: limit,
          maxPendingRequests: limit,
          maxRequests: limit,
          maxRetries: limit,
        });
        let refused = 0;
        for (const acquire of ops) {
          if (acquire) refused += cb.tryAcquireRetry() ? 0 : 1;
          else cb.release('retries');
          expect(cb.retries).toBeLessThanOrEqual(limit);
          expect(cb.retries).toBeGreaterThanOrEqual(0);
        }
        expect(cb.retryOverflows).toBe(refused);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
