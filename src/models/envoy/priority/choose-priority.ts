// Per-request choice of a priority level and of healthy vs degraded hosts, from one random draw, as Envoy does it.
// Owns the cumulative-load table and the pick; the loads themselves come from priority-load.ts.
//
// Rule (envoy source/extensions/load_balancing_policies/common/load_balancer_impl.cc, LoadBalancerBase::choosePriority):
//   b = h % 100 + 1; walk the healthy loads P0, P1, ... adding them up; the first level with b <= running sum wins
//   (healthy hosts); otherwise keep adding the degraded loads in order; the first match wins (degraded hosts).
// h is a fresh uint64 random() for RR / LeastRequest / Random, the request hash for RingHash / Maglev.
// Complexity O(levels) per pick, no allocation.

import type { Rng } from '../../../sim/rng.js';
import type { PriorityLoad } from './priority-load.js';

/** Encodes a choice as `priority * 2 + (degraded ? 1 : 0)` so a pick returns one number and allocates nothing. */
export type PriorityChoice = number;

export function choicePriority(choice: PriorityChoice): number {
  return choice >> 1;
}

export function choiceIsDegraded(choice: PriorityChoice): boolean {
  return (choice & 1) === 1;
}

/** Chooses a level from `h % 100` (0..99). Loads must sum to 100; if they do not, P0 healthy is returned, as Envoy's fallback. */
export function choosePriority(
  hashMod100: number,
  healthyLoad: ArrayLike<number>,
  degradedLoad: ArrayLike<number>,
): PriorityChoice {
  const b = hashMod100 + 1;
  let sum = 0;
  for (let p = 0; p < healthyLoad.length; p++) {
    sum += healthyLoad[p];
    if (b <= sum) return p * 2;
  }
  for (let p = 0; p < degradedLoad.length; p++) {
    sum += degradedLoad[p];
    if (b <= sum) return p * 2 + 1;
  }
  return 0;
}

/** A level chooser over fixed loads (rebuild it when the host sets change), drawing `random() % 100` from a per-worker stream. */
export class PriorityChooser {
  private readonly healthy: Int32Array;
  private readonly degraded: Int32Array;

  constructor(load: PriorityLoad) {
    this.healthy = Int32Array.from(load.healthyLoad);
    this.degraded = Int32Array.from(load.degradedLoad);
  }

  /** Number of levels. */
  get levels(): number {
    return this.healthy.length;
  }

  /** One uint64 draw reduced mod 100, then the level, as Envoy's chooseHostSet. */
  pick(rng: Rng): PriorityChoice {
    return choosePriority(rng.u64Mod(100), this.healthy, this.degraded);
  }

  /** The level for a given 64-bit hash already reduced mod 100 (hashing LBs use the request hash). */
  pickForHashMod100(hashMod100: number): PriorityChoice {
    return choosePriority(hashMod100, this.healthy, this.degraded);
  }
}
