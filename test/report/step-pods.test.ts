import { describe, it, expect } from 'vitest';
import { stepPods } from '../../src/report/step-pods.js';
import { loadFixture } from './fixtures.js';

describe('stepPods', () => {
  it('adds ready pods of the same Deployment with zero counts, namespaced pod names included', () => {
    const r = loadFixture('consistent-hash');
    const step = r.steps[7];
    step.byBackend = step.byBackend.filter((b) => b.count > 0);
    r.timeline = r.timeline.map((e) => (e.kind === 'pod.ready' ? { ...e, pod: `default/${String(e.pod)}` } : e));
    const pods = stepPods(r, step);
    expect(pods).toHaveLength(10);
    expect(pods[0]).toMatchObject({ pod: 'backend-765694d47f-8vwcf', count: 10 });
    expect(pods.slice(1).every((p) => p.count === 0 && p.deployment === 'backend' && p.service === 'backend')).toBe(
      true,
    );
  });
  it('leaves out pods that went away before the step, and pods of other Deployments', () => {
    const r = loadFixture('ha-failover');
    const step = r.steps[10];
    step.byBackend = step.byBackend.filter((b) => b.count > 0); // passive only
    r.timeline.push({ t: 50, kind: 'pod.ready', pod: 'other-abc12-zzzzz' });
    expect(stepPods(r, step).map((p) => p.pod)).toEqual(['passive-f894bd7cf-8gkqr']);
    const before = r.steps[8];
    r.timeline.splice(
      0,
      0,
      { t: 0, kind: 'pod.ready', pod: 'active-8cf8787d5-old00' },
      { t: 1, kind: 'pod.evicted', pod: 'active-8cf8787d5-old00' },
    );
    r.timeline.sort((a, b) => a.t - b.t);
    expect(stepPods(r, before).map((p) => p.pod)).toEqual(['active-8cf8787d5-klpgv', 'passive-f894bd7cf-8gkqr']);
  });
});
