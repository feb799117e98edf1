import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ENVOY_OUTLIER_DEFAULTS,
  resolveEnvoyGatewayPassive,
  resolveOutlierDetection,
} from '../../../../src/models/envoy/outlier/outlier-config.js';
import { ejectionAllowed, maxSimultaneouslyEjected } from '../../../../src/models/envoy/outlier/ejection-gate.js';
import { InputError } from '../../../../src/sim/input-error.js';
import { NS_PER_MS, NS_PER_S } from '../../../../src/sim/time.js';

const vectors = JSON.parse(readFileSync(new URL('./envoy-outlier-vectors.json', import.meta.url), 'utf8')) as {
  defaults: Record<string, number | boolean | string>;
};

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/5xx$/, '5xx');

describe('outlier config', () => {
  it('Envoy defaults match the 24 outlier_detection.defaults of envoy-vectors.json', () => {
    const d = vectors.defaults;
    let checked = 0;
    for (const [k, v] of Object.entries(d)) {
      if (k === 'max_ejection_time_ms') {
        expect(ENVOY_OUTLIER_DEFAULTS.maxEjectionTimeNs).toBe(300_000 * NS_PER_MS);
      } else if (k.endsWith('_ms')) {
        const key = (camel(k.slice(0, -3)) + 'Ns') as keyof typeof ENVOY_OUTLIER_DEFAULTS;
        expect(ENVOY_OUTLIER_DEFAULTS[key]).toBe((v as number) * NS_PER_MS);
      } else {
        expect(ENVOY_OUTLIER_DEFAULTS[camel(k) as keyof typeof ENVOY_OUTLIER_DEFAULTS]).toBe(v);
      }
      checked++;
    }
    expect(checked).toBe(24);
  });

  it('max ejection time defaults to max(300 s, base)', () => {
    expect(resolveOutlierDetection({ baseEjectionTimeNs: 600 * NS_PER_S }).maxEjectionTimeNs).toBe(600 * NS_PER_S);
    expect(() =>
      resolveOutlierDetection({ baseEjectionTimeNs: 60 * NS_PER_S, maxEjectionTimeNs: 30 * NS_PER_S }),
    ).toThrow(RangeError);
  });

  it("Envoy Gateway's passive: {} defaults: 3s interval, 30s base, 10 %, 5 consecutive 5xx, gateway errors detected but not enforced", () => {
    const c = resolveEnvoyGatewayPassive({});
    expect(c.intervalNs).toBe(3 * NS_PER_S);
    expect(c.baseEjectionTimeNs).toBe(30 * NS_PER_S);
    expect(c.maxEjectionTimeNs).toBe(300 * NS_PER_S);
    expect(c.maxEjectionPercent).toBe(10);
    expect(c.consecutive5xx).toBe(5);
    expect(c.consecutiveLocalOriginFailure).toBe(5);
    expect(c.splitExternalLocalOriginErrors).toBe(false);
    expect(c.alwaysEjectOneHost).toBe(false);
    expect(c.consecutiveGatewayFailure).toBe(5);
    expect(c.enforcingConsecutiveGatewayFailure).toBe(0);
    expect(c.enforcingFailurePercentage).toBe(0);
  });

  it('setting consecutiveGatewayErrors or failurePercentageThreshold turns their enforcement to 100', () => {
    const c = resolveEnvoyGatewayPassive({
      consecutiveGatewayErrors: 3,
      failurePercentageThreshold: 70,
      interval: '2s',
      baseEjectionTime: '10s',
      maxEjectionPercent: 100,
      alwaysEjectOneEndpoint: true,
    });
    expect([
      c.consecutiveGatewayFailure,
      c.enforcingConsecutiveGatewayFailure,
      c.failurePercentageThreshold,
      c.enforcingFailurePercentage,
    ]).toEqual([3, 100, 70, 100]);
    expect([c.intervalNs, c.baseEjectionTimeNs, c.maxEjectionPercent, c.alwaysEjectOneHost]).toEqual([
      2 * NS_PER_S,
      10 * NS_PER_S,
      100,
      true,
    ]);
  });

  it('maxEjectionPercent 0 is omitted by Envoy Gateway (cluster.go buildXdsOutlierDetection): Envoy ejects up to 10 %', () => {
    const c = resolveEnvoyGatewayPassive({ maxEjectionPercent: 0 });
    expect(c.maxEjectionPercent).toBe(10);
    const gate = (hosts: number) => (e: number) => ejectionAllowed(e, hosts, c.maxEjectionPercent, false);
    // 9 hosts: none; 10 hosts: one; 25 hosts: two (with 0 % taken literally it would be none in each case).
    expect([9, 10, 25].map((h) => maxSimultaneouslyEjected(h, gate(h)))).toEqual([0, 1, 2]);
    expect(resolveEnvoyGatewayPassive({ maxEjectionPercent: 1 }).maxEjectionPercent).toBe(1);
  });

  it('bad fields are InputErrors naming the field', () => {
    expect(() => resolveEnvoyGatewayPassive({ interval: '3 seconds' }, 'BackendTrafficPolicy/default/p')).toThrow(
      InputError,
    );
    expect(() => resolveEnvoyGatewayPassive({ interval: '3 seconds' }, 'BackendTrafficPolicy/default/p')).toThrow(
      /BackendTrafficPolicy\/default\/p, field spec\.healthCheck\.passive\.interval/,
    );
    expect(() => resolveEnvoyGatewayPassive({ maxEjectionPercent: 120 })).toThrow(/maxEjectionPercent/);
  });
});
