import { describe, expect, it } from 'vitest';
import { RngRoot } from '../../../../src/sim/rng.js';
import { RoundRobinLoadBalancer } from '../../../../src/models/envoy/lb/round-robin.js';
import { hostsFromKeys } from '../../../../src/models/envoy/lb/host.js';
import { LbContext } from '../../../../src/models/envoy/lb/lb-context.js';
import { EdfScheduler } from '../../../../src/models/envoy/lb/edf-scheduler.js';
import { vectors, type Json } from './reference.js';
import { u64Halves } from './helpers.js';

const rng = new RngRoot(1).fork('test/rr');

describe('round robin (round_robin_lb.h)', () => {
  it.each((vectors.round_robin.examples as Json[]).map((e: Json) => [e.seed, e.hosts, e]))(
    'seed %s over %i hosts: first six indices',
    (_s, _n, e: Json) => {
      const hosts = hostsFromKeys(Array.from({ length: e.hosts }, (_, i) => `10.0.0.${i}:80`));
      const lb = new RoundRobinLoadBalancer({ policy: 'RoundRobin' }, rng);
      const [hi, lo] = u64Halves(e.seed);
      lb.reseed(hi, lo);
      lb.rebuild(hosts);
      const ctx = new LbContext(rng);
      expect(Array.from({ length: 6 }, () => lb.chooseHost(ctx)!.index)).toEqual(e.first_6_indices);
    },
  );

  it('keeps its cursor across host changes (not reset on rebuild)', () => {
    const lb = new RoundRobinLoadBalancer({ policy: 'RoundRobin' }, rng);
    lb.reseed(0, 4);
    lb.rebuild(hostsFromKeys(['a:1', 'b:1', 'c:1']));
    const ctx = new LbContext(rng);
    expect(lb.chooseHost(ctx)!.key).toBe('b:1'); // 4 % 3
    lb.rebuild(hostsFromKeys(['a:1', 'b:1']));
    expect(lb.chooseHost(ctx)!.key).toBe('b:1'); // 5 % 2
  });

  it('weighted: EDF built with createWithPicks(uint32(seed))', () => {
    const lb = new RoundRobinLoadBalancer({ policy: 'RoundRobin' }, rng);
    lb.reseed(0xdeadbeef, 7);
    lb.rebuild(hostsFromKeys(['a:1', 'b:1', 'c:1'], [1, 2, 3]));
    const ctx = new LbContext(rng);
    const got = Array.from({ length: 12 }, () => lb.chooseHost(ctx)!.index);
    const w = {
      edfWeight: (i: number, out: Float64Array) => {
        out[0] = i + 1;
      },
    };
    const ref = EdfScheduler.createWithPicks(3, w, 7);
    expect(got).toEqual(Array.from({ length: 12 }, () => ref.pickAndAdd(w)));
    expect(got).toEqual(vectors.edf_scheduler.derived_sequences.createWithPicks_weights_1_2_3[7].next_12);
  });
});
