// UpstreamCluster on its own: round robin's rotation per worker, EDS updates that keep surviving hosts' state, the
// no-endpoints reason, Backend fallback as priority 1, an ejected host left out, and Maglev's table shared by workers.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { mod64 } from '../../../../src/sim/mod64.js';
import { nullTimeline } from '../../../../src/models/metrics/timeline.js';
import { HttpRequest, type RequestTemplate } from '../../../../src/models/http/request.js';
import { HashPolicy } from '../../../../src/models/envoy/hash/hash-policy.js';
import { HeaderHashMethod } from '../../../../src/models/envoy/hash/header-hash.js';
import type { LbConfig } from '../../../../src/models/envoy/lb/load-balancer.js';
import { RequestView } from '../../../../src/models/envoy/proxy/request-view.js';
import {
  UpstreamCluster,
  type ClusterBackendRef,
  type ClusterOptions,
} from '../../../../src/models/envoy/proxy/upstream-cluster.js';

const ep = (address: string) => ({ address, port: 8080, ready: true });
const ref = (label: string, addresses: string[], fallback = false, weight = 1): ClusterBackendRef => ({
  label,
  weight,
  fallback,
  endpoints: addresses.map(ep),
});

function cluster(refs: ClusterBackendRef[], over: Partial<ClusterOptions> = {}): UpstreamCluster {
  const lb: LbConfig = { policy: 'RoundRobin' };
  return new UpstreamCluster(
    new Engine(),
    new RngRoot(7).fork('cluster'),
    {
      name: 'httproute/default/r/rule/0',
      implementation: 'envoy-gateway',
      workers: 2,
      lb,
      hashPolicy: null,
      outlier: null,
      activeHealthCheck: null,
      healthyPanicThreshold: 50,
      ...over,
    },
    nullTimeline,
    refs,
  );
}

function view(headers: RequestTemplate['headers'] = []): RequestView {
  const req = new HttpRequest();
  req.template = {
    method: 'GET',
    scheme: 'http',
    host: 'www.example.com',
    address: '10.10.10.0',
    port: 80,
    path: '/',
    query: '',
    pathAndQuery: '/',
    headers,
    sni: 'www.example.com',
  };
  return new RequestView().set(req, '192.168.1.10');
}

const picks = (c: UpstreamCluster, worker: number, n: number, v = view()) =>
  Array.from({ length: n }, () => c.pick(worker, v)?.address ?? null);

describe('UpstreamCluster', () => {
  it('round robin: each worker rotates through every host in turn, with its own position', () => {
    const c = cluster([ref('Service/default/echo:8080', ['10.0.0.1', '10.0.0.2', '10.0.0.3'])]);
    const w0 = picks(c, 0, 6);
    expect(new Set(w0.slice(0, 3)).size).toBe(3);
    expect(w0.slice(3)).toEqual(w0.slice(0, 3));
    expect(new Set(picks(c, 1, 3)).size).toBe(3);
  });

  it('an EDS update keeps the hosts that stay (with their in-flight count) and drops the others', () => {
    const c = cluster([ref('Service/default/echo:8080', ['10.0.0.1', '10.0.0.2'])]);
    const kept = c.hosts.find((h) => h.address === '10.0.0.2')!;
    kept.activeRequests = 3;
    c.setEndpoints([ref('Service/default/echo:8080', ['10.0.0.2', '10.0.0.9'])]);
    expect(c.hosts.map((h) => h.address).sort()).toEqual(['10.0.0.2', '10.0.0.9']);
    expect(c.hosts.find((h) => h.address === '10.0.0.2')).toBe(kept);
    expect(kept.activeRequests).toBe(3);
    expect(new Set(picks(c, 0, 4))).toEqual(new Set(['10.0.0.2', '10.0.0.9']));
  });

  it("says 'no endpoints' when the cluster has none (Envoy's 503 body 'no healthy upstream' aside)", () => {
    const c = cluster([ref('Service/default/echo:8080', [])]);
    expect(c.pick(0, view())).toBeNull();
    expect(c.noHostReason).toBe('no endpoints');
  });

  it('a Backend with fallback is priority 1: it takes the traffic only once the active one has no hosts', () => {
    const c = cluster([
      ref('Service/default/active:8080', ['10.0.0.1']),
      ref('Backend/default/passive', ['10.0.1.1'], true),
    ]);
    expect(picks(c, 0, 4)).toEqual(['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.1']);
    expect(c.lastPriority).toBe(0);
    c.setEndpoints([ref('Service/default/active:8080', []), ref('Backend/default/passive', ['10.0.1.1'], true)]);
    expect(picks(c, 0, 2)).toEqual(['10.0.1.1', '10.0.1.1']);
    expect(c.lastPriority).toBe(1);
  });

  it('an ejected host is left out while three of four stay healthy (above the 50 % panic threshold)', () => {
    const c = cluster([ref('Service/default/echo:8080', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])]);
    c.onEjectionChange(
      c.hosts.find((h) => h.address === '10.0.0.3')!,
      true,
    );
    const seen = picks(c, 0, 12);
    expect(seen).not.toContain('10.0.0.3');
    expect(new Set(seen).size).toBe(3);
    c.onEjectionChange(
      c.hosts.find((h) => h.address === '10.0.0.3')!,
      false,
    );
    expect(new Set(picks(c, 0, 8)).size).toBe(4);
  });

  it("round robin's cursor survives host-set rebuilds (round_robin_lb.h rr_indexes_, never reset on refresh)", () => {
    const three = ['10.0.0.1', '10.0.0.2', '10.0.0.3'];
    const straight = picks(cluster([ref('Service/default/echo:8080', three)]), 0, 7);
    const c = cluster([ref('Service/default/echo:8080', three)]);
    const before = picks(c, 0, 2);
    c.rebuild(); // a refresh with the same hosts: the rotation goes on where it was
    expect([...before, ...picks(c, 0, 5)]).toEqual(straight);

    // Health change: 10.0.0.2 ejected after 2 picks. The cursor is seed + 2, so the next picks index the 2 healthy
    // hosts from there, exactly as a cluster born with only those 2 does after its own 2 picks (same seed).
    const d = cluster([ref('Service/default/echo:8080', three)]);
    picks(d, 0, 2);
    d.onEjectionChange(
      d.hosts.find((h) => h.address === '10.0.0.2')!,
      true,
    );
    const two = cluster([ref('Service/default/echo:8080', ['10.0.0.1', '10.0.0.3'])]);
    picks(two, 0, 2);
    expect(picks(d, 0, 4)).toEqual(picks(two, 0, 4));

    // EDS update to 4 hosts after 5 picks: next pick is hosts[(seed + 5) % 4], as a 4-host cluster after 5 picks.
    const four = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'];
    const e = cluster([ref('Service/default/echo:8080', three)]);
    picks(e, 0, 5);
    e.setEndpoints([ref('Service/default/echo:8080', four)]);
    const f = cluster([ref('Service/default/echo:8080', four)]);
    picks(f, 0, 5);
    expect(picks(e, 0, 6)).toEqual(picks(f, 0, 6));
  });

  it("Envoy Gateway: every backendRef's round robin starts at the worker LB's one seed_ (Cilium: a seed per cluster)", () => {
    const addrs = (r: number, n: number) => Array.from({ length: n }, (_, i) => `10.0.${r}.${i + 1}`);
    const refs = [3, 5, 7].map((n, r) => ref(`Service/default/s${r}:8080`, addrs(r, n)));
    // The seed Envoy's worker LB drew: the stream the first backendRef's LB is created from.
    const seedStream = new RngRoot(7).fork('cluster').fork('worker-0').fork('ref-0');
    const [hi, lo] = [seedStream.u32(), seedStream.u32()];
    const first = (c: UpstreamCluster) => {
      const seen = new Map<number, string>();
      for (let k = 0; k < 200 && seen.size < 3; k++) {
        const h = c.pick(0, view())!;
        if (!seen.has(c.lastRef)) seen.set(c.lastRef, h.address);
      }
      return [0, 1, 2].map((r) => seen.get(r));
    };
    expect(first(cluster(refs))).toEqual([3, 5, 7].map((n, r) => `10.0.${r}.${mod64(hi, lo, n) + 1}`));
    // Cilium: each backendRef is its own cluster, so ref r starts at the seed of its own stream ref-r.
    const own = [3, 5, 7].map((n, r) => {
      const st = new RngRoot(7).fork('cluster').fork('worker-0').fork(`ref-${r}`);
      const [h2, l2] = [st.u32(), st.u32()];
      return `10.0.${r}.${mod64(h2, l2, n) + 1}`;
    });
    expect(first(cluster(refs, { implementation: 'cilium' }))).toEqual(own);
  });

  it('Maglev on a header: the same key picks the same host on every worker (one table, shared)', () => {
    const c = cluster([ref('Service/default/echo:8080', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'])], {
      lb: { policy: 'Maglev', tableSize: 65537 },
      hashPolicy: new HashPolicy([new HeaderHashMethod('x-user')]),
    });
    const chosen = new Set<string>();
    for (let u = 0; u < 40; u++) {
      const v = view([['x-user', `user-${u}`]]);
      const a = c.pick(0, v)!.address;
      expect(c.pick(1, v)!.address).toBe(a);
      expect(c.pick(0, v)!.address).toBe(a);
      chosen.add(a);
    }
    expect(chosen.size).toBe(4); // 40 keys over 4 hosts: every host gets some
  });
});
