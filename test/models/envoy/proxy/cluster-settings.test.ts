import { describe, it, expect } from 'vitest';
import { clusterSettings } from '../../../../src/models/envoy/proxy/cluster-settings.js';
import { NS_PER_S } from '../../../../src/sim/time.js';
import type { TrafficPolicy } from '../../../../src/models/gatewayapi/policies.js';
import type { CookieHashMethod } from '../../../../src/models/envoy/hash/cookie-hash.js';
import { uint64ToHex } from '../../../../src/models/envoy/hash/cookie-hash.js';
import { xxHash64 } from '../../../../src/models/envoy/hash/xxhash64.js';
import { emptyHashTarget, SimpleHashRequest } from '../../../../src/models/envoy/hash/hash-request.js';

function policy(spec: Partial<TrafficPolicy>): TrafficPolicy {
  return {
    policy: { namespace: 'default', name: 'p' },
    attachedAt: 'route',
    loadBalancer: null,
    healthCheck: null,
    retry: null,
    timeout: null,
    circuitBreaker: null,
    ...spec,
  };
}

describe('clusterSettings (Envoy Gateway)', () => {
  it('a Cookie consistent hash carries no Path: Set-Cookie has Max-Age and the attributes only', () => {
    const s = clusterSettings(
      policy({
        loadBalancer: {
          type: 'ConsistentHash',
          consistentHash: {
            type: 'Cookie',
            tableSize: 65537,
            cookie: { name: 'FooBar', ttl: '30s', attributes: { SameSite: 'Strict' } },
          },
        } as TrafficPolicy['loadBalancer'],
      }),
      'envoy-gateway',
    );
    const m = s.hashPolicy!.methods[0] as CookieHashMethod;
    expect(m.config.path).toBe('');
    const t = emptyHashTarget();
    s.hashPolicy!.generateHash(
      new SimpleHashRequest(new Map(), '/', '10.0.0.7', '10.0.0.7:41000', '172.18.0.5:10080'),
      t,
    );
    const value = uint64ToHex(xxHash64('10.0.0.7:41000172.18.0.5:10080'));
    expect(t.generatedCookie).toBe(value);
    expect(t.setCookie).toBe(`FooBar="${value}"; Max-Age=30; SameSite=Strict; HttpOnly`);
  });

  it('retryOn with triggers only: retry_on as written, empty code list', () => {
    const s = clusterSettings(
      policy({ retry: { retryOn: { triggers: ['5xx'] } } as TrafficPolicy['retry'] }),
      'envoy-gateway',
    );
    expect([...s.retry!.retryOn]).toEqual(['5xx']);
    expect(s.retry!.retriableStatusCodes).toEqual([]);
  });
});

describe('clusterSettings (Cilium)', () => {
  it("every cluster: Envoy's outlier defaults with split local-origin errors, max_retries 128, Envoy's 5 s connect timeout", () => {
    const s = clusterSettings(null, 'cilium');
    const o = s.outlier!;
    expect(o.splitExternalLocalOriginErrors).toBe(true);
    expect([o.intervalNs, o.baseEjectionTimeNs, o.maxEjectionPercent]).toEqual([10 * NS_PER_S, 30 * NS_PER_S, 10]);
    expect([o.consecutive5xx, o.enforcingConsecutive5xx]).toEqual([5, 100]);
    expect([o.consecutiveLocalOriginFailure, o.enforcingConsecutiveLocalOriginFailure]).toEqual([5, 100]);
    expect([o.consecutiveGatewayFailure, o.enforcingConsecutiveGatewayFailure]).toEqual([5, 0]);
    expect(s.circuitBreakers).toEqual({
      maxConnections: 1024,
      maxPendingRequests: 1024,
      maxRequests: 1024,
      maxRetries: 128,
    });
    expect(s.connectTimeoutNs).toBe(5 * NS_PER_S);
    // Envoy Gateway without a passive stanza: no outlier detection, its 10 s connect timeout and 1024 retries.
    const eg = clusterSettings(null, 'envoy-gateway');
    expect([eg.outlier, eg.connectTimeoutNs, eg.circuitBreakers.maxRetries]).toEqual([null, 10 * NS_PER_S, 1024]);
  });
});
