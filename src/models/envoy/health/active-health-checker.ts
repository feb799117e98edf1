// Envoy's active health checking (HTTP and TCP) for one cluster as an event-driven model: one session per host with its
// interval and timeout timers, thresholds, first-check fast path and no-traffic interval. Owns active-HC state per host;
// sending the probe is the world's (a ProbeFn), and host sets react through the listener.
//
// Source: envoy source/extensions/health_checkers/common/health_checker_base_impl.cc (interval, intervalWithJitter,
// handleSuccess, setUnhealthy, onIntervalBase, onTimeoutBase, onInitialInterval); hosts added to a cluster with health
// checks start with FAILED_ACTIVE_HC (source/common/upstream/upstream_impl.cc updateDynamicHostList). Rules:
//   * A probe is sent at session start (after random() % initial_jitter when set), then the timeout timer runs; the next
//     probe is scheduled only when the result arrives (or the timeout fires), after interval(state, transition).
//   * interval: before any upstream connection, no_traffic_interval (no_traffic_healthy_interval for a settled healthy
//     host); otherwise interval / unhealthy_interval, or healthy_edge / unhealthy_edge interval while a change is pending;
//     plus random() % (jitter_percent * base / 100) and random() % interval_jitter (ms); at least 1 ms.
//   * Success: a failed host turns healthy on its first check ever, or after healthy_threshold passes in a row.
//   * Failure: a healthy host turns unhealthy at once on a non-network, non-retriable failure (an unexpected HTTP
//     status), otherwise after unhealthy_threshold network failures / timeouts / retriable statuses in a row.
// Per check O(1); one small result object per probe (checks are seconds apart).

import type { Engine, EventHandle, EventKind } from '../../../sim/engine.js';
import type { Rng } from '../../../sim/rng.js';
import { NS_PER_MS, type SimTime } from '../../../sim/time.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import type { ActiveHealthCheckConfig, StatusRange } from './health-check-config.js';

export interface HealthCheckedHost {
  readonly key: string;
}

/** What one probe saw. `latencyNs` is when the answer (or the connection failure) arrives after sending. */
export type ProbeResult =
  | { kind: 'response'; latencyNs: SimTime; status?: number; degraded?: boolean }
  | { kind: 'connectFailed'; latencyNs: SimTime }
  /** Nothing comes back: the timeout decides. */
  | { kind: 'noResponse' };

/** Sends a probe to a host now and says what will come back (the world decides from the host's state at send time). */
export type ProbeFn = (host: HealthCheckedHost) => ProbeResult;

export type HealthTransition = 'unchanged' | 'changed' | 'changePending';

export interface HealthCheckListener {
  /** FAILED_ACTIVE_HC changed (healthy = flag cleared). */
  onHealthChange?(host: HealthCheckedHost, healthy: boolean): void;
  /** Every completed check (Envoy's addHostCheckCompleteCb), e.g. for outlier un-ejection. */
  onCheckComplete?(host: HealthCheckedHost, transition: HealthTransition, passed: boolean): void;
}

type FailureType = 'active' | 'network' | 'networkTimeout';

export class HealthCheckSession {
  failedActiveHc = true;
  degradedActiveHc = false;
  firstCheck = true;
  numHealthy = 0;
  numUnhealthy = 0;
  /** Probe sequence number; a late answer to an old probe is ignored. */
  seq = 0;
  stopped = false;
  timer: EventHandle | null = null;
  timeoutTimer: EventHandle | null = null;

  constructor(readonly host: HealthCheckedHost) {}
}

function inRanges(status: number, ranges: readonly StatusRange[]): boolean {
  for (const r of ranges) if (status >= r.start && status < r.end) return true;
  return false;
}

export class ActiveHealthChecker {
  readonly sessions: HealthCheckSession[] = [];
  /** Envoy stats health_check.attempt / success / failure / network_failure. */
  attempts = 0;
  successes = 0;
  failures = 0;
  networkFailures = 0;
  private trafficSeen = false;
  private readonly intervalKind: EventKind<HealthCheckSession>;
  private readonly timeoutKind: EventKind<HealthCheckSession>;
  private readonly answerKind: EventKind<{ session: HealthCheckSession; seq: number; result: ProbeResult }>;

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    readonly config: ActiveHealthCheckConfig,
    private readonly timeline: TimelineSink,
    private readonly probe: ProbeFn,
    private readonly listener: HealthCheckListener = {},
  ) {
    this.intervalKind = engine.kind('health.interval', (s: HealthCheckSession) => this.onInterval(s));
    this.timeoutKind = engine.kind('health.timeout', (s: HealthCheckSession) => this.onTimeout(s));
    this.answerKind = engine.kind(
      'health.answer',
      (a: { session: HealthCheckSession; seq: number; result: ProbeResult }) =>
        this.onAnswer(a.session, a.seq, a.result),
    );
  }

  /** The cluster made an upstream connection (upstream_cx_total used): switch from the no-traffic interval. */
  noteUpstreamConnection(): void {
    this.trafficSeen = true;
  }

  /** A host joins the cluster: it starts failed (FAILED_ACTIVE_HC) and is probed now (or after the initial jitter). */
  addHost(host: HealthCheckedHost): HealthCheckSession {
    const s = new HealthCheckSession(host);
    this.sessions.push(s);
    const jitterMs = Math.floor(this.config.initialJitterNs / NS_PER_MS);
    if (jitterMs === 0) this.onInterval(s);
    else s.timer = this.engine.schedule(this.intervalWithJitterMs(0, jitterMs) * NS_PER_MS, this.intervalKind, s);
    return s;
  }

  removeHost(s: HealthCheckSession): void {
    const i = this.sessions.indexOf(s);
    if (i >= 0) this.sessions.splice(i, 1);
    s.stopped = true;
    if (s.timer !== null) this.engine.cancel(s.timer);
    if (s.timeoutTimer !== null) this.engine.cancel(s.timeoutTimer);
  }

  isHealthy(s: HealthCheckSession): boolean {
    return !s.failedActiveHc;
  }

  private onInterval(s: HealthCheckSession): void {
    if (s.stopped) return;
    s.timer = null;
    this.attempts++;
    const seq = ++s.seq;
    const result = this.probe(s.host);
    if (result.kind !== 'noResponse')
      this.engine.schedule(result.latencyNs, this.answerKind, { session: s, seq, result });
    s.timeoutTimer = this.engine.schedule(this.config.timeoutNs, this.timeoutKind, s);
  }

  private onTimeout(s: HealthCheckSession): void {
    if (s.stopped) return;
    s.timeoutTimer = null;
    s.seq++; // the connection is reset: a later answer is dropped
    this.handleFailure(s, 'networkTimeout', false);
  }

  private onAnswer(s: HealthCheckSession, seq: number, r: ProbeResult): void {
    if (s.stopped || seq !== s.seq || r.kind === 'noResponse') return;
    if (r.kind === 'connectFailed') return this.handleFailure(s, 'network', false);
    if (this.config.type === 'tcp') return this.handleSuccess(s, false);
    const status = r.status ?? 200;
    if (inRanges(status, this.config.expectedStatuses)) return this.handleSuccess(s, r.degraded === true);
    this.handleFailure(s, 'active', inRanges(status, this.config.retriableStatuses));
  }

  private handleSuccess(s: HealthCheckSession, degraded: boolean): void {
    s.numUnhealthy = 0;
    let t: HealthTransition = 'unchanged';
    if (s.failedActiveHc) {
      if (s.firstCheck || ++s.numHealthy === this.config.healthyThreshold) {
        s.failedActiveHc = false;
        t = 'changed';
        this.listener.onHealthChange?.(s.host, true);
        this.timeline.emit('health.healthy', { host: s.host.key });
      } else {
        t = 'changePending';
      }
    }
    if (degraded !== s.degradedActiveHc) {
      s.degradedActiveHc = degraded;
      if (t === 'unchanged') t = 'changed';
    }
    this.successes++;
    s.firstCheck = false;
    this.listener.onCheckComplete?.(s.host, t, true);
    this.rearm(s, true, t);
  }

  private handleFailure(s: HealthCheckSession, type: FailureType, retriable: boolean): void {
    s.numHealthy = 0;
    let t: HealthTransition = 'unchanged';
    if (!s.failedActiveHc) {
      if ((type === 'active' && !retriable) || ++s.numUnhealthy === this.config.unhealthyThreshold) {
        s.failedActiveHc = true;
        t = 'changed';
        this.listener.onHealthChange?.(s.host, false);
        this.timeline.emit('health.unhealthy', { host: s.host.key, reason: type });
      } else {
        t = 'changePending';
      }
    }
    this.failures++;
    if (type !== 'active') this.networkFailures++;
    s.firstCheck = false;
    this.listener.onCheckComplete?.(s.host, t, false);
    this.rearm(s, false, t);
  }

  private rearm(s: HealthCheckSession, healthy: boolean, t: HealthTransition): void {
    if (s.stopped) return;
    if (s.timeoutTimer !== null) {
      this.engine.cancel(s.timeoutTimer);
      s.timeoutTimer = null;
    }
    s.timer = this.engine.schedule(this.intervalMs(healthy, t) * NS_PER_MS, this.intervalKind, s);
  }

  /** Envoy's interval(state, changed_state) in whole ms. */
  private intervalMs(healthy: boolean, t: HealthTransition): number {
    const c = this.config;
    let baseNs: SimTime;
    if (this.trafficSeen) {
      if (!healthy) baseNs = t === 'changePending' ? c.unhealthyEdgeIntervalNs : c.unhealthyIntervalNs;
      else baseNs = t === 'changePending' ? c.healthyEdgeIntervalNs : c.intervalNs;
    } else {
      baseNs = healthy && t !== 'changePending' ? c.noTrafficHealthyIntervalNs : c.noTrafficIntervalNs;
    }
    return this.intervalWithJitterMs(Math.floor(baseNs / NS_PER_MS), Math.floor(c.intervalJitterNs / NS_PER_MS));
  }

  private intervalWithJitterMs(baseMs: number, jitterMs: number): number {
    let ms = baseMs;
    const percentMod = Math.floor((this.config.intervalJitterPercent * baseMs) / 100);
    if (percentMod > 0) ms += this.rng.u64Mod(percentMod);
    if (jitterMs > 0) ms += this.rng.u64Mod(jitterMs);
    return Math.max(1, ms);
  }
}
