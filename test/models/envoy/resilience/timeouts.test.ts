import { describe, it, expect } from 'vitest';
import { resolveTimeouts } from '../../../../src/models/envoy/resilience/timeouts.js';
import { NS_PER_S } from '../../../../src/sim/time.js';

describe('timeouts', () => {
  it("Envoy Gateway defaults: connect 10 s, request 15 s (Envoy's route default), no per-try timeout, idle 1 h", () => {
    expect(resolveTimeouts()).toEqual({
      connectTimeoutNs: 10 * NS_PER_S,
      requestTimeoutNs: 15 * NS_PER_S,
      perTryTimeoutNs: null,
      connectionIdleTimeoutNs: 3600 * NS_PER_S,
    });
  });

  it('Gateway API timeouts.request wins over the policy; backendRequest is the per-try timeout', () => {
    const t = resolveTimeouts({
      btpRequestTimeoutNs: 5 * NS_PER_S,
      routeRequestTimeoutNs: 2 * NS_PER_S,
      routeBackendRequestTimeoutNs: NS_PER_S,
      perRetryTimeoutNs: 3 * NS_PER_S,
    });
    expect([t.requestTimeoutNs, t.perTryTimeoutNs]).toEqual([2 * NS_PER_S, NS_PER_S]);
    expect(resolveTimeouts({ btpRequestTimeoutNs: 5 * NS_PER_S }).requestTimeoutNs).toBe(5 * NS_PER_S);
  });
});
