import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { WeightedClusters } from '../../../../src/models/envoy/split/weighted-clusters.js';

const wc = (
  JSON.parse(readFileSync(new URL('./envoy-split-vectors.json', import.meta.url), 'utf8')) as {
    weighted_clusters: {
      vectors: { weights: number[]; random_value: string; selected_value: string; cluster_index: number }[];
    };
  }
).weighted_clusters.vectors;

describe('WeightedClusters (Envoy pickWeightedCluster)', () => {
  it('reproduces the 7 weighted_clusters vectors of envoy-vectors.json', () => {
    expect(wc).toHaveLength(7);
    for (const v of wc) {
      const c = new WeightedClusters(v.weights);
      expect(BigInt(v.random_value) % BigInt(c.totalWeight)).toBe(BigInt(v.selected_value));
      expect(c.pickForValue(BigInt(v.random_value))).toBe(v.cluster_index);
      expect(c.clusterFor(Number(v.selected_value))).toBe(v.cluster_index);
    }
  });

  it('a zero-weight cluster is never selected', () => {
    const c = new WeightedClusters([3, 0, 1]);
    expect([0, 1, 2, 3].map((s) => c.clusterFor(s))).toEqual([0, 0, 0, 2]);
  });

  it('rejects a zero total', () => {
    expect(() => new WeightedClusters([0, 0])).toThrow(RangeError);
  });
});
