// MetricsRecorder: per-step counts by status and pod, the time series' 1 s bins by status class, and the bin width
// doubling (pairs merged) when a run would pass MAX_BINS bins, so memory stays flat however long the run.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine.js';
import { NS_PER_MS, NS_PER_S } from '../../../src/sim/time.js';
import { MAX_BINS, MetricsRecorder } from '../../../src/models/metrics/recorder.js';
import { NO_RESPONSE } from '../../../src/models/http/request.js';

function at(engine: Engine, tNs: number, f: () => void): void {
  engine.schedule(tNs - engine.now, engine.kind<null>(`test.at/${tNs}`, f), null);
}

describe('MetricsRecorder', () => {
  it('registers pods once by namespace/name, in order of first sight', () => {
    const r = new MetricsRecorder(new Engine());
    const ref = (name: string) => ({ name, namespace: 'default', service: 'echo', node: 'worker1', cluster: 'c1' });
    expect([r.pod(ref('a')), r.pod(ref('b')), r.pod(ref('a'))]).toEqual([0, 1, 0]);
    expect(r.pods.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it("counts a step's requests by status and pod; answers without a pod and out-of-range statuses apart", () => {
    const r = new MetricsRecorder(new Engine());
    r.record(1, 0, 200, 5 * NS_PER_MS);
    r.record(1, 20, 200, 7 * NS_PER_MS); // a pod index past the initial array: it grows
    r.record(1, -1, 503, NS_PER_MS);
    r.record(1, -1, NO_RESPONSE, 0);
    r.record(1, -1, 999, 0);
    const s = r.step(1);
    expect(s.requests).toBe(5);
    expect(s.statusCounts()).toEqual({ '0': 2, '200': 2, '503': 1 });
    expect([s.byPod[0], s.byPod[20]]).toEqual([1, 1]);
    expect(s.noPod).toBe(3);
    expect(s.latency.count).toBe(5);
    expect(r.stepIfAny(0)).toBeDefined(); // step 0 exists (empty) once a later step recorded
    expect(r.stepIfAny(2)).toBeUndefined();
  });

  it('bins by the time the client gets the answer, by status class', () => {
    const engine = new Engine();
    const r = new MetricsRecorder(engine);
    at(engine, 500 * NS_PER_MS, () => {
      r.record(0, 0, 200, 1);
      r.record(0, 1, 404, 1, 600 * NS_PER_MS); // arrives at 1.1 s: bin 1
      r.record(0, -1, NO_RESPONSE, 1);
    });
    engine.run();
    expect(r.series.map((b) => b.requests)).toEqual([2, 1]);
    expect(Array.from(r.series[0].byClass)).toEqual([1, 0, 1, 0, 0, 0]);
    expect(Array.from(r.series[1].byClass)).toEqual([0, 0, 0, 0, 1, 0]);
    expect(r.series[1].byPod).toEqual([undefined, 1]);
  });

  it('doubles the bin width past MAX_BINS, merging pairs, so the series never holds more bins', () => {
    const engine = new Engine();
    const r = new MetricsRecorder(engine);
    const seconds = MAX_BINS + 10;
    for (let i = 0; i < seconds; i++) at(engine, i * NS_PER_S, () => r.record(0, 0, 200, 1));
    engine.run();
    expect(r.binNs).toBe(2 * NS_PER_S);
    expect(r.series.length).toBe(Math.ceil(seconds / 2));
    expect(r.series.every((b) => b.requests === 2)).toBe(true);
    expect(r.series.reduce((n, b) => n + b.requests, 0)).toBe(seconds);
  });

  it('keeps no series when asked not to (benchmarks)', () => {
    const r = new MetricsRecorder(new Engine(), NS_PER_S, false);
    r.record(0, 0, 200, 1);
    expect(r.series).toEqual([]);
    expect(r.step(0).requests).toBe(1);
  });
});
