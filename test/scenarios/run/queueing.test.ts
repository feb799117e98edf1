// The queueing check of issue 6: 4 pods, exponential service (mean 1 ms), concurrency 1, Poisson arrivals at
// utilisation 0.9 through the whole gateway path with zero network latency. Mean latency in units of the mean service
// time must match reference/theory/queueing.json: Random = M/M/1 (10.0), RoundRobin on one worker = E4/M/1 (6.383),
// LeastRequest (P2C over 4) about 4.05 (supermarket model, reference/theory/supermarket.json), each within 5 %.
// Averaged over 4 seeds: one 60 s run of M/M/1 at rho 0.9 has a relative standard error near 4 %, four bring it to ~2 %.
import { describe, expect, it } from 'vitest';
import { loadCatalogScenario } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { readReferenceJson } from '../../reference-files.js';

const queueing = readReferenceJson<{
  mmc: Array<{ c: number; rho: number; W: number }>;
  round_robin_ek_m1: Array<{ servers_k: number; rho: number; W: number }>;
}>('theory/queueing.json');

describe('queueing through the gateway (4 pods, rho 0.9)', () => {
  it('mean latency for Random, RoundRobin and LeastRequest matches queueing theory within 5 %', () => {
    const seeds = [1, 2, 3, 4];
    const sums = { random: 0, 'round-robin': 0, 'least-request': 0 } as Record<string, number>;
    for (const seed of seeds) {
      const r = runScenario(loadCatalogScenario('queueing-mm4'), { seed, series: false });
      for (const s of r.steps) if (s.name !== null && s.name in sums) sums[s.name] += s.latencyMs.mean / seeds.length;
    }
    const mm1 = queueing.mmc.find((x) => x.c === 1 && x.rho === 0.9)!.W; // 10.0
    const e4m1 = queueing.round_robin_ek_m1.find((x) => x.servers_k === 4 && x.rho === 0.9)!.W; // 6.383
    const p2c = 4.05; // issue 6 / supermarket model for d = 2 over n = 4 at rho 0.9
    expect(Math.abs(sums.random / mm1 - 1)).toBeLessThan(0.05);
    expect(Math.abs(sums['round-robin'] / e4m1 - 1)).toBeLessThan(0.05);
    expect(Math.abs(sums['least-request'] / p2c - 1)).toBeLessThan(0.05);
  }, 120_000);
});
