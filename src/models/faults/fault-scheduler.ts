// Applies faults at simulated times to the registered models, in registration order, and records them on the timeline
// (`fault`, then `node.down`/`node.up`; links emit their own `link.*`). It decides nothing about consequences.
import type { Engine, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { InputError } from '../../sim/input-error.js';
import type { TimelineSink } from '../metrics/timeline.js';
import type { Fault, FaultTargets } from './fault.js';

export class FaultScheduler {
  private readonly kApply: EventKind<Fault>;

  constructor(
    private readonly engine: Engine,
    _rng: Rng,
    private readonly targets: FaultTargets,
    private readonly timeline: TimelineSink,
  ) {
    this.kApply = engine.kind('fault.apply', (f: Fault) => this.apply(f));
  }

  /** Applies `fault` at absolute time `at` (>= now). */
  scheduleAt(at: SimTime, fault: Fault): void {
    this.engine.scheduleAt(at, this.kApply, fault);
  }

  /** Applies `fault` now. */
  apply(f: Fault): void {
    const t = this.targets;
    this.timeline.emit('fault', { fault: f.kind, ...describe(f) });
    switch (f.kind) {
      case 'nodeDown':
        this.timeline.emit('node.down', { node: f.node, mode: f.mode });
        for (const m of t.nodes ?? []) if (!m.networkLayer) m.nodeDown(f.node, f.mode);
        for (const m of t.nodes ?? []) if (m.networkLayer) m.nodeDown(f.node, f.mode);
        return;
      case 'nodeUp':
        this.timeline.emit('node.up', { node: f.node });
        for (const m of t.nodes ?? []) if (m.networkLayer) m.nodeUp(f.node);
        for (const m of t.nodes ?? []) if (!m.networkLayer) m.nodeUp(f.node);
        return;
      case 'podCrash':
        for (const m of t.pods ?? []) m.podCrash(f.pod);
        return;
      case 'podHang':
        for (const m of t.pods ?? []) m.podHang(f.pod);
        return;
      case 'podRecover':
        for (const m of t.pods ?? []) m.podRecover(f.pod);
        return;
      case 'linkDown':
      case 'linkUp':
        this.need(t.links, f.kind).setLinkUp(f.between[0], f.between[1], f.kind === 'linkUp');
        return;
      case 'linkDegraded':
        this.need(t.links, f.kind).degradeLink(f.between[0], f.between[1], {
          latencyNs: f.latencyNs,
          jitterNs: f.jitterNs,
          loss: f.loss,
          bandwidthBps: f.bandwidthBps,
        });
        return;
      case 'linkRestored':
        this.need(t.links, f.kind).restoreLink(f.between[0], f.between[1]);
        return;
      case 'partition':
      case 'heal':
        this.need(t.links, f.kind).setLinkUp(f.clusters[0], f.clusters[1], f.kind === 'heal');
        return;
      case 'clusterDown':
      case 'clusterUp':
        for (const node of this.need(t.clusters, f.kind).nodesOf(f.cluster))
          this.apply(f.kind === 'clusterDown' ? { kind: 'nodeDown', node, mode: 'hard' } : { kind: 'nodeUp', node });
        return;
      case 'bgpSessionReset':
        this.need(t.bgp, f.kind).resetSession(f.speaker, f.protocol, f.mode);
        return;
      case 'bgpDaemonRestart': {
        const bgp = this.need(t.bgp, f.kind);
        bgp.killDaemon(f.speaker);
        this.engine.schedule(f.downNs, () => bgp.recover(f.speaker));
        return;
      }
    }
  }

  private need<T>(x: T | undefined, kind: string): T {
    if (x === undefined)
      throw new InputError(`fault ${kind} needs a model that is not part of this scenario`, { field: 'fault' });
    return x;
  }
}

function describe(f: Fault): Record<string, unknown> {
  const { kind: _kind, ...rest } = f;
  return rest;
}
