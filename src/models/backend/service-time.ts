// Service-time distributions of a backend pod (how long the application takes per request), drawn from the pod's stream.
// Resolved config only: constant, exponential, lognormal (mean + coefficient of variation) and empirical (samples).
import type { Rng } from '../../sim/rng.js';
import { lognormalParams } from '../../sim/rng.js';

export type ServiceTimeConfig =
  | { distribution: 'constant'; meanNs: number }
  | { distribution: 'exponential'; meanNs: number }
  | { distribution: 'lognormal'; meanNs: number; cv: number }
  /** Draws uniformly from the given samples (a measured profile), in ns. */
  | { distribution: 'empirical'; samplesNs: readonly number[] };

/**
 * The echo server's own time per request when a scenario says nothing: echo-basic (the workshops' image,
 * gcr.io/k8s-staging-gateway-api/echo-basic) only serialises the request back as JSON, tens of microseconds.
 */
export const DEFAULT_SERVICE_TIME: ServiceTimeConfig = { distribution: 'constant', meanNs: 50_000 };

/**
 * A sampler bound to one distribution: allocation-free draws, in whole ns (the engine rounds delays to ns anyway; an
 * integer below 2^31 crosses calls unboxed where a fractional double would be boxed).
 */
export interface ServiceTimeSampler {
  readonly meanNs: number;
  sample(rng: Rng): number;
}

export function serviceTimeSampler(c: ServiceTimeConfig): ServiceTimeSampler {
  switch (c.distribution) {
    case 'constant':
      return { meanNs: c.meanNs, sample: () => c.meanNs };
    case 'exponential':
      return { meanNs: c.meanNs, sample: (rng) => Math.round(rng.exponential(c.meanNs)) };
    case 'lognormal': {
      const { mu, sigma } = lognormalParams(c.meanNs, c.cv);
      return { meanNs: c.meanNs, sample: (rng) => Math.round(rng.lognormal(mu, sigma)) };
    }
    case 'empirical': {
      const xs = Float64Array.from(c.samplesNs);
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      return { meanNs: mean, sample: (rng) => xs[rng.below(xs.length)] };
    }
  }
}
