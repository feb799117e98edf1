import { describe, expect, it } from 'vitest';
import { lbFields } from '../../../../src/models/envoy/export/cluster-lb.js';

describe('lbFields', () => {
  it('names each policy as Envoy does, with its config and Envoy defaults', () => {
    expect(lbFields({ policy: 'RoundRobin' }, 50, true)).toEqual({
      lb_policy: 'ROUND_ROBIN',
      common_lb_config: { healthy_panic_threshold: { value: 50 }, locality_weighted_lb_config: {} },
    });
    expect(lbFields({ policy: 'LeastRequest' }, 50, false)).toEqual({
      lb_policy: 'LEAST_REQUEST',
      least_request_lb_config: { choice_count: 2 },
      common_lb_config: { healthy_panic_threshold: { value: 50 } },
    });
    expect(
      lbFields({ policy: 'LeastRequest', choiceCount: 3, activeRequestBias: 1 }, 0, false).least_request_lb_config,
    ).toEqual({
      choice_count: 3,
      active_request_bias: { default_value: 1 },
    });
    expect(lbFields({ policy: 'Random' }, 50, false).lb_policy).toBe('RANDOM');
    expect(lbFields({ policy: 'ConsistentHash', tableSize: 307 }, 50, false)).toMatchObject({
      lb_policy: 'MAGLEV',
      maglev_lb_config: { table_size: 307 },
    });
    expect(lbFields({ policy: 'Maglev' }, 50, false).maglev_lb_config).toEqual({ table_size: 65537 });
    expect(
      lbFields({ policy: 'RingHash', minimumRingSize: 64, hashFunction: 'MURMUR_HASH_2' }, 50, false),
    ).toMatchObject({
      lb_policy: 'RING_HASH',
      ring_hash_lb_config: { minimum_ring_size: 64, maximum_ring_size: 8388608, hash_function: 'MURMUR_HASH_2' },
    });
    expect(lbFields({ policy: 'ConsistentHash', consistentHashAlgorithm: 'RingHash' }, 50, false).lb_policy).toBe(
      'RING_HASH',
    );
  });
});
