// Envoy's outlier detection (passive health checking) for one cluster as an event-driven state machine: per-host
// consecutive counters and success-rate buckets fed per response, inline ejection when a counter reaches its threshold,
// the max-ejection-percent gate, enforcement percentages, and the interval sweep that un-ejects, runs success-rate and
// failure-percentage detection and decays the back-off. Owns ejection state; host sets and routing react via the listener.
//
// Source: envoy source/common/upstream/outlier_detection_impl.cc (DetectorHostMonitorImpl::putHttpResponseCode,
// putResultNoLocalExternalSplit / putResultWithLocalExternalSplit, DetectorImpl::ejectHost, checkHostForUneject,
// onIntervalTimer, processSuccessRateEjections, onConsecutiveErrorWorker). Rules:
//   * 5xx -> consecutive5xx += 1; 502/503/504 also consecutiveGatewayFailure += 1 (other 5xx reset it); non-5xx resets
//     both. A counter fires when it becomes exactly equal to its threshold.
//   * Firing ejects at once (Envoy posts to the main thread; this model uses zero delay) unless already ejected; the
//     fired counter is then reset whether or not the gate allowed the ejection.
//   * Gate: ejection-gate.ts. Enforcement: `random() % 100 < enforcing_*` (drawn only when strictly between 0 and 100).
//   * On ejection: num_ejections += 1, jitter = random() % (max_ejection_time_jitter_ms + 1) ms, and back-off += 1 while
//     back-off * base < max + base. Un-ejection only on the interval sweep, when min(base * back-off, max) + jitter <=
//     now - last ejection; it resets the consecutive counters. Each sweep decrements the back-off of hosts that are not
//     ejected and were un-ejected at least one interval ago. The sweep runs every interval from construction.
// Hosts are swept in insertion order (Envoy iterates an unordered map: order unspecified). Per-response work is O(1)
// and allocation-free; a sweep is O(hosts).

import type { Engine, EventKind } from '../../../sim/engine.js';
import type { Rng } from '../../../sim/rng.js';
import { NS_PER_MS, type SimTime } from '../../../sim/time.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import { ejectionAllowed } from './ejection-gate.js';
import { wholeMs, type OutlierDetectionConfig } from './outlier-config.js';
import { successRateEjectionThreshold } from './success-rate.js';

/** What the detector needs of a host. The LB's Host satisfies it; its failed-outlier flag is set by the listener. */
export interface OutlierHost {
  readonly key: string;
}

/** Envoy's OutlierEjectionType names in camelCase. */
export type OutlierEjectionType =
  | 'consecutive5xx'
  | 'consecutiveGatewayFailure'
  | 'consecutiveLocalOriginFailure'
  | 'successRate'
  | 'successRateLocalOrigin'
  | 'failurePercentage'
  | 'failurePercentageLocalOrigin';

/** Envoy's Outlier::Result: what the connection pool and router report besides HTTP status codes. */
export type OutlierResult =
  | 'localOriginConnectFailed'
  | 'localOriginTimeout'
  | 'localOriginConnectSuccess'
  | 'localOriginConnectSuccessFinal'
  | 'extOriginRequestFailed'
  | 'extOriginRequestSuccess';

/** Told about every ejection and un-ejection (to flip the host's FAILED_OUTLIER_CHECK flag and rebuild host sets). */
export interface OutlierListener {
  onEjectionChange(host: OutlierHost, ejected: boolean): void;
}

const EXTERNAL = 0;
const LOCAL = 1;

/** Per-host counters and ejection state (Envoy's DetectorHostMonitorImpl); the router reports results here. */
export class HostOutlierMonitor {
  consecutive5xx = 0;
  consecutiveGatewayFailure = 0;
  consecutiveLocalOriginFailure = 0;
  ejected = false;
  numEjections = 0;
  /** -1 until first ejected / un-ejected. */
  lastEjectionTime: SimTime = -1;
  lastUnejectionTime: SimTime = -1;
  ejectTimeBackoff = 0;
  jitterNs: SimTime = 0;
  removed = false;
  /** Success-rate buckets [external, local]: the one being written and the last completed interval's. */
  readonly currentTotal = new Float64Array(2);
  readonly currentSuccess = new Float64Array(2);
  readonly backupTotal = new Float64Array(2);
  readonly backupSuccess = new Float64Array(2);
  /** Scratch for the sweep: 1 = success-rate eligible, 2 = failure-percentage eligible. */
  eligible = 0;
  rate = 0;

  constructor(
    readonly host: OutlierHost,
    private readonly detector: OutlierDetector,
  ) {}

  /** An HTTP response status from this host. */
  putHttpResponseCode(code: number): void {
    this.currentTotal[EXTERNAL]++;
    const cfg = this.detector.config;
    if (code >= 500 && code <= 599) {
      if (code >= 502 && code <= 504) {
        if (++this.consecutiveGatewayFailure === cfg.consecutiveGatewayFailure)
          this.detector.onConsecutiveError(this, 'consecutiveGatewayFailure');
      } else {
        this.consecutiveGatewayFailure = 0;
      }
      if (++this.consecutive5xx === cfg.consecutive5xx) this.detector.onConsecutiveError(this, 'consecutive5xx');
    } else {
      this.currentSuccess[EXTERNAL]++;
      this.consecutive5xx = 0;
      this.consecutiveGatewayFailure = 0;
    }
  }

  /** A locally originated event (connect failure, timeout, ...) or a non-HTTP result; `code` overrides when given (no-split mode). */
  putResult(result: OutlierResult, code?: number): void {
    if (!this.detector.config.splitExternalLocalOriginErrors) {
      if (code !== undefined) return this.putHttpResponseCode(code);
      switch (result) {
        case 'extOriginRequestSuccess':
        case 'localOriginConnectSuccessFinal':
          return this.putHttpResponseCode(200);
        case 'localOriginTimeout':
          return this.putHttpResponseCode(504);
        case 'localOriginConnectFailed':
          return this.putHttpResponseCode(503);
        case 'extOriginRequestFailed':
          return this.putHttpResponseCode(500);
        case 'localOriginConnectSuccess':
          return; // the intermediate "connected" event is not mapped to a code
      }
    }
    switch (result) {
      case 'localOriginConnectSuccess':
      case 'localOriginConnectSuccessFinal':
        return this.localOriginNoFailure();
      case 'localOriginTimeout':
      case 'localOriginConnectFailed':
        return this.localOriginFailure();
      case 'extOriginRequestFailed':
        return this.putHttpResponseCode(503);
      case 'extOriginRequestSuccess':
        this.putHttpResponseCode(200);
        return this.localOriginNoFailure();
    }
  }

  private localOriginFailure(): void {
    this.currentTotal[LOCAL]++;
    if (++this.consecutiveLocalOriginFailure === this.detector.config.consecutiveLocalOriginFailure)
      this.detector.onConsecutiveError(this, 'consecutiveLocalOriginFailure');
  }

  private localOriginNoFailure(): void {
    this.currentTotal[LOCAL]++;
    this.currentSuccess[LOCAL]++;
    this.consecutiveLocalOriginFailure = 0;
  }
}

export class OutlierDetector {
  readonly monitors: HostOutlierMonitor[] = [];
  /** Hosts currently ejected (Envoy's ejections_active gauge). */
  ejectedCount = 0;
  /** Envoy's stats: outlier_detection.ejections_overflow, ejections_detected_*, ejections_enforced_*. */
  ejectionsOverflow = 0;
  readonly ejectionsDetected: Record<OutlierEjectionType, number> = zeroCounts();
  readonly ejectionsEnforced: Record<OutlierEjectionType, number> = zeroCounts();
  private readonly intervalKind: EventKind<null>;
  private rates = new Float64Array(16);

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    readonly config: OutlierDetectionConfig,
    private readonly timeline: TimelineSink,
    private readonly listener?: OutlierListener,
  ) {
    this.intervalKind = engine.kind<null>('outlier.interval', () => this.onIntervalTimer());
    engine.schedule(config.intervalNs, this.intervalKind, null);
  }

  /** Starts monitoring a host (Envoy: addHostMonitor on host-set membership change). */
  addHost(host: OutlierHost): HostOutlierMonitor {
    const m = new HostOutlierMonitor(host, this);
    this.monitors.push(m);
    if (this.rates.length < this.monitors.length) this.rates = new Float64Array(this.monitors.length * 2);
    return m;
  }

  /** Stops monitoring a host; an ejected host leaves the ejected count. */
  removeHost(monitor: HostOutlierMonitor): void {
    const i = this.monitors.indexOf(monitor);
    if (i < 0) return;
    this.monitors.splice(i, 1);
    monitor.removed = true;
    if (monitor.ejected) this.ejectedCount--;
  }

  /** A completed active health check (wire from the health checker): a pass on a host not failing active HC un-ejects it. */
  onActiveHealthCheckResult(monitor: HostOutlierMonitor, passed: boolean, failedActiveHealthCheck: boolean): void {
    if (
      this.config.successfulActiveHealthCheckUnejectHost &&
      passed &&
      !failedActiveHealthCheck &&
      monitor.ejected &&
      !monitor.removed
    ) {
      this.unejectHost(monitor, 'activeHealthCheck');
    }
  }

  /** A consecutive counter reached its threshold (Envoy: onConsecutiveErrorWorker on the main thread). */
  onConsecutiveError(monitor: HostOutlierMonitor, type: OutlierEjectionType): void {
    if (monitor.removed || monitor.ejected) return;
    this.ejectionsDetected[type]++;
    this.ejectHost(monitor, type);
    if (type === 'consecutive5xx') monitor.consecutive5xx = 0;
    else if (type === 'consecutiveGatewayFailure') monitor.consecutiveGatewayFailure = 0;
    else if (type === 'consecutiveLocalOriginFailure') monitor.consecutiveLocalOriginFailure = 0;
  }

  private enforcing(type: OutlierEjectionType): number {
    const c = this.config;
    switch (type) {
      case 'consecutive5xx':
        return c.enforcingConsecutive5xx;
      case 'consecutiveGatewayFailure':
        return c.enforcingConsecutiveGatewayFailure;
      case 'consecutiveLocalOriginFailure':
        return c.enforcingConsecutiveLocalOriginFailure;
      case 'successRate':
        return c.enforcingSuccessRate;
      case 'successRateLocalOrigin':
        return c.enforcingLocalOriginSuccessRate;
      case 'failurePercentage':
        return c.enforcingFailurePercentage;
      case 'failurePercentageLocalOrigin':
        return c.enforcingFailurePercentageLocalOrigin;
    }
  }

  private ejectHost(m: HostOutlierMonitor, type: OutlierEjectionType): void {
    const c = this.config;
    if (!ejectionAllowed(this.ejectedCount, this.monitors.length, c.maxEjectionPercent, c.alwaysEjectOneHost)) {
      this.ejectionsOverflow++;
      return;
    }
    // Runtime featureEnabled: random() % 100 < percent; 0 and 100 need no draw.
    const pct = this.enforcing(type);
    const enforced = pct >= 100 ? true : pct <= 0 ? false : this.rng.u64Mod(100) < pct;
    if (!enforced) return;
    const now = this.engine.now;
    this.ejectedCount++;
    this.ejectionsEnforced[type]++;
    m.ejected = true;
    m.numEjections++;
    m.lastEjectionTime = now;
    const jitterMs = wholeMs(c.maxEjectionTimeJitterNs);
    m.jitterNs = jitterMs > 0 ? this.rng.u64Mod(jitterMs + 1) * NS_PER_MS : 0;
    if (m.ejectTimeBackoff * c.baseEjectionTimeNs < c.maxEjectionTimeNs + c.baseEjectionTimeNs) m.ejectTimeBackoff++;
    this.listener?.onEjectionChange(m.host, true);
    this.timeline.emit('outlier.ejected', { host: m.host.key, reason: type, ejections: m.numEjections });
  }

  private unejectHost(m: HostOutlierMonitor, reason: 'interval' | 'activeHealthCheck'): void {
    this.ejectedCount--;
    m.ejected = false;
    m.consecutive5xx = 0;
    m.consecutiveGatewayFailure = 0;
    m.consecutiveLocalOriginFailure = 0;
    m.lastUnejectionTime = this.engine.now;
    this.listener?.onEjectionChange(m.host, false);
    this.timeline.emit('outlier.unejected', { host: m.host.key, reason });
  }

  /** The interval sweep (Envoy's onIntervalTimer). */
  private onIntervalTimer(): void {
    const now = this.engine.now;
    const c = this.config;
    for (const m of this.monitors) {
      if (
        m.ejected &&
        Math.min(c.baseEjectionTimeNs * m.ejectTimeBackoff, c.maxEjectionTimeNs) + m.jitterNs <=
          now - m.lastEjectionTime
      )
        this.unejectHost(m, 'interval');
      for (let k = 0; k < 2; k++) {
        m.backupTotal[k] = m.currentTotal[k];
        m.backupSuccess[k] = m.currentSuccess[k];
        m.currentTotal[k] = 0;
        m.currentSuccess[k] = 0;
      }
    }
    this.processSuccessRateEjections(EXTERNAL);
    this.processSuccessRateEjections(LOCAL);
    for (const m of this.monitors) {
      if (
        !m.ejected &&
        m.lastUnejectionTime >= 0 &&
        now - m.lastUnejectionTime >= c.intervalNs &&
        m.ejectTimeBackoff !== 0
      )
        m.ejectTimeBackoff--;
    }
    this.engine.schedule(c.intervalNs, this.intervalKind, null);
  }

  private processSuccessRateEjections(kind: number): void {
    const c = this.config;
    const n = this.monitors.length;
    if (n < c.successRateMinimumHosts && n < c.failurePercentageMinimumHosts) return;
    let sum = 0;
    let validSr = 0;
    let validFp = 0;
    for (const m of this.monitors) {
      m.eligible = 0;
      if (m.ejected) continue;
      const total = m.backupTotal[kind];
      if (total === 0) continue;
      m.rate = (m.backupSuccess[kind] * 100.0) / total;
      if (total >= c.successRateRequestVolume) {
        m.eligible |= 1;
        this.rates[validSr++] = m.rate;
        sum += m.rate;
      }
      if (total >= c.failurePercentageRequestVolume) {
        m.eligible |= 2;
        validFp++;
      }
    }
    if (validSr > 0 && validSr >= c.successRateMinimumHosts) {
      const { threshold } = successRateEjectionThreshold(this.rates, validSr, sum, c.successRateStdevFactor / 1000.0);
      const type: OutlierEjectionType = kind === EXTERNAL ? 'successRate' : 'successRateLocalOrigin';
      for (const m of this.monitors) {
        if ((m.eligible & 1) !== 0 && m.rate < threshold) {
          this.ejectionsDetected[type]++;
          // Envoy would call ejectHost again on a host ejected earlier in this sweep; skipping keeps the count right.
          if (!m.ejected) this.ejectHost(m, type);
        }
      }
    }
    if (validFp > 0 && validFp >= c.failurePercentageMinimumHosts) {
      const type: OutlierEjectionType = kind === EXTERNAL ? 'failurePercentage' : 'failurePercentageLocalOrigin';
      for (const m of this.monitors) {
        if ((m.eligible & 2) !== 0 && 100.0 - m.rate >= c.failurePercentageThreshold) {
          this.ejectionsDetected[type]++;
          if (!m.ejected) this.ejectHost(m, type);
        }
      }
    }
  }
}

function zeroCounts(): Record<OutlierEjectionType, number> {
  return {
    consecutive5xx: 0,
    consecutiveGatewayFailure: 0,
    consecutiveLocalOriginFailure: 0,
    successRate: 0,
    successRateLocalOrigin: 0,
    failurePercentage: 0,
    failurePercentageLocalOrigin: 0,
  };
}
