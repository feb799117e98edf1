import { describe, it, expect } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_MS, NS_PER_S, fromSeconds } from '../../../../src/sim/time.js';
import { Timeline } from '../../../../src/models/metrics/timeline.js';
import {
  ActiveHealthChecker,
  type ProbeFn,
  type ProbeResult,
} from '../../../../src/models/envoy/health/active-health-checker.js';
import {
  resolveEnvoyGatewayActive,
  resolveActiveHealthCheck,
  type ActiveHealthCheckConfig,
} from '../../../../src/models/envoy/health/health-check-config.js';
import { InputError } from '../../../../src/sim/input-error.js';

/** A host whose behaviour is a function of time: 'up' answers `status` after 1 ms, 'down' refuses, 'hang' never answers. */
function world(engine: Engine, state: (tS: number) => 'up' | 'down' | 'hang', status = (_tS: number) => 200) {
  const sent: number[] = [];
  const probe: ProbeFn = (): ProbeResult => {
    const t = engine.now / NS_PER_S;
    sent.push(t);
    const s = state(t);
    if (s === 'hang') return { kind: 'noResponse' };
    if (s === 'down') return { kind: 'connectFailed', latencyNs: NS_PER_MS };
    return { kind: 'response', latencyNs: NS_PER_MS, status: status(t) };
  };
  return { probe, sent };
}

function run(
  config: ActiveHealthCheckConfig,
  state: (tS: number) => 'up' | 'down' | 'hang',
  untilS: number,
  opts: { traffic?: boolean; status?: (tS: number) => number } = {},
) {
  const engine = new Engine();
  const timeline = new Timeline(engine);
  const w = world(engine, state, opts.status);
  const changes: string[] = [];
  const hc = new ActiveHealthChecker(engine, new RngRoot(1).fork('hc'), config, timeline, w.probe, {
    onHealthChange: (h, ok) => void changes.push(`${h.key}:${ok}`),
  });
  if (opts.traffic !== false) hc.noteUpstreamConnection();
  const s = hc.addHost({ key: 'pod-a' });
  engine.run({ until: fromSeconds(untilS) });
  return {
    events: timeline.events.map((e): Record<string, unknown> => ({ ...e, t: Math.round(e.t * 1e6) / 1e6 })),
    sent: w.sent.map((t) => Math.round(t * 1e6) / 1e6),
    hc,
    s,
    changes,
  };
}

const eg = resolveEnvoyGatewayActive({ type: 'HTTP', http: { path: '/healthz' } });

describe('Envoy Gateway active health check defaults', () => {
  it('timeout 1s, interval 3s, unhealthyThreshold 3, healthyThreshold 1, expected status 200 only; Envoy no-traffic interval 60s', () => {
    expect(eg).toMatchObject({
      type: 'http',
      timeoutNs: NS_PER_S,
      intervalNs: 3 * NS_PER_S,
      unhealthyThreshold: 3,
      healthyThreshold: 1,
      expectedStatuses: [{ start: 200, end: 201 }],
      noTrafficIntervalNs: 60 * NS_PER_S,
      intervalJitterNs: 0,
      initialJitterNs: 0,
    });
  });

  it('rejects bad fields with InputError naming them', () => {
    expect(() => resolveEnvoyGatewayActive({ type: 'HTTP', interval: 'soon' }, 'BackendTrafficPolicy/ns/p')).toThrow(
      InputError,
    );
    expect(() => resolveEnvoyGatewayActive({ type: 'HTTP', unhealthyThreshold: 0 })).toThrow(/unhealthyThreshold/);
    expect(() => resolveEnvoyGatewayActive({ type: 'GRPC' })).toThrow(/type/);
  });
});

describe('ActiveHealthChecker timelines', () => {
  it('starts failed, healthy on the first pass, unhealthy after 3 network failures, healthy again on the next pass', () => {
    const r = run(eg, (t) => (t >= 10 && t < 20 ? 'down' : 'up'), 25);
    // Each probe is sent one interval after the previous answer (1 ms latency).
    expect(r.sent).toEqual([0, 3.001, 6.002, 9.003, 12.004, 15.005, 18.006, 21.007, 24.008]);
    expect(r.events).toEqual([
      { t: 0.001, kind: 'health.healthy', host: 'pod-a' },
      { t: 18.007, kind: 'health.unhealthy', host: 'pod-a', reason: 'network' },
      { t: 21.008, kind: 'health.healthy', host: 'pod-a' },
    ]);
    expect(r.changes).toEqual(['pod-a:true', 'pod-a:false', 'pod-a:true']);
  });

  it('an unexpected HTTP status fails the host at once, ignoring unhealthyThreshold', () => {
    const r = run(eg, () => 'up', 8, { status: (t) => (t > 5 ? 503 : 200) });
    expect(r.events.map((e) => [e.t, e.kind, e.reason])).toEqual([
      [0.001, 'health.healthy', undefined],
      [6.003, 'health.unhealthy', 'active'],
    ]);
  });

  it('retriable statuses count toward the threshold like network failures', () => {
    const cfg = { ...eg, retriableStatuses: [{ start: 503, end: 504 }] };
    const r = run(cfg, () => 'up', 13, { status: (t) => (t > 5 ? 503 : 200) });
    expect(r.events.map((e) => [e.t, e.kind])).toEqual([
      [0.001, 'health.healthy'],
      [12.005, 'health.unhealthy'],
    ]);
  });

  it('a hung host fails by timeout (1 s) and the next probe is one interval after the timeout', () => {
    const r = run(eg, (t) => (t >= 1 ? 'hang' : 'up'), 13);
    expect(r.sent).toEqual([0, 3.001, 7.001, 11.001]);
    expect(r.events.map((e) => [e.t, e.kind, e.reason])).toEqual([
      [0.001, 'health.healthy', undefined],
      [12.001, 'health.unhealthy', 'networkTimeout'],
    ]);
  });

  it('before any upstream connection Envoy probes every 60 s (no_traffic_interval), which Envoy Gateway does not change', () => {
    const r = run(eg, () => 'up', 130, { traffic: false });
    expect(r.sent).toEqual([0, 60.001, 120.002]);
  });

  it('a first failing check leaves the host failed; healthyThreshold 2 then needs two passes in a row', () => {
    const cfg = resolveActiveHealthCheck({
      type: 'tcp',
      timeoutNs: NS_PER_S,
      intervalNs: 5 * NS_PER_S,
      unhealthyThreshold: 2,
      healthyThreshold: 2,
    });
    const r = run(cfg, (t) => (t < 1 ? 'down' : 'up'), 12);
    expect(r.events.map((e) => [e.t, e.kind])).toEqual([[10.003, 'health.healthy']]);
    expect(r.hc.isHealthy(r.s)).toBe(true);
  });

  it('interval jitter adds random() % jitter ms to every interval', () => {
    const cfg = resolveActiveHealthCheck(
      { type: 'tcp', timeoutNs: NS_PER_S, intervalNs: NS_PER_S, unhealthyThreshold: 1, healthyThreshold: 1 },
      { intervalJitterNs: 500 * NS_PER_MS },
    );
    const r = run(cfg, () => 'up', 200);
    const gaps = r.sent.slice(1).map((t, i) => Math.round((t - r.sent[i] - 0.001) * 1000));
    expect(gaps.every((g) => g >= 1000 && g < 1500)).toBe(true);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(mean - 1249.5)).toBeLessThan(4 * (144 / Math.sqrt(gaps.length)));
  });

  it('removing a host stops its probes', () => {
    const engine = new Engine();
    const w = world(engine, () => 'up');
    const hc = new ActiveHealthChecker(engine, new RngRoot(1).fork('hc'), eg, new Timeline(engine), w.probe);
    hc.noteUpstreamConnection();
    const s = hc.addHost({ key: 'x' });
    engine.scheduleAt(4 * NS_PER_S, () => hc.removeHost(s));
    engine.run({ until: 20 * NS_PER_S });
    expect(w.sent.map((t) => Math.round(t * 1000) / 1000)).toEqual([0, 3.001]);
  });
});
