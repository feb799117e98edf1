import { describe, it, expect } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_S, NS_PER_MS } from '../../../../src/sim/time.js';
import { KubeReaction } from '../../../../src/models/k8s/controllers/kube-reaction.js';
import type { KubePodSpec } from '../../../../src/models/k8s/controllers/kube-reaction.js';
import { nodeMonitorGracePeriodNs } from '../../../../src/models/k8s/controllers/kube-timings.js';
import { RecordingTimeline } from '../../net/recording-timeline.js';

const S = NS_PER_S;
const EP = 10 * NS_PER_MS; // ENDPOINTSLICE_PROPAGATION_NS

function make(kubeMinor = 32) {
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
    },
    tl,
    {
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

  it('container crash: NotReady at the next PLEG relist, restarted after the 10 s back-off, Ready at its first probe after start-up', () => {
    const { engine, tl, k } = make();
    engine.run({ until: 100 * S + 300 * NS_PER_MS });
    k.podCrash('backend-a');
    engine.run({ until: 200 * S });
    expect(tl.lines('pod', 'reason')).toEqual([
      `${100 * S + 300 * NS_PER_MS} pod.crashed pod=backend-a`,
      `${101 * S} pod.notReady pod=backend-a reason=containerExited`,
      `${101 * S + EP} endpoint.removed pod=backend-a`,
      `${111 * S} pod.started pod=backend-a`,
      `${121 * S} pod.ready pod=backend-a reason=readinessProbe`,
      `${121 * S + EP} endpoint.added pod=backend-a`,
    ]);
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
