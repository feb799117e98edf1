import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Rib, comparePaths, selectNextHop } from '../../../src/models/bgp/rib.js';
import type { BgpPath } from '../../../src/models/bgp/rib.js';
import { parseCidr, parseIpv4 } from '../../../src/models/net/address.js';

function path(protocol: string, ip: string, prefix = '10.10.10.0/26', extra: Partial<BgpPath> = {}): BgpPath {
  const a = parseIpv4(ip);
  return {
    prefix: parseCidr(prefix),
    protocol,
    peer: protocol,
    nextHop: a,
    routerId: a,
    neighbourAddress: a,
    localPref: 100,
    asPathLength: 0,
    origin: 0,
    med: 0,
    neighbourAs: 64512,
    ebgp: false,
    igpMetric: 0,
    stale: false,
    since: 0,
    ...extra,
  };
}

describe('best path (BIRD 1.6 bgp_rte_better)', () => {
  it('equal iBGP paths: lowest router ID wins regardless of arrival order', () => {
    const rib = new Rib(false);
    rib.upsert(path('worker2', '10.0.1.22'));
    rib.upsert(path('worker1', '10.0.1.21'));
    rib.upsert(path('control1', '10.0.1.20'));
    expect(rib.paths(parseCidr('10.10.10.0/26')).map((p) => p.protocol)).toEqual(['control1', 'worker1', 'worker2']);
    expect(rib.lookup(parseIpv4('10.10.10.7'))!.nextHops.map((p) => p.protocol)).toEqual(['control1']);
  });

  it('non-stale beats stale, higher local-pref beats shorter AS path, eBGP beats iBGP', () => {
    expect(comparePaths(path('a', '10.0.1.30', undefined, { stale: true }), path('b', '10.0.1.31'))).toBeGreaterThan(0);
    expect(
      comparePaths(path('a', '10.0.1.30', undefined, { localPref: 200, asPathLength: 3 }), path('b', '10.0.1.1')),
    ).toBeLessThan(0);
    expect(comparePaths(path('a', '10.0.1.30', undefined, { ebgp: true }), path('b', '10.0.1.1'))).toBeLessThan(0);
  });

  it('longest prefix wins: the /32 over the /26', () => {
    const rib = new Rib(true);
    rib.upsert(path('control1', '10.0.1.20'));
    rib.upsert(path('worker1', '10.0.1.21', '10.10.10.0/32'));
    expect(rib.lookup(parseIpv4('10.10.10.0'))!.nextHops.map((p) => p.protocol)).toEqual(['worker1']);
    expect(rib.lookup(parseIpv4('10.10.10.1'))!.nextHops.map((p) => p.protocol)).toEqual(['control1']);
    expect(rib.lookup(parseIpv4('10.10.11.1'))).toBeNull();
  });
});

describe('ECMP (merge paths)', () => {
  const rib = new Rib(true);
  rib.upsert(path('worker2', '10.0.1.22'));
  rib.upsert(path('control1', '10.0.1.20'));
  rib.upsert(path('worker1', '10.0.1.21'));
  rib.upsert(path('stale1', '10.0.1.23', undefined, { stale: true }));
  const route = rib.lookup(parseIpv4('10.10.10.0'))!;

  it('merges equal paths (not the stale one) sorted by next hop', () => {
    expect(route.nextHops.map((p) => p.protocol)).toEqual(['control1', 'worker1', 'worker2']);
  });

  it('policy 0 hashes (src, dst) only: one client to one VIP always takes the same next hop, whatever the ports', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 1024, max: 65535 }),
        fc.integer({ min: 1024, max: 65535 }),
        (src, p1, p2) => {
          return (
            selectNextHop(route, src, parseIpv4('10.10.10.0'), 0, p1, 80) ===
            selectNextHop(route, src, parseIpv4('10.10.10.0'), 0, p2, 80)
          );
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('the hash spreads many clients evenly (each next hop 1/3 +- 0.02 over 30000 sources)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 30000; i++) {
      const p = selectNextHop(route, (0xc0a80000 + i) >>> 0, parseIpv4('10.10.10.0'));
      counts.set(p.protocol, (counts.get(p.protocol) ?? 0) + 1);
    }
    for (const n of ['control1', 'worker1', 'worker2'])
      expect(Math.abs((counts.get(n) ?? 0) / 30000 - 1 / 3)).toBeLessThan(0.02);
  });

  it("policy 1 (L4) spreads one client's connections across next hops", () => {
    const seen = new Set<string>();
    for (let port = 40000; port < 40100; port++)
      seen.add(selectNextHop(route, parseIpv4('10.0.1.10'), parseIpv4('10.10.10.0'), 1, port, 80).protocol);
    expect(seen.size).toBe(3);
  });

  it('without merge paths only the best path is installed', () => {
    const single = new Rib(false);
    single.upsert(path('worker2', '10.0.1.22'));
    single.upsert(path('worker1', '10.0.1.21'));
    expect(single.lookup(parseIpv4('10.10.10.0'))!.nextHops.map((p) => p.protocol)).toEqual(['worker1']);
  });
});
