// Envoy's retry back-off: fully jittered exponential, base 25 ms and max 10 x base by default.
// Owns the back-off's bounds and draws, derived from the attempt number (no state per request); whether to retry is
// retry-policy.ts.
//
// Rule (envoy source/common/common/backoff_strategy.cc, JitteredExponentialBackOffStrategy::nextBackOffMs; defaults in
// api/envoy/config/route/v3/route_components.proto RetryPolicy.RetryBackOff): interval starts at base; each call returns
// random() % interval ms, then interval doubles while it is below max / 2 (integer), else becomes max. With 25/250 ms:
// draws from [0,25), [0,50), [0,100), [0,200), then [0,250). (The router docs' [0, (2^N - 1) x base) describes an older
// implementation; the source is followed here.) O(1), allocation-free.

import type { Rng } from '../../../sim/rng.js';
import { NS_PER_MS, type SimTime } from '../../../sim/time.js';

export const DEFAULT_RETRY_BASE_INTERVAL_NS = 25 * NS_PER_MS;

/** A back-off's limits in whole ms, as Envoy reads the policy's durations (truncated; max at least base). */
export function backoffLimitsMs(baseIntervalNs: SimTime, maxIntervalNs: SimTime): { baseMs: number; maxMs: number } {
  const baseMs = Math.max(1, Math.floor(baseIntervalNs / NS_PER_MS));
  return { baseMs, maxMs: Math.max(baseMs, Math.floor(maxIntervalNs / NS_PER_MS)) };
}

/**
 * The exclusive bound (ms) of the draw before retry `attempt` (0 = the first retry): the strategy's interval after
 * `attempt` updates, without keeping a strategy object per request. O(log(max / base)).
 */
export function backoffBoundMs(baseMs: number, maxMs: number, attempt: number): number {
  const doublingLimit = Math.floor(maxMs / 2);
  let interval = baseMs;
  for (let i = 0; i < attempt && interval !== maxMs; i++) interval = interval < doublingLimit ? interval * 2 : maxMs;
  return interval;
}

/** The wait (ms) before retry `attempt` (0 = the first retry): random() % the interval bound, as nextBackOffMs draws. */
export function drawBackoffMs(rng: Rng, baseMs: number, maxMs: number, attempt: number): number {
  return rng.u64Mod(backoffBoundMs(baseMs, maxMs, attempt));
}
