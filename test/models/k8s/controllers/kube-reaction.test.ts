import { describe, it, expect } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_S, NS_PER_MS } from '../../../../src/sim/time.js';
import { KubeReaction } from '../../../../src/models/k8s/controllers/kube-reaction.js';
import type { KubePodSpec, KubeReactionCallbacks } from '../../../../src/models/k8s/controllers/kube-reaction.js';
import { nodeMonitorGracePeriodNs } from '../../../../src/models/k8s/controllers/kube-timings.js';
import { RecordingTimeline } from '../../net/recording-timeline.js';

const S = NS_PER_S;
const EP = 10 * NS_PER_MS; // ENDPOINTSLICE_PROPAGATION_NS

function make(kubeMinor = 32, extra: KubeReactionCallbacks = {}) {
  const engine = new Engine();
  const tl = new RecordingTimeline(engine);
  const evicted: KubePodSpec[] = [];
  const changes: string[] = [];
  const k = new KubeReaction(
    engine,
    new RngRoot(1).fork('k8s'),
    {
      nodes: ['control1', 'worker1', 'worker2'],
      kubeMinor,
      kubeletPhaseNs: { control1: 0, worker1: 3 * S, worker2: 0 },
      monitorPhaseNs: 1 * S,
      plegPhaseNs: { control1: 0, worker1: 250 * NS_PER_MS, worker2: 0 },
    },
    tl,
    {
      ...extra,
      onPodEvicted: (p) => evicted.push(p),
      onEndpointsChanged: (svc, eps) =>
        changes.push(
          `${engine.now} ${svc} ${eps
            .filter((e) => e.ready)
            .map((e) => e.pod)
            .join(',')}`,
        ),
    },
  );
  k.addPod({ name: 'envoy-1', node: 'worker1', services: ['tigera-gateway/envoy'] });
  k.addPod({ name: 'backend-a', node: 'worker1', services: ['default/backend'] });
  k.addPod({ name: 'backend-b', node: 'worker2', services: ['default/backend'] }, 4 * S);
  return { engine, tl, k, evicted, changes };
}

describe('Kubernetes reaction to failures', () => {
  it('node-monitor-grace-period is 40 s up to 1.31 and 50 s from 1.32', () => {
    expect(nodeMonitorGracePeriodNs(31)).toBe(40 * S);
    expect(nodeMonitorGracePeriodNs(32)).toBe(50 * S);
  });

  it('hard node failure: NotReady at the monitor tick >= (first tick after last lease renew) + grace; eviction 300 s later', () => {
    const { engine, tl, k, evicted, changes } = make();
    engine.run({ until: 100 * S });
    k.nodeDown('worker1');
    engine.run({ until: 500 * S });
    // last renew 93 s (phase 3 s, every 10 s); the 5 s monitor loop (phase 1 s) sees it at 96 s; 96 + 50 = 146 s is a tick.
    expect(tl.lines('node', 'pod', 'service', 'reason')).toEqual([
      `${146 * S} node.notReady node=worker1`,
      `${146 * S} pod.notReady node=worker1 pod=envoy-1 reason=nodeNotReady`,
      `${146 * S} pod.notReady node=worker1 pod=backend-a reason=nodeNotReady`,
      `${146 * S + EP} endpoint.removed pod=envoy-1 service=tigera-gateway/envoy`,
      `${146 * S + EP} endpoint.removed pod=backend-a service=default/backend`,
      `${446 * S} pod.evicted node=worker1 pod=envoy-1`,
      `${446 * S} pod.evicted node=worker1 pod=backend-a`,
    ]);
    expect(evicted.map((p) => p.name)).toEqual(['envoy-1', 'backend-a']);
    expect(changes).toEqual([
      `${146 * S + EP} tigera-gateway/envoy `,
      `${146 * S + EP} default/backend backend-b`,
      `${446 * S + EP} tigera-gateway/envoy `,
      `${446 * S + EP} default/backend backend-b`,
    ]);
  });

  it('v1.31 grace (40 s): NotReady 10 s earlier', () => {
    const { engine, tl, k } = make(31);
    engine.run({ until: 100 * S });
    k.nodeDown('worker1');
    engine.run({ until: 200 * S });
    expect(tl.events[0]).toMatchObject({ t: 136 * S, kind: 'node.notReady' });
  });

  it('replacement pod: started after pod startup, Ready at the first probe tick after the app listens, endpoint added', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 10 * S });
    k.startPod({ name: 'envoy-2', node: 'worker2', services: ['tigera-gateway/envoy'] });
    engine.run({ until: 60 * S });
    expect(tl.lines('pod', 'service')).toEqual([
      `${20 * S} pod.started pod=envoy-2`,
      `${30 * S} pod.ready pod=envoy-2`,
      `${30 * S + EP} endpoint.added pod=envoy-2 service=tigera-gateway/envoy`,
    ]);
  });

  it('readiness probe failure: NotReady at first failing tick + (3-1) x 10 s + 1 s timeout; Ready again at the next tick after recovery', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S });
    k.podHang('backend-b'); // probe ticks at 4 s + 10k
    engine.run({ until: 130 * S });
    k.podRecover('backend-b');
    engine.run({ until: 200 * S });
    expect(tl.lines('pod', 'reason')).toEqual([
      `${125 * S} pod.notReady pod=backend-b reason=readinessProbe`,
      `${125 * S + EP} endpoint.removed pod=backend-b`,
      `${134 * S} pod.ready pod=backend-b reason=readinessProbe`,
      `${134 * S + EP} endpoint.added pod=backend-b`,
    ]);
  });

  it('container crash: NotReady at the next PLEG relist, restarted there (the first restart); Ready at its next probe', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S + 300 * NS_PER_MS });
    // worker1's PLEG relists at 0.25 s + k x 1 s: the exit at 100.3 s is seen at 101.25 s.
    expect(k.podCrash('backend-a')).toBe(101 * S + 250 * NS_PER_MS);
    engine.run({ until: 200 * S });
    expect(tl.lines('pod', 'reason', 'restarts')).toEqual([
      `${100 * S + 300 * NS_PER_MS} pod.crashed pod=backend-a`,
      `${101 * S + 250 * NS_PER_MS} pod.notReady pod=backend-a reason=containerExited`,
      `${101 * S + 250 * NS_PER_MS} pod.started pod=backend-a restarts=1`,
      `${101 * S + 250 * NS_PER_MS + EP} endpoint.removed pod=backend-a`,
      // The probe grid restarts with the container (10 s period); the app listens after 1 s, so the 10 s tick.
      `${111 * S + 250 * NS_PER_MS} pod.ready pod=backend-a reason=readinessProbe`,
      `${111 * S + 250 * NS_PER_MS + EP} endpoint.added pod=backend-a`,
    ]);
    expect(k.restartCount('backend-a')).toBe(1);
  });

  /** A pod whose container crashes `upNs` after each start (from the first crash at 100.3 s). */
  function crashLoop(upNs: (start: number) => number) {
    let crash: (() => void) | null = null;
    let n = 0;
    const made = make(32, {
      onContainerChanged: (pod, running) => {
        if (running && pod.name === 'backend-a' && crash !== null) made.engine.schedule(upNs(n++), kCrash, null);
      },
    });
    const kCrash = made.engine.kind('test.crash', () => crash?.());
    crash = () => made.k.podCrash('backend-a');
    made.engine.run({ until: 100 * S + 300 * NS_PER_MS });
    made.k.podCrash('backend-a');
    return made;
  }

  function exitsAndStarts(tl: RecordingTimeline): { exits: number[]; starts: number[] } {
    const exits: number[] = [];
    const starts: number[] = [];
    for (const e of tl.events)
      if (e.kind === 'pod.crashed') exits.push(e.t);
      else if (e.kind === 'pod.started') starts.push(e.t);
    return { exits, starts };
  }

  it('CrashLoopBackOff: crashing 2 s after each start, it restarts 0, 10, 20, 40 ... 300, 300 s after its exits', () => {
    const { engine, tl, k } = crashLoop(() => 2 * S);
    engine.run({ until: 1500 * S });
    const { exits, starts } = exitsAndStarts(tl);
    const ms = (x: number) => x / NS_PER_MS;
    // The first exit is seen at the next relist (101.25 s) and restarted there; each later one waits its back-off.
    expect(starts.map(ms)).toEqual([
      101_250, 113_250, 135_250, 177_250, 259_250, 421_250, 723_250, 1_025_250, 1_327_250,
    ]);
    expect(starts.map((t, i) => (t - exits[i]) / S)).toEqual([0.95, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(k.restartCount('backend-a')).toBe(9);
    // Never Ready again: each container lives 2 s, less than the 10 s to its first passing probe.
    expect(tl.events.filter((e) => e.kind === 'pod.ready')).toEqual([]);
    expect(tl.events.filter((e) => e.kind === 'pod.notReady')).toHaveLength(1);
  });

  it('CrashLoopBackOff resets once the container ran over 10 min (twice the 5 min cap) since its last restart', () => {
    // Crash 2 s after the first two starts, then after 600 s + 1 ns, then after exactly 600 s.
    const up = [2 * S, 2 * S, 600 * S + 1, 600 * S];
    const { engine, tl } = crashLoop((i) => up[i] ?? 1e6 * S);
    engine.run({ until: 3000 * S });
    const { exits, starts } = exitsAndStarts(tl);
    const gaps = starts.map((t, i) => t - exits[i]);
    // 101.25 (immediate), +10 s, +20 s; then the entry (40 s, last moved at the third start) is older than 600 s at the
    // fourth exit: immediate again at the next relist, the entry back at 10 s; the fifth exit, exactly 600 s after that
    // restart, is still within it: 10 s back-off (then 20 s).
    expect(gaps).toEqual([950 * NS_PER_MS, 10 * S, 20 * S, 1 * S - 1, 10 * S]);
  });

  it('restart: false (restartPolicy Never): NotReady at the relist, never started again', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S });
    expect(k.podCrash('backend-a', false)).toBeNull();
    engine.run({ until: 1000 * S });
    expect(tl.lines('pod', 'reason')).toEqual([
      `${100 * S} pod.crashed pod=backend-a`,
      `${100 * S + 250 * NS_PER_MS} pod.notReady pod=backend-a reason=containerExited`,
      `${100 * S + 250 * NS_PER_MS + EP} endpoint.removed pod=backend-a`,
    ]);
    expect(k.isContainerRunning('backend-a')).toBe(false);
  });

  it('a crash at the very instant of a relist is seen at the next one, 1 s later', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S + 250 * NS_PER_MS });
    k.podCrash('backend-a');
    engine.run({ until: 102 * S });
    expect(tl.events.find((e) => e.kind === 'pod.notReady')!.t).toBe(101 * S + 250 * NS_PER_MS);
  });

  it('graceful node shutdown: pods evicted and endpoints removed at once, no grace period', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S });
    k.nodeGracefulDown('worker2');
    engine.run({ until: 200 * S });
    expect(tl.lines('node', 'pod')).toEqual([
      `${100 * S} pod.evicted node=worker2 pod=backend-b`,
      `${100 * S} pod.notReady node=worker2 pod=backend-b`,
      `${100 * S} node.notReady node=worker2`,
      `${100 * S + EP} endpoint.removed pod=backend-b`,
    ]);
  });

  it('node back before eviction: Ready at once, pods restart and become Ready, no eviction', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S });
    k.nodeDown('worker1');
    engine.run({ until: 200 * S });
    k.nodeUp('worker1');
    engine.run({ until: 900 * S });
    expect(tl.events.filter((e) => e.kind === 'pod.evicted')).toEqual([]);
    expect(tl.lines('node', 'pod').slice(5)).toEqual([
      `${200 * S} node.ready node=worker1`,
      `${200 * S} pod.started node=worker1 pod=envoy-1`,
      `${200 * S} pod.started node=worker1 pod=backend-a`,
      `${210 * S} pod.ready node=worker1 pod=envoy-1`,
      `${210 * S} pod.ready node=worker1 pod=backend-a`,
      `${210 * S + EP} endpoint.added pod=envoy-1`,
      `${210 * S + EP} endpoint.added pod=backend-a`,
    ]);
  });
});
