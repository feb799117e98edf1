// The Deployment controller's arithmetic (pkg/controller/deployment/util ResolveFenceposts, rolling.go) and the
// ReplicaSet's scale-down order (controller_utils.go ActivePodsWithRanks), as exact values.
import { describe, expect, it } from 'vitest';
import { resolveFenceposts, rollingStep, scaledValue } from '../../../src/models/k8s/deployment-rollout.js';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { activePodLess, podsToDelete, type RankedPod } from '../../../src/models/k8s/active-pods.js';

describe('maxSurge and maxUnavailable', () => {
  it('25 % rounds surge up and unavailable down; both 0 makes unavailable 1', () => {
    expect(resolveFenceposts('25%', '25%', 1)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('25%', '25%', 4)).toEqual({ surge: 1, unavailable: 1 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(0, '25%', 1)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(2, 0, 5)).toEqual({ surge: 2, unavailable: 0 });
    expect(scaledValue('33%', 10, true)).toBe(4);
    expect(scaledValue('33%', 10, false)).toBe(3);
  });
});

const rs = (name: string, replicas: number, available: number, t = 0) => ({
  name,
  replicas,
  available,
  creationTimestampNs: t,
});
const d = (replicas: number, maxSurge: string | number = '25%', maxUnavailable: string | number = '25%') => ({
  replicas,
  maxSurge,
  maxUnavailable,
});

describe('one RollingUpdate sync', () => {
  it('1 replica: the new pod first, the old one only once the new one is available', () => {
    expect([...rollingStep(d(1), rs('new', 0, 0, 1), [rs('old', 1, 1)])]).toEqual([['new', 1]]);
    // new not available: nothing may go (minAvailable 1)
    expect([...rollingStep(d(1), rs('new', 1, 0, 1), [rs('old', 1, 1)])]).toEqual([]);
    expect([...rollingStep(d(1), rs('new', 1, 1, 1), [rs('old', 1, 1)])]).toEqual([['old', 0]]);
  });

  it('4 replicas: new to 1, then 1 old down (5 - 3 - 1 unavailable new), then new to 2', () => {
    expect([...rollingStep(d(4), rs('new', 0, 0, 1), [rs('old', 4, 4)])]).toEqual([['new', 1]]);
    expect([...rollingStep(d(4), rs('new', 1, 0, 1), [rs('old', 4, 4)])]).toEqual([['old', 3]]);
    expect([...rollingStep(d(4), rs('new', 1, 0, 1), [rs('old', 3, 3)])]).toEqual([['new', 2]]);
    expect([...rollingStep(d(4), rs('new', 2, 0, 1), [rs('old', 3, 3)])]).toEqual([]);
    // both new available: 2 old go, then the new one takes the last two
    expect([...rollingStep(d(4), rs('new', 2, 2, 1), [rs('old', 3, 3)])]).toEqual([['old', 1]]);
    expect([...rollingStep(d(4), rs('new', 2, 2, 1), [rs('old', 1, 1)])]).toEqual([['new', 4]]);
  });

  it('unavailable old pods go first (cleanupUnhealthyReplicas), oldest ReplicaSet first', () => {
    // 4 replicas, maxUnavailable 1: old-a has 2 of 2 unavailable; maxScaledDown = 5 - 3 - 0 = 2
    expect([...rollingStep(d(4), rs('new', 1, 1, 9), [rs('old-b', 2, 2, 5), rs('old-a', 2, 0, 1)])]).toEqual([
      ['old-a', 0],
    ]);
  });
});

const pod = (name: string, over: Partial<RankedPod> = {}): RankedPod => ({
  name,
  uid: name,
  nodeName: 'worker1',
  phase: 'Running',
  ready: true,
  readySinceNs: 0,
  restartCount: 0,
  creationTimestampNs: 0,
  deletionCost: 0,
  ...over,
});

describe('ActivePodsWithRanks order', () => {
  const now = 1000e9;
  it('unassigned, pending, not ready, then doubled-up first', () => {
    const pods = [
      pod('ready-alone', { nodeName: 'worker2' }),
      pod('ready-doubled'),
      pod('not-ready', { ready: false, readySinceNs: undefined }),
      pod('pending', { phase: 'Pending', ready: false }),
      pod('unassigned', { nodeName: undefined, phase: 'Pending', ready: false }),
    ];
    const related = [...pods, pod('other-on-worker1')];
    expect(podsToDelete(pods, related, 4, now).map((p) => p.name)).toEqual([
      'unassigned',
      'pending',
      'not-ready',
      'ready-doubled',
    ]);
  });

  it('ready for less time first, in log2 buckets of the age, ties by UID; then restarts; then newer', () => {
    // ages 10 s and 11 s fall in the same bucket (2^33 ns .. 2^34 ns): the UID decides
    const a = pod('a', { uid: 'b-uid', readySinceNs: now - 10e9 });
    const b = pod('b', { uid: 'a-uid', readySinceNs: now - 11e9 });
    expect(activePodLess(a, 1, b, 1, now)).toBe(false);
    expect(activePodLess(b, 1, a, 1, now)).toBe(true);
    // 10 s against 100 s: the more recently ready goes first
    const c = pod('c', { readySinceNs: now - 100e9 });
    expect(activePodLess(a, 1, c, 1, now)).toBe(true);
    const restarted = pod('r', { restartCount: 3 });
    expect(activePodLess(restarted, 1, pod('s'), 1, now)).toBe(true);
    const newer = pod('n', { creationTimestampNs: now - 5e9 });
    expect(activePodLess(newer, 1, pod('o', { creationTimestampNs: now - 500e9 }), 1, now)).toBe(true);
  });
});

describe('Deployment strategy validation (apps/validation ValidateDeploymentStrategy)', () => {
  const manifest = (strategy: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  selector: {matchLabels: {app: backend}}
  strategy: ${strategy}
  template:
    metadata: {labels: {app: backend}}
    spec:
      containers: [{name: backend, image: echo}]
`;
  const problem = (strategy: string): string => {
    try {
      loadManifests(manifest(strategy), 'd.yaml');
      return 'loaded';
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('rejects both 0, more than 100 %, and rollingUpdate under Recreate; accepts the defaults', () => {
    expect(problem('{rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}')).toMatch(
      /spec\.strategy\.rollingUpdate\.maxUnavailable.*may not be 0 when `maxSurge` is 0/,
    );
    expect(problem('{rollingUpdate: {maxUnavailable: "150%"}}')).toMatch(/must not be greater than 100%/);
    expect(problem('{type: Recreate, rollingUpdate: {maxSurge: 1}}')).toMatch(
      /may not be specified when strategy `type` is 'Recreate'/,
    );
    expect(problem('{rollingUpdate: {maxSurge: "25"}}')).toMatch(/must be an integer or a percentage/);
    expect(problem('{type: RollingUpdate}')).toBe('loaded');
  });
});
