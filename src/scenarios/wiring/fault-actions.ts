// What each fault does to the world, with Kubernetes' reaction on its own timers (KubeReaction, through
// cluster-kube.ts):
// a node that stops is seen NotReady after the node-monitor grace period and its pods are evicted and replaced after
// the
// NoExecute toleration; a crashed container is seen by the kubelet's next PLEG relist and restarted under
// CrashLoopBackOff; a changed Deployment rolls its pods.
import { formatDuration, NS_PER_MS } from '../../sim/time.js';
import type { NodeRef, ResolvedFault } from '../schema/resolved.js';
import type { PodRuntime } from '../../models/path/pod-runtime.js';
import { WorldPlane } from './plane-factory.js';
import { L2Plane } from './l2-plane.js';
import type { World } from './world.js';
import type { ClusterRuntime } from '../../models/k8s/controllers/cluster-runtime.js';

export function applyFault(world: World, f: ResolvedFault, print: (line: string) => void): void {
  const tl = world.timeline;
  switch (f.type) {
    case 'node': {
      if (f.of !== undefined) {
        const node = nodeOf(world, f.of);
        if (typeof node !== 'string') return print(node.problem);
        print(`${describeNodeRef(f.of)} is on ${node}`);
        return applyFault(world, { type: 'node', node, down: f.down, graceful: f.graceful }, print);
      }
      const cluster = clusterOfNode(world, f.node);
      const kube = cluster.kube;
      if (f.down) {
        world.network.setHostUp(f.node, false);
        tl.emit('node.down', { node: f.node, graceful: f.graceful });
        world.onNodeDown(f.node, f.graceful);
        // KubeReaction's timers: a hard failure is NotReady when the node-monitor loop sees the kubelet's lease older than
        // the grace period, and its pods are evicted 300 s later (DefaultTolerationSeconds); a graceful shutdown drains at once.
        // Its containers stop now; evicted pods are replaced on Ready nodes (cluster-kube.ts).
        kube.nodeDown(f.node, f.graceful);
      } else {
        world.network.setHostUp(f.node, true);
        tl.emit('node.up', { node: f.node });
        world.onNodeUp(f.node);
        // The kubelet posts Ready at once; containers still bound to the node restart and pass their probes (KubeReaction).
        kube.nodeUp(f.node);
      }
      print(`node ${f.node} ${f.down ? (f.graceful ? 'shut down' : 'failed') : 'is back'}`);
      return;
    }
    case 'pod': {
      let cluster = world.clusters.get(f.cluster)!;
      let victims: PodRuntime[];
      if (f.target !== undefined) {
        const found = podOf(world, f, cluster);
        if (typeof found === 'string') return print(found);
        victims = [found];
        cluster = world.clusters.get(found.cluster)!;
      } else
        victims = [...cluster.pods.values()]
          .filter(
            (rt) =>
              rt.alive &&
              rt.pod.namespace === f.namespace &&
              Object.entries(f.selector).every(([k, v]) => rt.pod.labels[k] === v),
          )
          .sort((a, b) => (a.pod.name < b.pod.name ? -1 : 1))
          .slice(0, f.count);
      for (const rt of victims) {
        // Its process exits now: connections are refused until Envoy stops picking it (next PLEG relist, Ready=False,
        // EndpointSlice, xDS push), and it comes back through its readiness probe after the restart.
        const at = cluster.kube.podCrash(rt, f.restart);
        if (at === 'notRunning') print(`pod ${rt.pod.name} is not running`);
        else if (at === null) print(`pod ${rt.pod.name} crashed; not restarted`);
        else {
          const inMs = Math.round((at - world.engine.now) / NS_PER_MS) * NS_PER_MS;
          print(`pod ${rt.pod.name} crashed; the kubelet restarts it in ${formatDuration(inMs)}`);
        }
      }
      return;
    }
    case 'link': {
      const [a, b] = f.between;
      if (f.down === true) world.network.setLinkUp(a, b, false);
      else if (f.down === false && Object.keys(f.set).length === 0) {
        world.network.setLinkUp(a, b, true);
        world.network.restoreLink(a, b);
      } else
        world.network.degradeLink(a, b, {
          latencyNs: f.set.latencyNs,
          jitterNs: f.set.jitterNs,
          loss: f.set.loss,
          ...(f.set.bandwidthBps ? { bandwidthBps: f.set.bandwidthBps } : {}),
        });
      print(
        `link ${a} <-> ${b} ${f.down === true ? 'down' : f.down === false && Object.keys(f.set).length === 0 ? 'up' : 'degraded'}`,
      );
      return;
    }
    case 'partition': {
      for (let i = 0; i < f.groups.length; i++)
        for (let j = i + 1; j < f.groups.length; j++)
          for (const a of f.groups[i]) for (const b of f.groups[j]) world.network.setLinkUp(a, b, f.heal);
      print(f.heal ? 'partition healed' : `partitioned ${f.groups.map((g) => g.join('+')).join(' | ')}`);
      return;
    }
    case 'cluster': {
      const cluster = world.clusters.get(f.cluster)!;
      for (const n of cluster.config.nodes)
        applyFault(world, { type: 'node', node: n.name, down: f.down, graceful: false }, () => undefined);
      print(`cluster ${f.cluster} ${f.down ? 'down' : 'up'}`);
      return;
    }
    case 'bgp':
      world.resetBgp(f.router, f.peer);
      print(`BGP session reset on ${f.router}${f.peer ? ` with ${f.peer}` : ''}`);
      return;
    case 'deployment': {
      const cluster = world.clusters.get(f.cluster)!;
      const d = cluster.store.get('Deployment', f.namespace, f.deployment);
      if (d === undefined) {
        print(`Error from server (NotFound): deployments.apps "${f.deployment}" not found`);
        return;
      }
      const next = structuredClone(d);
      if (f.image !== null) {
        // kubectl set image deployment/NAME CONTAINER=IMAGE (the first container when none is named).
        const c =
          f.container === null
            ? next.spec.template.spec.containers[0]
            : next.spec.template.spec.containers.find((x) => x.name === f.container);
        if (c === undefined) {
          print(`error: unable to find container named "${f.container}"`);
          return;
        }
        c.image = f.image;
      }
      if (f.env.length > 0)
        for (const c of next.spec.template.spec.containers) {
          const env = [...(c.env ?? [])];
          for (const [k, v] of f.env) {
            const i = env.findIndex((e) => e.name === k);
            if (i >= 0) env[i] = { ...env[i], name: k, value: v };
            else env.push({ name: k, value: v });
          }
          c.env = env;
        }
      for (const l of cluster.apply([next])) print(l);
      tl.emit('fault', {
        what: 'deployment',
        deployment: `${f.namespace}/${f.deployment}`,
        ...(f.env.length > 0 ? { env: Object.fromEntries(f.env) } : {}),
        ...(f.image !== null ? { image: f.image } : {}),
      });
      return;
    }
  }
}

function clusterOfNode(world: World, node: string): ClusterRuntime {
  for (const c of world.clusters.values()) if (c.config.nodes.some((n) => n.name === node)) return c;
  throw new Error(`unknown node ${node}`);
}

function describeNodeRef(r: NodeRef): string {
  return r.kind === 'gateway'
    ? `Gateway ${r.namespace}/${r.name}'s Envoy`
    : `the L2 announcement lease of Service ${r.namespace}/${r.service}`;
}

/**
 * The node a reference names now: a Gateway's is the node its traffic enters and whose Envoy serves it (Envoy
 * Gateway: the node of its first serving proxy pod; Cilium: the node answering ARP for its address); a Service's
 * lease holder is the node holding `cilium-l2announce-<ns>-<svc>`.
 */
function nodeOf(world: World, r: NodeRef): string | { problem: string } {
  const clusters = [...world.clusters.values()].filter((c) => r.cluster === null || c.name === r.cluster);
  if (r.kind === 'gateway') {
    const gw = world.gateway(r.namespace, r.name, r.cluster ?? undefined);
    if (gw === undefined) return { problem: `Error from server (NotFound): gateways "${r.name}" not found` };
    return gw.nodeName;
  }
  for (const c of clusters) {
    const plane = world.plane instanceof WorldPlane ? world.plane.plane(c.name) : undefined;
    if (!(plane instanceof L2Plane)) continue;
    const holder = plane.leaseHolder(`${r.namespace}/${r.service}`);
    if (holder !== null) return holder;
  }
  return { problem: `no node holds an L2 announcement lease for Service ${r.namespace}/${r.service}` };
}

/** The one pod a pod fault names: by name, or the pod that answered the step's request (1-based, as recorded). */
function podOf(world: World, f: Extract<ResolvedFault, { type: 'pod' }>, cluster: ClusterRuntime): PodRuntime | string {
  const t = f.target!;
  if (t.kind === 'name') {
    const rt = cluster.pods.get(`${f.namespace}/${t.name}`);
    return rt !== undefined && rt.alive ? rt : `Error from server (NotFound): pods "${t.name}" not found`;
  }
  const idx = world.recorder.servedBy(t.stepIndex, t.request);
  if (idx === undefined) return `step ${t.stepIndex} has no request ${t.request} answered yet`;
  if (idx < 0) return `request ${t.request} of step ${t.stepIndex} was not answered by a pod`;
  const rt = world.podByIndex[idx];
  return rt.alive ? rt : `pod ${rt.pod.name} (request ${t.request} of step ${t.stepIndex}) is gone`;
}
