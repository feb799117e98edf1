// LB micro-benchmark: picks per second per policy at 10, 100 and 10000 hosts on one worker, and the Maglev build time
// for 1000 hosts at 65537 slots. Exported for the bench runner (bench/main.ts); not part of npm test.
import { performance } from 'node:perf_hooks';
import { RngRoot } from '../src/sim/rng.js';
import { createLoadBalancer, LB_POLICY_NAMES } from '../src/models/envoy/lb/registry.js';
import { hostsFromKeys } from '../src/models/envoy/lb/host.js';
import { LbContext } from '../src/models/envoy/lb/lb-context.js';
import { MaglevTable } from '../src/models/envoy/lb/maglev.js';
import type { LbPolicyName } from '../src/models/envoy/lb/load-balancer.js';

export interface LbBenchRow {
  policy: LbPolicyName;
  hosts: number;
  weighted: boolean;
  /** hashing LBs: every pick carries a fresh request hash; else no hash. */
  picks: number;
  seconds: number;
  picksPerSecond: number;
}

export interface LbBenchResult {
  model: 'lb';
  rows: LbBenchRow[];
  maglevBuild: { hosts: number; tableSize: number; milliseconds: number };
  ringBuild: { hosts: number; entries: number; milliseconds: number };
}

const HOST_COUNTS = [10, 100, 10000];
const POLICIES = LB_POLICY_NAMES.filter((p) => p !== 'ConsistentHash'); // ConsistentHash is Maglev under another name

function keys(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:8080`);
}

function timePicks(policy: LbPolicyName, n: number, weighted: boolean, minSeconds: number): LbBenchRow {
  const hosts = hostsFromKeys(keys(n), weighted ? Array.from({ length: n }, (_, i) => 1 + (i % 3)) : undefined);
  hosts.forEach((h, i) => (h.activeRequests = i % 4));
  const rng = new RngRoot(1).fork('bench/lb/worker-0');
  const lb = createLoadBalancer({ policy }, rng, hosts);
  const ctx = new LbContext(rng);
  const hashing = policy === 'Maglev' || policy === 'RingHash';
  const batch = 100_000;
  let done = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) {
      if (hashing) ctx.setHash(i * 2654435761, i * 40503);
      sink += lb.chooseHost(ctx)!.index;
    }
    done += batch;
    elapsed = (performance.now() - t0) / 1000;
  } while (elapsed < minSeconds);
  if (sink < 0) throw new Error('unreachable');
  return { policy, hosts: n, weighted, picks: done, seconds: elapsed, picksPerSecond: Math.round(done / elapsed) };
}

/** Runs the LB benchmark (about 0.2 s per row by default) and returns the figures. */
export function runLbBench(minSecondsPerRow = 0.2): LbBenchResult {
  const rows: LbBenchRow[] = [];
  for (const policy of POLICIES) {
    for (const n of HOST_COUNTS) {
      rows.push(timePicks(policy, n, false, minSecondsPerRow));
      if (policy === 'RoundRobin' || policy === 'LeastRequest') rows.push(timePicks(policy, n, true, minSecondsPerRow));
    }
  }
  const h1000 = hostsFromKeys(keys(1000));
  MaglevTable.build(h1000.slice(0, 10)); // warm the hasher and JIT
  let t0 = performance.now();
  const reps = 5;
  for (let i = 0; i < reps; i++) MaglevTable.build(h1000, { tableSize: 65537 });
  const maglevMs = (performance.now() - t0) / reps;
  t0 = performance.now();
  const ring = createLoadBalancer({ policy: 'RingHash' }, new RngRoot(1).fork('x'), h1000);
  const ringMs = performance.now() - t0;
  const entries = 'table' in ring ? (ring as unknown as { table: { length: number } }).table.length : 0;
  return {
    model: 'lb',
    rows,
    maglevBuild: { hosts: 1000, tableSize: 65537, milliseconds: Math.round(maglevMs * 100) / 100 },
    ringBuild: { hosts: 1000, entries, milliseconds: Math.round(ringMs * 100) / 100 },
  };
}
