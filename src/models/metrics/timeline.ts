// The run's timeline: control-plane and fault events (node.down, bgp.withdrawn, outlier.ejected, config.pushed, ...)
// in simulated-time order, as `run --json` reports them. Rare events only; per-request data goes to the recorder.
import type { Engine } from '../../sim/engine.js';
import { toSeconds } from '../../sim/time.js';

/** Every kind a run's timeline holds (`area.what`), closed: a new kind is added here, where the contract lists them. */
export type TimelineKind =
  | 'node.down'
  | 'node.up'
  | 'node.notReady'
  | 'node.ready'
  | 'pod.evicted'
  | 'pod.ready'
  | 'pod.notReady'
  | 'pod.crashed'
  | 'pod.started'
  | 'pod.terminating'
  | 'pod.stopped'
  | 'endpoint.added'
  | 'endpoint.removed'
  | 'bgp.established'
  | 'bgp.down'
  | 'bgp.advertised'
  | 'bgp.withdrawn'
  | 'l2.leaseAcquired'
  | 'l2.leaseLost'
  | 'config.pushed'
  | 'gateway.moved'
  | 'gateway.removed'
  | 'outlier.ejected'
  | 'outlier.unejected'
  | 'health.unhealthy'
  | 'health.healthy'
  | 'link.down'
  | 'link.up'
  | 'link.degraded'
  | 'fault'
  | 'step';

export interface TimelineEvent {
  /** Simulated seconds since the start of the run. */
  readonly t: number;
  readonly kind: TimelineKind;
  readonly [field: string]: unknown;
}

/** Where models report timeline events. */
export interface TimelineSink {
  emit(kind: TimelineKind, fields?: Record<string, unknown>): void;
}

export class Timeline implements TimelineSink {
  readonly events: TimelineEvent[] = [];

  constructor(private readonly engine: Engine) {}

  emit(kind: TimelineKind, fields: Record<string, unknown> = {}): void {
    this.events.push({ t: toSeconds(this.engine.now), kind, ...fields });
  }
}

/** A sink that drops everything (for unit tests and benchmarks). */
export const nullTimeline: TimelineSink = { emit: () => undefined };
