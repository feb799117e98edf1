import { describe, expect, it } from 'vitest';
import { MaglevTable } from '../../../../src/models/envoy/lb/maglev.js';
import { Host } from '../../../../src/models/envoy/lb/host.js';
import { normalizeWeights } from '../../../../src/models/envoy/lb/normalize-weights.js';
import { vectors, type Json } from './reference.js';
import { caseHosts, caseLocalityWeights, u64Halves } from './helpers.js';

const cases: Json[] = vectors.maglev.cases.filter((c: Json) => c.expected_table_host_index !== undefined);

describe('Maglev tables (maglev_lb_test figures)', () => {
  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c: Json) => {
    const hosts = caseHosts(c);
    const lw = caseLocalityWeights[c.name];
    expect(normalizeWeights(hosts, lw).weights).toEqual(c.normalized_weights_per_host.filter((w: number) => w > 0));
    const table = MaglevTable.build(hosts, { tableSize: c.table_size, localityWeights: lw });
    const got = Array.from(table.table, (i) => table.hosts[i].index);
    expect(got).toEqual(c.expected_table_host_index);
    expect(table.stats).toEqual({
      minEntriesPerHost: c.stats.min_entries_per_host,
      maxEntriesPerHost: c.stats.max_entries_per_host,
    });
    // lookups h = 0 .. 3T-1 as the Envoy test feeds them
    for (let h = 0; h < 3 * c.table_size; h++)
      expect(table.chooseHost(0, h, 0)!.index).toBe(c.expected_table_host_index[h % c.table_size]);
    // BasicStability: shuffled host order, same table
    const shuffled = MaglevTable.build([...hosts].reverse(), { tableSize: c.table_size, localityWeights: lw });
    expect(Array.from(shuffled.table, (i) => shuffled.hosts[i].index)).toEqual(c.expected_table_host_index);
  });

  it('derived offsets and skips', () => {
    for (const c of cases) {
      const table = MaglevTable.build(caseHosts(c), {
        tableSize: c.table_size,
        localityWeights: caseLocalityWeights[c.name],
      });
      const counts = table.entriesPerHost();
      c.derived_build_entries_in_fill_order.forEach((e: Json, i: number) => {
        expect(table.hosts[i].key).toBe(e.key);
        expect(counts[i]).toBe(e.entries);
      });
    }
  });

  it('retry vectors: attempt k xors the hash with 2^64 - k', () => {
    const c = vectors.maglev.cases[0];
    const table = MaglevTable.build(caseHosts(c), { tableSize: c.table_size });
    for (const v of c.retry_vectors.vectors) {
      const [hi, lo] = u64Halves(v.hash);
      expect(table.chooseHost(hi, lo, v.attempt)!.index).toBe(v.expected_host_index);
    }
  });

  it('single host: every hash maps to it, stats 1/1', () => {
    for (const [weight, size] of [
      [1, 7],
      [7, 17],
    ]) {
      const t = MaglevTable.build([new Host({ address: '127.0.0.1', port: 90, weight })], { tableSize: size });
      expect(t.stats).toEqual({ minEntriesPerHost: 1, maxEntriesPerHost: 1 });
      for (let h = 0; h < 3 * size; h++) expect(t.chooseHost(h, h * 7, 0)!.key).toBe('127.0.0.1:90');
    }
  });

  it('LocalityWeightedLopsided: 64514 entries for the heavy host, 1 for each of 1023 others', () => {
    const hosts = Array.from(
      { length: 1024 },
      (_, i) => new Host({ address: '127.0.0.1', port: i, locality: i === 0 ? 'A' : 'B', index: i }),
    );
    const t = MaglevTable.build(hosts, {
      tableSize: 65537,
      localityWeights: new Map([
        ['A', 127],
        ['B', 1],
      ]),
    });
    const counts = t.entriesPerHost();
    const byKey = new Map(t.hosts.map((h, i) => [h.key, counts[i]]));
    expect(byKey.get('127.0.0.1:0')).toBe(64514);
    for (let i = 1; i < 1024; i++) expect(byKey.get(`127.0.0.1:${i}`)).toBe(1);
    expect(t.stats).toEqual({ minEntriesPerHost: 1, maxEntriesPerHost: 64514 });
  });
});
