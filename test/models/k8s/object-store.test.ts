import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { ObjectStore } from '../../../src/models/k8s/object-store.js';
import { fnv32a, NAME_ALPHABET, podTemplateHash, safeEncodeString } from '../../../src/models/k8s/pod-names.js';
import { echoListenPort } from '../../../src/models/k8s/pod.js';
import { RngRoot } from '../../../src/sim/rng.js';

const deployment = (replicas: number, env = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: backend
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: backend}
  template:
    metadata:
      labels: {app: backend}
    spec:
      containers:
        - name: backend
          image: echo
          ports:
            - {name: http, containerPort: 3000}
${env}`;
const service = `apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  selector: {app: backend}
  ports:
    - {port: 80, targetPort: http}
`;
const NODES = [
  { name: 'control1', ready: true, unschedulable: true },
  { name: 'worker2', ready: true },
  { name: 'worker1', ready: true },
  { name: 'worker3', ready: false },
];
const one = (y: string) => loadManifests(y, 'x.yaml')[0];
const newStore = (podNetwork: 'calico' | 'cilium' = 'calico', seed = 1) =>
  new ObjectStore({ nodes: NODES, podNetwork, rng: new RngRoot(seed).fork('k8s') });

describe('pod names', () => {
  it('FNV-32a matches the reference values', () => {
    expect(fnv32a('')).toBe(0x811c9dc5);
    expect(fnv32a('a')).toBe(0xe40c292c);
    expect(fnv32a('foobar')).toBe(0xbf9cf968);
  });
  it('SafeEncodeString maps digits onto the name alphabet as Kubernetes does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(podTemplateHash({ a: 1 })).toMatch(/^[456789bcdf]{6,10}$/);
    expect(podTemplateHash({ b: 1, a: 2 })).toBe(podTemplateHash({ a: 2, b: 1 }));
  });
});

describe('ObjectStore', () => {
  it('apply creates, updates (generation on spec change) and reports unchanged', () => {
    const s = newStore();
    expect(s.apply(one(service), 5)).toBe('created');
    expect(s.apply(one(service), 9)).toBe('unchanged');
    expect(s.apply(one(service.replace('port: 80', 'port: 81')), 12)).toBe('configured');
    const svc = s.get('Service', 'default', 'backend')!;
    expect([svc.metadata.creationTimestampNs, svc.metadata.generation]).toEqual([5, 2]);
    expect(s.delete('Service', 'default', 'backend')).toBe(true);
    expect(s.get('Service', 'default', 'backend')).toBeUndefined();
  });

  it('a Deployment makes Kubernetes-style pods spread over Ready schedulable nodes, least loaded first, ties by name', () => {
    const s = newStore();
    s.apply(one(deployment(3)), 0);
    const pods = s.pods();
    expect(pods.map((p) => p.nodeName)).toEqual(['worker1', 'worker2', 'worker1']);
    for (const p of pods) expect(p.name).toMatch(new RegExp(`^backend-${p.podTemplateHash}-[${NAME_ALPHABET}]{5}$`));
    expect(new Set(pods.map((p) => p.podTemplateHash)).size).toBe(1);
    // Calico: a /26 block per node from 192.168.0.0/16, ordinals from 0.
    const [a, b, c] = pods.map((p) => p.ip!);
    expect(a.startsWith('192.168.')).toBe(true);
    expect(Number(c.split('.')[3]) - Number(a.split('.')[3])).toBe(1);
    expect(Number(a.split('.')[3]) % 64).toBe(0);
    expect(s.pods().map((p) => p.name)).toEqual(newStore().apply(one(deployment(3)), 0) && pods.map((p) => p.name));
    expect(b).not.toBe(a);
  });

  it('same seed, same pod names; another seed, other names', () => {
    const names = (seed: number) => {
      const s = newStore('calico', seed);
      s.apply(one(deployment(2)), 0);
      return s.pods().map((p) => p.name);
    };
    expect(names(1)).toEqual(names(1));
    expect(names(1)).not.toEqual(names(2));
  });

  it('scales down newest first and replaces pods when the template changes; HTTP_PORT is visible', () => {
    const s = newStore('cilium');
    s.apply(one(deployment(3)), 0);
    const first = s.pods().map((p) => p.name);
    s.apply(one(deployment(4)), 5);
    const newest = s.pods()[3].name;
    s.apply(one(deployment(3)), 10);
    expect(s.pods().map((p) => p.name)).toEqual(first);
    expect(first).not.toContain(newest);
    // ActivePodsWithRanks (controller_utils.go): all Ready since 0 and created at 0, so a pod on the node with more of
    // them goes; equal times compare equal (no UID tie-break), and the sort keeps the pods' order among equals.
    const before = [...s.pods()];
    s.apply(one(deployment(2)), 11);
    const onNode = (n: string | undefined): number => before.filter((p) => p.nodeName === n).length;
    const most = Math.max(...before.map((p) => onNode(p.nodeName)));
    const victim = before.find((p) => onNode(p.nodeName) === most)!;
    expect(s.pods().map((p) => p.name)).toEqual(first.filter((n) => n !== victim.name));
    s.apply(one(deployment(2, '          env:\n            - {name: HTTP_PORT, value: "5000"}\n')), 20);
    const now = s.pods();
    expect(now.some((p) => first.includes(p.name))).toBe(false);
    expect(now.map((p) => echoListenPort(p))).toEqual([5000, 5000]);
    for (const p of now) expect(p.ip).toMatch(/^10\.0\.[12]\.\d+$/); // worker2 and worker1 are the 2nd and 3rd nodes registered
  });

  it('EndpointSlices resolve a named targetPort per pod and follow readiness; selector-less Services take external endpoints', () => {
    const s = newStore();
    s.apply(one(deployment(2)), 0);
    s.apply(one(service), 0);
    const slice = s.endpointSlice('default', 'backend')!;
    expect(slice.ports[0].servicePort).toBe(80);
    expect(slice.ports[0].endpoints.map((e) => [e.port, e.ready])).toEqual([
      [3000, true],
      [3000, true],
    ]);
    s.setPodReady('default', s.pods()[0].name, false);
    expect(s.endpointSlice('default', 'backend')!.ports[0].endpoints.filter((e) => e.ready)).toHaveLength(1);
    s.apply(one('apiVersion: v1\nkind: Service\nmetadata: {name: remote}\nspec:\n  ports: [{port: 3000}]\n'), 0);
    expect(s.endpointSlice('default', 'remote')!.ports[0].endpoints).toEqual([]);
    s.setExternalEndpoints('default', 'remote', [{ ip: '10.1.0.5', zone: 'us-west' }]);
    expect(s.endpointSlice('default', 'remote')!.ports[0].endpoints).toEqual([
      {
        ip: '10.1.0.5',
        port: 3000,
        ready: true,
        serving: true,
        terminating: false,
        nodeName: undefined,
        zone: 'us-west',
      },
    ]);
  });

  describe("pod names and IPs over a Deployment's life", () => {
    // One schedulable node, so every Calico pod IP comes from the same /26 block and reads as its ordinal.
    const single = () =>
      new ObjectStore({
        nodes: [{ name: 'worker1', ready: true }],
        podNetwork: 'calico',
        rng: new RngRoot(1).fork('k8s'),
      });
    const ordinals = (s: ObjectStore) => s.pods().map((p) => Number(p.ip!.split('.')[3]) % 64);
    const portEnv = '          env:\n            - {name: HTTP_PORT, value: "5000"}\n';

    it('scale down then up: the new pod gets a new name and the next never-used address, not the freed one', () => {
      const s = single();
      s.apply(one(deployment(3)), 0);
      expect(ordinals(s)).toEqual([0, 1, 2]);
      const first = s.pods().map((p) => p.name);
      s.apply(one(deployment(2)), 10);
      const kept = s.pods().map((p) => p.name);
      expect(ordinals(s)).toHaveLength(2);
      s.apply(one(deployment(3)), 20);
      const added = s.pods().find((p) => !kept.includes(p.name))!;
      expect(first).not.toContain(added.name);
      expect(Number(added.ip!.split('.')[3]) % 64).toBe(3);
      // Down to 0 and up again: ordinals continue 4, 5 (then the released ones, in release order).
      s.apply(one(deployment(0)), 30);
      s.apply(one(deployment(2)), 40);
      expect(ordinals(s)).toEqual([4, 5]);
    });

    it('a rollout makes a new ReplicaSet: new hash, fresh suffixes, new addresses', () => {
      const s = single();
      s.apply(one(deployment(2)), 0);
      const before = s.pods().map((p) => ({ name: p.name, hash: p.podTemplateHash }));
      s.apply(one(deployment(2, portEnv)), 10);
      const after = s.pods();
      expect(after.map((p) => p.podTemplateHash)).not.toContain(before[0].hash);
      for (const p of after) expect(p.name).toMatch(new RegExp(`^backend-${p.podTemplateHash}-[${NAME_ALPHABET}]{5}$`));
      // The suffixes are fresh draws, not the old ReplicaSet's suffixes under a new hash.
      const suffix = (n: string) => n.slice(-5);
      expect(after.map((p) => suffix(p.name)).filter((x) => before.some((b) => suffix(b.name) === x))).toEqual([]);
      expect(ordinals(s)).toEqual([2, 3]);
      // Rolling back to the first template reuses its hash (the old ReplicaSet), with new pods and addresses.
      s.apply(one(deployment(2)), 20);
      expect(s.pods().map((p) => p.podTemplateHash)).toEqual([before[0].hash, before[0].hash]);
      expect(
        s
          .pods()
          .map((p) => p.name)
          .filter((n) => before.some((b) => b.name === n)),
      ).toEqual([]);
      expect(ordinals(s)).toEqual([4, 5]);
    });

    it('an evicted pod is replaced by a pod with a new name and a new address', () => {
      const s = single();
      s.apply(one(deployment(2)), 0);
      const victim = s.pods()[0];
      s.evictPod('default', victim.name, 5);
      expect(s.pods().map((p) => p.name)).not.toContain(victim.name);
      expect(ordinals(s)).toEqual([1, 2]);
    });
  });

  it('property: pods never exceed replicas, IPs are unique, and every pod sits on a Ready schedulable node', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('calico' as const, 'cilium' as const),
        (scales, net) => {
          const s = newStore(net);
          scales.forEach((n, i) => s.apply(one(deployment(n)), i));
          const pods = s.pods();
          expect(pods).toHaveLength(scales[scales.length - 1]);
          expect(new Set(pods.map((p) => p.ip)).size).toBe(pods.length);
          for (const p of pods) expect(['worker1', 'worker2']).toContain(p.nodeName);
          const perNode = ['worker1', 'worker2'].map((n) => pods.filter((p) => p.nodeName === n).length);
          expect(Math.abs(perNode[0] - perNode[1])).toBeLessThanOrEqual(1 + Math.max(...scales));
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
});
