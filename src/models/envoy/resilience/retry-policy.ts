// Retries as Envoy Gateway configures them and as Envoy's router decides them: retry_on conditions, retriable status
// codes, number of retries, per-try timeout and back-off. Owns the resolved policy and the retry decision; the request
// lifecycle (re-picking a host, timers) is the gateway world's.
// Sources: envoyproxy/gateway api/v1alpha1/retry_types.go and internal/xds/translator/route.go buildRetryPolicy (defaults);
// envoy docs configuration/http/http_filters/router_filter (x-envoy-retry-on semantics) and
// source/common/router/retry_state_impl.cc (wouldRetryFromHeaders / wouldRetryFromReset).

import { InputError } from '../../../sim/input-error.js';
import type { SimTime } from '../../../sim/time.js';
import { DEFAULT_RETRY_BASE_INTERVAL_NS } from './backoff.js';

/** Envoy's retry_on conditions (Envoy Gateway's `retryOn.triggers` names are the same words). */
export const RETRY_ON_CONDITIONS = [
  '5xx',
  'gateway-error',
  'reset',
  'connect-failure',
  'retriable-4xx',
  'refused-stream',
  'retriable-status-codes',
  'cancelled',
  'deadline-exceeded',
  'internal',
  'resource-exhausted',
  'unavailable',
] as const;
export type RetryOnCondition = (typeof RETRY_ON_CONDITIONS)[number];

export interface ResolvedRetryPolicy {
  numRetries: number;
  retryOn: ReadonlySet<RetryOnCondition>;
  retriableStatusCodes: readonly number[];
  perTryTimeoutNs: SimTime | null;
  backoffBaseIntervalNs: SimTime;
  backoffMaxIntervalNs: SimTime;
  /** previous_hosts predicate: re-pick up to this many times to avoid hosts already tried. */
  hostSelectionRetryMaxAttempts: number;
}

/** Envoy Gateway when a retry stanza is present (retry_types.go / route.go buildRetryPolicy). */
export const ENVOY_GATEWAY_RETRY_DEFAULTS: Readonly<ResolvedRetryPolicy> = {
  numRetries: 2,
  retryOn: new Set<RetryOnCondition>([
    'connect-failure',
    'refused-stream',
    'unavailable',
    'cancelled',
    'retriable-status-codes',
  ]),
  retriableStatusCodes: [503],
  perTryTimeoutNs: null,
  backoffBaseIntervalNs: DEFAULT_RETRY_BASE_INTERVAL_NS,
  backoffMaxIntervalNs: 10 * DEFAULT_RETRY_BASE_INTERVAL_NS,
  hostSelectionRetryMaxAttempts: 5,
};

export interface EnvoyGatewayRetryInput {
  numRetries?: number;
  /** Whether the stanza has `retryOn` at all: then its codes replace the default 503, even when it lists none. */
  hasRetryOn?: boolean;
  triggers?: string[];
  httpStatusCodes?: number[];
  perTryTimeoutNs?: SimTime;
  backoffBaseIntervalNs?: SimTime;
  backoffMaxIntervalNs?: SimTime;
}

/** Retries are off unless configured (null); with a stanza, unset fields take Envoy Gateway's defaults. */
export function resolveEnvoyGatewayRetry(
  retry: EnvoyGatewayRetryInput | undefined,
  object?: string,
): ResolvedRetryPolicy | null {
  if (retry === undefined) return null;
  const d = ENVOY_GATEWAY_RETRY_DEFAULTS;
  const field = 'spec.retry';
  if (retry.numRetries !== undefined && (!Number.isInteger(retry.numRetries) || retry.numRetries < 0))
    throw new InputError(`${retry.numRetries} is not a non-negative integer`, { object, field: field + '.numRetries' });
  let retryOn = d.retryOn;
  if (retry.triggers !== undefined && retry.triggers.length > 0) {
    for (const t of retry.triggers)
      if (!(RETRY_ON_CONDITIONS as readonly string[]).includes(t))
        throw new InputError(
          `unknown retry trigger ${JSON.stringify(t)}`,
          { object, field: field + '.retryOn.triggers' },
          RETRY_ON_CONDITIONS.join(', '),
        );
    retryOn = new Set(retry.triggers as RetryOnCondition[]);
  }
  // With a retryOn stanza the codes are exactly its httpStatusCodes (none -> an empty list), and retry_on is its
  // triggers as written (none -> the default string); nothing adds retriable-status-codes to listed triggers
  // (envoyproxy/gateway internal/xds/translator/route.go buildRetryPolicy, the indexed version with NumAttemptsPerPriority).
  const hasRetryOn = retry.hasRetryOn ?? (retry.triggers !== undefined || retry.httpStatusCodes !== undefined);
  const codes = hasRetryOn ? (retry.httpStatusCodes ?? []) : d.retriableStatusCodes;
  for (const c of codes)
    if (!Number.isInteger(c) || c < 100 || c > 599)
      throw new InputError(
        `${c} is not an HTTP status`,
        { object, field: field + '.retryOn.httpStatusCodes' },
        '100 to 599',
      );
  const base = retry.backoffBaseIntervalNs ?? d.backoffBaseIntervalNs;
  const max = retry.backoffMaxIntervalNs ?? 10 * base;
  if (max < base)
    throw new InputError('backOff.maxInterval is less than backOff.baseInterval', {
      object,
      field: field + '.perRetry.backOff.maxInterval',
    });
  return {
    ...d,
    numRetries: retry.numRetries ?? d.numRetries,
    retryOn,
    retriableStatusCodes: codes,
    perTryTimeoutNs: retry.perTryTimeoutNs ?? null,
    backoffBaseIntervalNs: base,
    backoffMaxIntervalNs: max,
  };
}

/** How an attempt ended. `status` for a response; the others for attempts that produced none. */
export type AttemptOutcome =
  | { kind: 'response'; status: number }
  | { kind: 'connectFailure' }
  | { kind: 'reset' }
  | { kind: 'refusedStream' }
  | { kind: 'perTryTimeout' }
  /** Circuit-breaker overflow (503 UO): Envoy never retries it. */
  | { kind: 'overflow' };

/** Whether Envoy's router would retry this outcome under the policy (retries left and retry budget are the caller's). */
export function isRetriable(policy: ResolvedRetryPolicy, o: AttemptOutcome): boolean {
  const on = policy.retryOn;
  switch (o.kind) {
    case 'overflow':
      return false;
    case 'connectFailure':
      return on.has('connect-failure') || on.has('5xx') || on.has('gateway-error') || on.has('reset');
    case 'refusedStream':
      return on.has('refused-stream') || on.has('5xx') || on.has('reset');
    case 'reset':
      return on.has('5xx') || on.has('gateway-error') || on.has('reset');
    case 'perTryTimeout':
      // Envoy answers a per-try timeout as 504: retried under 5xx, gateway-error and reset.
      return (
        on.has('5xx') ||
        on.has('gateway-error') ||
        on.has('reset') ||
        (on.has('retriable-status-codes') && policy.retriableStatusCodes.includes(504))
      );
    case 'response': {
      const s = o.status;
      if (on.has('5xx') && s >= 500 && s <= 599) return true;
      if (on.has('gateway-error') && s >= 502 && s <= 504) return true;
      if (on.has('retriable-4xx') && s === 409) return true;
      return on.has('retriable-status-codes') && policy.retriableStatusCodes.includes(s);
    }
  }
}
