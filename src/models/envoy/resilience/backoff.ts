// Envoy's retry back-off: fully jittered exponential, base 25 ms and max 10 x base by default.
// Owns the per-request back-off state and draws; whether to retry is retry-policy.ts.
//
// Rule (envoy source/common/common/backoff_strategy.cc, JitteredExponentialBackOffStrategy::nextBackOffMs; defaults in
// api/envoy/config/route/v3/route_components.proto RetryPolicy.RetryBackOff): interval starts at base; each call returns
// random() % interval ms, then interval doubles while it is below max / 2 (integer), else becomes max. With 25/250 ms:
// draws from [0,25), [0,50), [0,100), [0,200), then [0,250). (The router docs' [0, (2^N - 1) x base) describes an older
// implementation; the source is followed here.) O(1), allocation-free.

import type { Rng } from '../../../sim/rng.js';
import { NS_PER_MS, type SimTime } from '../../../sim/time.js';

export const DEFAULT_RETRY_BASE_INTERVAL_NS = 25 * NS_PER_MS;

export class JitteredExponentialBackoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly doublingLimitMs: number;
  private nextIntervalMs: number;

  /** Intervals are whole ms (Envoy's unit); max defaults to 10 x base. */
  constructor(baseIntervalNs: SimTime = DEFAULT_RETRY_BASE_INTERVAL_NS, maxIntervalNs: SimTime = 10 * baseIntervalNs) {
    this.baseMs = Math.max(1, Math.floor(baseIntervalNs / NS_PER_MS));
    this.maxMs = Math.max(this.baseMs, Math.floor(maxIntervalNs / NS_PER_MS));
    this.doublingLimitMs = Math.floor(this.maxMs / 2);
    this.nextIntervalMs = this.baseMs;
  }

  /** The wait before the next retry, in ns. */
  nextBackoffNs(rng: Rng): SimTime {
    const interval = this.nextIntervalMs;
    this.nextIntervalMs = interval < this.doublingLimitMs ? interval * 2 : this.maxMs;
    return rng.u64Mod(interval) * NS_PER_MS;
  }

  /** The upper bound (exclusive, ms) the next draw will use. */
  get nextIntervalBoundMs(): number {
    return this.nextIntervalMs;
  }

  reset(): void {
    this.nextIntervalMs = this.baseMs;
  }
}
