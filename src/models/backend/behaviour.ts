// How a backend pod behaves under load, resolved from a scenario's `spec.backends` entry: service time, concurrency
// with a FIFO queue, and failure modes (a 5xx rate, a slow fraction). Crashes and port changes are pod state, not here.
import { DEFAULT_SERVICE_TIME, type ServiceTimeConfig } from './service-time.js';

export interface BackendBehaviour {
  serviceTime: ServiceTimeConfig;
  /** Requests served at once; more wait in a FIFO queue. Infinity = no limit (echo-basic: one goroutine per request). */
  concurrency: number;
  /** Waiting requests beyond which the pod answers 503 at once (Infinity = unbounded). */
  queueLimit: number;
  /** Fraction of requests answered with `errorStatus` (a failing application). */
  errorRate: number;
  errorStatus: number;
  /** Fraction of requests that take `slowFactor` times longer (a GC pause, a slow dependency). */
  slowFraction: number;
  slowFactor: number;
}

export const DEFAULT_BEHAVIOUR: BackendBehaviour = {
  serviceTime: DEFAULT_SERVICE_TIME,
  concurrency: Infinity,
  queueLimit: Infinity,
  errorRate: 0,
  errorStatus: 500,
  slowFraction: 0,
  slowFactor: 1,
};
