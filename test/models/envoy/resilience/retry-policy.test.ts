import { describe, it, expect } from 'vitest';
import {
  ENVOY_GATEWAY_RETRY_DEFAULTS,
  isRetriable,
  resolveEnvoyGatewayRetry,
} from '../../../../src/models/envoy/resilience/retry-policy.js';
import { InputError } from '../../../../src/sim/input-error.js';
import { NS_PER_MS } from '../../../../src/sim/time.js';

describe('retry policy', () => {
  it('is off unless configured', () => {
    expect(resolveEnvoyGatewayRetry(undefined)).toBeNull();
  });

  it("Envoy Gateway's defaults: 2 retries on connect-failure, refused-stream, unavailable, cancelled, 503; back-off 25 ms..250 ms", () => {
    const p = resolveEnvoyGatewayRetry({})!;
    expect(p.numRetries).toBe(2);
    expect([...p.retryOn].sort()).toEqual([
      'cancelled',
      'connect-failure',
      'refused-stream',
      'retriable-status-codes',
      'unavailable',
    ]);
    expect(p.retriableStatusCodes).toEqual([503]);
    expect([p.backoffBaseIntervalNs, p.backoffMaxIntervalNs]).toEqual([25 * NS_PER_MS, 250 * NS_PER_MS]);
    expect(p.hostSelectionRetryMaxAttempts).toBe(5);
  });

  it('decides like the router', () => {
    const d = ENVOY_GATEWAY_RETRY_DEFAULTS;
    expect(isRetriable(d, { kind: 'response', status: 503 })).toBe(true);
    expect(isRetriable(d, { kind: 'response', status: 500 })).toBe(false);
    expect(isRetriable(d, { kind: 'connectFailure' })).toBe(true);
    expect(isRetriable(d, { kind: 'reset' })).toBe(false);
    expect(isRetriable(d, { kind: 'overflow' })).toBe(false);
    const five = resolveEnvoyGatewayRetry({ triggers: ['5xx'] })!;
    expect(isRetriable(five, { kind: 'response', status: 500 })).toBe(true);
    expect(isRetriable(five, { kind: 'reset' })).toBe(true);
    expect(isRetriable(five, { kind: 'perTryTimeout' })).toBe(true);
    expect(isRetriable(five, { kind: 'response', status: 404 })).toBe(false);
    const gw = resolveEnvoyGatewayRetry({ triggers: ['gateway-error'] })!;
    expect([500, 502, 503, 504].map((s) => isRetriable(gw, { kind: 'response', status: s }))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    const r4 = resolveEnvoyGatewayRetry({ triggers: ['retriable-4xx'] })!;
    expect([409, 429].map((s) => isRetriable(r4, { kind: 'response', status: s }))).toEqual([true, false]);
  });

  it('triggers and codes as written (route.go buildRetryPolicy): codes only count where retriable-status-codes is a trigger', () => {
    // Triggers listed without retriable-status-codes: the codes are carried but never consulted; 502 is not retried.
    const reset = resolveEnvoyGatewayRetry({ triggers: ['reset'], httpStatusCodes: [502] })!;
    expect([...reset.retryOn]).toEqual(['reset']);
    expect(reset.retriableStatusCodes).toEqual([502]);
    expect(isRetriable(reset, { kind: 'response', status: 502 })).toBe(false);
    // Codes without triggers: the default triggers (which list retriable-status-codes) with the codes given, not 503.
    const codes = resolveEnvoyGatewayRetry({ httpStatusCodes: [500, 502] })!;
    expect(codes.retriableStatusCodes).toEqual([500, 502]);
    expect([500, 502, 503].map((s) => isRetriable(codes, { kind: 'response', status: s }))).toEqual([
      true,
      true,
      false,
    ]);
    // retryOn with triggers only: the code list is empty, so retriable-status-codes matches nothing.
    const listed = resolveEnvoyGatewayRetry({ triggers: ['retriable-status-codes', 'connect-failure'] })!;
    expect(listed.retriableStatusCodes).toEqual([]);
    expect(isRetriable(listed, { kind: 'response', status: 503 })).toBe(false);
    expect(isRetriable(listed, { kind: 'connectFailure' })).toBe(true);
    // An empty retryOn stanza: default triggers, empty code list.
    expect(resolveEnvoyGatewayRetry({ hasRetryOn: true })!.retriableStatusCodes).toEqual([]);
  });

  it('bad input is an InputError naming the field', () => {
    expect(() => resolveEnvoyGatewayRetry({ triggers: ['sometimes'] }, 'BackendTrafficPolicy/a/b')).toThrow(InputError);
    expect(() => resolveEnvoyGatewayRetry({ triggers: ['sometimes'] })).toThrow(/retryOn\.triggers/);
    expect(() => resolveEnvoyGatewayRetry({ numRetries: -1 })).toThrow(/numRetries/);
  });
});
