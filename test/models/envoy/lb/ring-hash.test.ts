import { describe, expect, it } from 'vitest';
import { RingHashTable } from '../../../../src/models/envoy/lb/ring-hash.js';
import { Host } from '../../../../src/models/envoy/lb/host.js';
import { normalizeWeights } from '../../../../src/models/envoy/lb/normalize-weights.js';
import { toDecimal } from '../../../../src/models/envoy/hash/u64.js';
import { vectors, type Json } from './reference.js';
import { caseHosts, caseLocalityWeights, u64Halves } from './helpers.js';

const withHosts: Json[] = vectors.ring_hash.cases.filter((c: Json) => Array.isArray(c.hosts));

function build(c: Json): RingHashTable {
  return RingHashTable.build(caseHosts(c), {
    minimumRingSize: c.minimum_ring_size,
    maximumRingSize: c.maximum_ring_size,
    hashFunction: c.hash_function,
    localityWeights: caseLocalityWeights[c.name],
  });
}

describe('ring hash rings (ring_hash_lb_test figures)', () => {
  it.each(withHosts.map((c) => [c.name, c]))('%s: weights, stats, hashes per host', (_n, c: Json) => {
    expect(normalizeWeights(caseHosts(c), caseLocalityWeights[c.name]).weights).toEqual(c.normalized_weights_per_host);
    const ring = build(c);
    expect(ring.stats).toEqual({
      size: c.stats.size,
      minHashesPerHost: c.stats.min_hashes_per_host,
      maxHashesPerHost: c.stats.max_hashes_per_host,
    });
    const perHost = new Array(c.hosts.length).fill(0);
    for (let i = 0; i < ring.length; i++) perHost[ring.hosts[ring.hostIndex[i]].index]++;
    expect(perHost).toEqual(c.hashes_per_host);
  });

  it.each(withHosts.filter((c) => c.sorted_ring).map((c) => [c.name, c]))(
    '%s: sorted ring and lookups',
    (_n, c: Json) => {
      const ring = build(c);
      const got = Array.from({ length: ring.length }, (_, i) => ({
        hash: toDecimal(ring.hashHi[i], ring.hashLo[i]),
        host_index: ring.hosts[ring.hostIndex[i]].index,
      }));
      expect(got).toEqual(c.sorted_ring);
      for (const l of c.lookups ?? []) {
        const [hi, lo] = u64Halves(l.hash);
        expect(ring.chooseHost(hi, lo, l.attempt)!.index).toBe(l.expected_host_index);
      }
    },
  );

  it('Basic retry vectors: attempt k steps k entries', () => {
    const c = withHosts.find((x) => x.name === 'Basic');
    const ring = build(c);
    for (const v of c.retry_vectors.vectors) {
      const [hi, lo] = u64Halves(v.hash);
      expect(ring.chooseHost(hi, lo, v.attempt)!.index).toBe(v.host_index);
    }
  });

  it.each(withHosts.filter((c) => c.probe_histogram).map((c) => [c.name, c]))('%s: probe histogram', (_n, c: Json) => {
    const ring = build(c);
    const probes = c.probe_histogram.counts_per_host_index.reduce((a: number, b: number) => a + b, 0);
    const step = ((1n << 64n) - 1n) / BigInt(probes);
    const counts = new Array(c.hosts.length).fill(0);
    for (let i = 0n; i < BigInt(probes); i++) {
      const h = i * step;
      counts[ring.chooseHost(Number(h >> 32n), Number(h & 0xffffffffn), 0)!.index]++;
    }
    expect(counts).toEqual(c.probe_histogram.counts_per_host_index);
  });

  it('LopsidedWeightSmallScale: the 8 light hosts that get an entry, and their lookups', () => {
    const c = vectors.ring_hash.cases.find((x: Json) => x.name === 'LopsidedWeightSmallScale');
    const hosts = Array.from(
      { length: 1024 },
      (_, i) => new Host({ address: '127.0.0.1', port: i, locality: i === 0 ? 'A' : 'B', index: i }),
    );
    const ring = RingHashTable.build(hosts, {
      minimumRingSize: 1024,
      maximumRingSize: 1024,
      localityWeights: new Map([
        ['A', 127],
        ['B', 1],
      ]),
    });
    expect(ring.stats).toEqual({ size: 1024, minHashesPerHost: 0, maxHashesPerHost: 1016 });
    const light = new Set<string>();
    for (let i = 0; i < ring.length; i++) if (ring.hostIndex[i] !== 0) light.add(ring.hosts[ring.hostIndex[i]].key);
    expect([...light].sort()).toEqual([...c.derived_hosts_with_one_entry].sort());
    for (const l of c.lookups) {
      const [hi, lo] = u64Halves(l.hash);
      expect(ring.chooseHost(hi, lo, 0)!.key).toBe(l.expected_host);
    }
  });

  it('BasicFailover priority arithmetic is the priority layer: here only the ring of P0 healthy hosts', () => {
    const ring = RingHashTable.build([new Host({ address: '127.0.0.1', port: 80 })], { minimumRingSize: 12 });
    expect(ring.length).toBe(12);
    expect(ring.chooseHost(0, 69, 0)!.key).toBe('127.0.0.1:80');
  });
});
