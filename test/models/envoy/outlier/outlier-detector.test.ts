import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_MS, NS_PER_S, fromSeconds } from '../../../../src/sim/time.js';
import { Timeline } from '../../../../src/models/metrics/timeline.js';
import { OutlierDetector, type HostOutlierMonitor } from '../../../../src/models/envoy/outlier/outlier-detector.js';
import {
  resolveEnvoyGatewayPassive,
  resolveOutlierDetection,
  type OutlierDetectionConfig,
} from '../../../../src/models/envoy/outlier/outlier-config.js';
import { ejectionAllowed, maxSimultaneouslyEjected } from '../../../../src/models/envoy/outlier/ejection-gate.js';

function setup(config: OutlierDetectionConfig, hosts: number, seed = 1) {
  const engine = new Engine();
  const timeline = new Timeline(engine);
  const changes: string[] = [];
  const det = new OutlierDetector(engine, new RngRoot(seed).fork('gateway/eg/outlier'), config, timeline, {
    onEjectionChange: (h, ejected) => void changes.push(`${h.key}:${ejected ? 'out' : 'in'}`),
  });
  const mons = Array.from({ length: hosts }, (_, i) => det.addHost({ key: `10.0.0.${i + 1}:8080` }));
  const at = (s: number, fn: () => void) => engine.scheduleAt(fromSeconds(s), fn);
  return { engine, timeline, det, mons, at, changes };
}

describe('OutlierDetector: exact timelines', () => {
  it('Envoy Gateway defaults, 10 hosts: eject on the 5th 5xx, overflow for a 2nd host, un-eject on the 3 s sweep, linear back-off and decay', () => {
    const { engine, timeline, det, mons, at, changes } = setup(resolveEnvoyGatewayPassive({}), 10);
    const [h0, h1] = mons;
    const fail5 = (m: HostOutlierMonitor, t: number, code = 503) => {
      for (let i = 0; i < 5; i++) at(t + i * 0.1, () => m.putHttpResponseCode(code));
    };
    fail5(h0, 1.0); // ejected at 1.4
    fail5(h1, 1.5, 500); // 2 of 10 would be 20 % > 10 %: overflow
    at(2.5, () => h0.putResult('localOriginConnectFailed')); // ignored while ejected (counter keeps counting)
    fail5(h0, 34.0); // back at 33 (first sweep >= 31.4); re-ejected at 34.4 for 60 s -> back at 96
    fail5(h0, 110.0); // back-off decays at sweeps 99 and 102 (>= one interval after 96), so 30 s again -> back at 141
    engine.run({ until: 150 * NS_PER_S });
    expect(timeline.events).toEqual([
      { t: 1.4, kind: 'outlier.ejected', host: '10.0.0.1:8080', reason: 'consecutive5xx', ejections: 1 },
      { t: 33, kind: 'outlier.unejected', host: '10.0.0.1:8080', reason: 'interval' },
      { t: 34.4, kind: 'outlier.ejected', host: '10.0.0.1:8080', reason: 'consecutive5xx', ejections: 2 },
      { t: 96, kind: 'outlier.unejected', host: '10.0.0.1:8080', reason: 'interval' },
      { t: 110.4, kind: 'outlier.ejected', host: '10.0.0.1:8080', reason: 'consecutive5xx', ejections: 3 },
      { t: 141, kind: 'outlier.unejected', host: '10.0.0.1:8080', reason: 'interval' },
    ]);
    expect(changes).toEqual([
      '10.0.0.1:8080:out',
      '10.0.0.1:8080:in',
      '10.0.0.1:8080:out',
      '10.0.0.1:8080:in',
      '10.0.0.1:8080:out',
      '10.0.0.1:8080:in',
    ]);
    expect(det.ejectionsOverflow).toBe(1);
    // 503s also reach the gateway-failure threshold: detected 3 times, never enforced (Envoy Gateway leaves enforcement at 0).
    expect(det.ejectionsDetected.consecutiveGatewayFailure).toBe(3);
    expect(det.ejectionsEnforced.consecutiveGatewayFailure).toBe(0);
    expect(det.ejectionsEnforced.consecutive5xx).toBe(3);
    expect(det.ejectedCount).toBe(0);
  });

  it('a success between failures resets the count; 500 resets only the gateway counter', () => {
    const { engine, timeline, mons, at } = setup(
      resolveOutlierDetection({
        maxEjectionPercent: 100,
        consecutiveGatewayFailure: 3,
        enforcingConsecutiveGatewayFailure: 100,
      }),
      1,
    );
    const codes = [503, 503, 503, 503, 200, 503, 500, 503, 503, 503];
    codes.forEach((c, i) => at(0.01 * (i + 1), () => mons[0].putHttpResponseCode(c)));
    engine.run({ until: 1 * NS_PER_S });
    // 503 x3 after the 200 reset hits the gateway threshold at request 3; then 500 resets gateway, 503 x3 at 0.10.
    expect(timeline.events.map((e) => [e.t, e.reason])).toEqual([[0.03, 'consecutiveGatewayFailure']]);
    // The 200 reset the 5xx counter; the next five 5xx reach the threshold while ejected: ignored, not reset (Envoy resets at un-ejection).
    expect(mons[0].consecutive5xx).toBe(5);
  });

  it('splitExternalLocalOriginErrors: connect failures count only as local-origin failures', () => {
    const split = setup(resolveOutlierDetection({ maxEjectionPercent: 100, splitExternalLocalOriginErrors: true }), 1);
    for (let i = 0; i < 5; i++) split.at(0.1 * (i + 1), () => split.mons[0].putResult('localOriginConnectFailed'));
    split.engine.run({ until: NS_PER_S });
    expect(split.timeline.events.map((e) => e.reason)).toEqual(['consecutiveLocalOriginFailure']);
    expect(split.mons[0].consecutive5xx).toBe(0);

    const merged = setup(resolveOutlierDetection({ maxEjectionPercent: 100 }), 1);
    for (let i = 0; i < 5; i++) merged.at(0.1 * (i + 1), () => merged.mons[0].putResult('localOriginConnectFailed'));
    merged.engine.run({ until: NS_PER_S });
    expect(merged.timeline.events.map((e) => e.reason)).toEqual(['consecutive5xx']);
    expect(merged.det.ejectionsDetected.consecutiveGatewayFailure).toBe(1);
  });

  it('back-to-back ejections last 30, 60, ..., 300, 300, 300 s (derived ejection_duration_sequence)', () => {
    const expected = (
      JSON.parse(readFileSync(new URL('./envoy-outlier-vectors.json', import.meta.url), 'utf8')) as {
        ejection_duration_sequence: { base_30s_max_300s_back_to_back_ejections_s: number[] };
      }
    ).ejection_duration_sequence.base_30s_max_300s_back_to_back_ejections_s;
    const engine = new Engine();
    const timeline = new Timeline(engine);
    const mons: HostOutlierMonitor[] = [];
    const failNow = () => {
      for (let i = 0; i < 5; i++) mons[0].putHttpResponseCode(503);
    };
    // Fails again the instant it is let back in, so every ejection starts on a sweep (default interval 10 s).
    const det = new OutlierDetector(engine, new RngRoot(1).fork('o'), resolveOutlierDetection(), timeline, {
      onEjectionChange: (_h, ejected) => void (ejected ? undefined : engine.schedule(0, failNow)),
    });
    for (let i = 0; i < 10; i++) mons.push(det.addHost({ key: `h${i}` }));
    engine.scheduleAt(10 * NS_PER_S, failNow);
    engine.run({ until: 3000 * NS_PER_S });
    const ev = timeline.events;
    const durations: number[] = [];
    for (let i = 0; i + 1 < ev.length && durations.length < expected.length; i += 2)
      durations.push(ev[i + 1].t - ev[i].t);
    expect(durations).toEqual(expected);
  });

  it('un-ejects at once on a passing active health check (successful_active_health_check_uneject_host)', () => {
    const { engine, timeline, det, mons, at } = setup(
      resolveOutlierDetection({ maxEjectionPercent: 100, consecutive5xx: 1 }),
      2,
    );
    at(1, () => mons[0].putHttpResponseCode(502));
    at(2, () => det.onActiveHealthCheckResult(mons[0], true, true)); // still failing active HC: stays out
    at(3, () => det.onActiveHealthCheckResult(mons[0], true, false));
    engine.run({ until: 5 * NS_PER_S });
    expect(timeline.events.map((e) => [e.t, e.kind, e.reason])).toEqual([
      [1, 'outlier.ejected', 'consecutive5xx'],
      [3, 'outlier.unejected', 'activeHealthCheck'],
    ]);
  });

  it('success rate: {50,100,100,100,100} % over 100 requests each ejects the 50 % host at the next sweep', () => {
    const { engine, timeline, mons, at } = setup(resolveOutlierDetection({ maxEjectionPercent: 20 }), 5);
    mons.forEach((m, i) => {
      for (let k = 0; k < 100; k++) at(1 + k * 0.01, () => m.putHttpResponseCode(i === 0 && k % 2 === 0 ? 500 : 200));
    });
    engine.run({ until: 15 * NS_PER_S });
    expect(timeline.events).toEqual([
      { t: 10, kind: 'outlier.ejected', host: '10.0.0.1:8080', reason: 'successRate', ejections: 1 },
    ]);
  });

  it('enforcing_consecutive_5xx 50: about half the detections eject (random() % 100 < 50)', () => {
    const n = 2000;
    const { engine, det, mons, at } = setup(
      resolveOutlierDetection({ maxEjectionPercent: 100, consecutive5xx: 1, enforcingConsecutive5xx: 50 }),
      n,
      11,
    );
    mons.forEach((m, i) => at(1 + i * 1e-6, () => m.putHttpResponseCode(500)));
    engine.run({ until: 2 * NS_PER_S });
    expect(det.ejectionsDetected.consecutive5xx).toBe(n);
    expect(Math.abs(det.ejectedCount - n / 2)).toBeLessThan(4 * Math.sqrt(n / 4));
  });

  it('never ejects more hosts than the max_ejection_percent gate allows (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(200, 500, 502, 503, 504), fc.integer({ min: 1, max: 4000 })), {
          minLength: 1,
          maxLength: 300,
        }),
        (hosts, pct, always, script) => {
          const cfg = resolveOutlierDetection({
            maxEjectionPercent: pct,
            alwaysEjectOneHost: always,
            consecutive5xx: 2,
            consecutiveGatewayFailure: 2,
            enforcingConsecutiveGatewayFailure: 100,
            intervalNs: NS_PER_S,
            baseEjectionTimeNs: 3 * NS_PER_S,
          });
          const { engine, det, mons } = setup(cfg, hosts);
          const cap = maxSimultaneouslyEjected(hosts, (e) => ejectionAllowed(e, hosts, pct, always));
          let t = 0;
          for (const [h, code, dtMs] of script) {
            t += dtMs * NS_PER_MS;
            engine.scheduleAt(t, () => {
              mons[h % hosts].putHttpResponseCode(code);
              expect(det.ejectedCount).toBeLessThanOrEqual(cap);
              expect(mons.filter((m) => m.ejected).length).toBe(det.ejectedCount);
            });
          }
          engine.run({ until: t + 10 * NS_PER_S });
          expect(det.ejectedCount).toBeLessThanOrEqual(cap);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});

describe('OutlierDetector: theory/outlier_ejection.json (interval 2s, base 10s, consecutive5xx 1)', () => {
  interface Theory {
    model: { cycle_start_times_s_after_first_failure: Record<string, number[]> };
    ejection_cycles_by_window: {
      window_s_after_first_failure: number;
      ejection_cycles_max: number;
      ejection_cycles_typical: number;
      ejection_cycles_min: number;
    }[];
    workshop_config: {
      interval_s: number;
      base_ejection_time_s: number;
      consecutive_5xx: number;
      max_ejection_time_s: number;
    };
  }
  const theory = JSON.parse(readFileSync(new URL('./theory-outlier-ejection.json', import.meta.url), 'utf8')) as Theory;
  const w = theory.workshop_config;

  /** A dead pod that receives a request every 1 ms whenever it is in the host set; returns failure times after the first. */
  function cycles(firstFailureS: number, maxEjectionPercent: number, untilS: number) {
    const cfg = resolveOutlierDetection({
      intervalNs: fromSeconds(w.interval_s),
      baseEjectionTimeNs: fromSeconds(w.base_ejection_time_s),
      maxEjectionTimeNs: fromSeconds(w.max_ejection_time_s),
      consecutive5xx: w.consecutive_5xx,
      maxEjectionPercent,
    });
    const engine = new Engine();
    const timeline = new Timeline(engine);
    const t0 = fromSeconds(firstFailureS);
    const failures: number[] = [];
    const mons: HostOutlierMonitor[] = [];
    const request = () => {
      if (mons[0].ejected) return;
      failures.push((engine.now - t0) / NS_PER_S);
      mons[0].putResult('localOriginConnectFailed');
      if (!mons[0].ejected && engine.now + NS_PER_MS <= fromSeconds(untilS)) engine.schedule(NS_PER_MS, request);
    };
    const det = new OutlierDetector(engine, new RngRoot(1).fork('o'), cfg, timeline, {
      // Back in the set: the next request on the 1 ms grid (t0 + k ms) reaches it.
      onEjectionChange: (_h, ejected) => {
        if (!ejected) engine.schedule((NS_PER_MS - ((engine.now - t0) % NS_PER_MS)) % NS_PER_MS, request);
      },
    });
    for (let i = 0; i < 4; i++) mons.push(det.addHost({ key: `pod-${i}` }));
    engine.scheduleAt(t0, request);
    engine.run({ until: fromSeconds(untilS) });
    return { failures, det };
  }

  const cases: [string, number][] = [
    ['most_failures (returns exactly at base*m)', 2.0],
    ['typical (first return +1 s, later +2 s)', 3.0005],
    ['fewest_failures (every return +2 s)', 2.0005],
  ];
  for (const [name, first] of cases) {
    it(`cycle start times, ${name}`, () => {
      const expected = theory.model.cycle_start_times_s_after_first_failure[name];
      const got = cycles(first, 100, first + 400).failures.slice(0, expected.length);
      expect(got).toHaveLength(expected.length);
      got.forEach((g, i) => expect(Math.abs(g - expected[i])).toBeLessThanOrEqual(0.001));
    });
  }

  it('ejection cycles per window (6 windows x max/typical/min)', () => {
    const runs = cases.map(([, first]) => cycles(first, 100, first + 601).failures);
    for (const row of theory.ejection_cycles_by_window) {
      const count = (f: number[]) => f.filter((t) => t <= row.window_s_after_first_failure).length;
      expect([count(runs[0]), count(runs[1]), count(runs[2])]).toEqual([
        row.ejection_cycles_max,
        row.ejection_cycles_typical,
        row.ejection_cycles_min,
      ]);
    }
  });

  it('with maxEjectionPercent left at 10 % and 4 pods nothing is ejected: every request to the dead pod fails', () => {
    const { failures, det } = cycles(2.0, 10, 7.0);
    expect(failures.length).toBe(5001);
    expect(det.ejectedCount).toBe(0);
    // Each failure trips consecutive5xx (threshold 1, reset after each detection); every 5th 503 also trips the gateway
    // counter (default 5). The gate is checked before enforcement, so both count as overflow: 5001 + 1000.
    expect(det.ejectionsOverflow).toBe(5001 + 1000);
  });
});
