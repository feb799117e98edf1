// Envoy's per-priority load: availability per level with the overprovisioning factor, the normalized total availability,
// the spill-over of load from high to low priorities, degraded load, panic per level and total panic.
// Pure integer arithmetic over host counts; choosing a level per request is choose-priority.ts.
//
// Rule (envoy source/extensions/load_balancing_policies/common/load_balancer_impl.cc, recalculatePerPriorityState,
// distributeLoad, recalculatePerPriorityPanic, isHostSetInPanic, recalculateLoadInTotalPanic):
//   count_P = hosts - excluded; health_P = min(100, floor(OPF * healthy / count_P)); degraded_P likewise.
//   NTA = min(100, sum health + sum degraded). Healthy loads: walk P in order, load = min(remaining, floor(health_P*100/NTA)).
//   Degraded loads: the same walk over degraded_P with what is left. Rounding leftovers go to the first level with
//   health > 0, else the first with degraded > 0. Panic_P (only when NTA < 100): 100.0*healthy/count + 100.0*degraded/count
//   < threshold (doubles). All levels in panic: load_P = floor(100 * hosts_P / sum hosts), leftovers to the first non-empty level.
// Complexity O(levels). Computed from scratch (Envoy updates one level at a time; both give the same result except that
// Envoy can keep stale loads of other levels in the threshold-0, NTA-0 corner, where it only resets P0 to 100).

import {
  DEFAULT_HEALTHY_PANIC_THRESHOLD,
  DEFAULT_OVERPROVISIONING_FACTOR,
  type PriorityLevel,
} from './priority-level.js';

export interface PriorityLoad {
  /** Percent of requests sent to each level's healthy hosts (sums with degradedLoad to 100). */
  healthyLoad: number[];
  /** Percent of requests sent to each level's degraded hosts. */
  degradedLoad: number[];
  /** Whether each level is in panic (it then balances over all its hosts, healthy or not). */
  panic: boolean[];
}

export interface PriorityLoadOptions {
  /** Integer percent, default 140. */
  overprovisioningFactor?: number;
  /** Percent, default 50; values above 100 act as 100 (Envoy clamps). 0 disables panic. */
  healthyPanicThreshold?: number;
}

/** Healthy availability of one level: min(100, floor(OPF * healthy / (hosts - excluded))), 0 for an empty level. */
export function healthAvailability(level: PriorityLevel, overprovisioningFactor: number): number {
  const count = level.hosts - level.excluded;
  return count > 0 ? Math.min(100, Math.floor((overprovisioningFactor * level.healthy) / count)) : 0;
}

/** Degraded availability of one level, computed like healthAvailability. */
export function degradedAvailability(level: PriorityLevel, overprovisioningFactor: number): number {
  const count = level.hosts - level.excluded;
  return count > 0 ? Math.min(100, Math.floor((overprovisioningFactor * level.degraded) / count)) : 0;
}

/** Envoy's panic test for one level (double arithmetic, as isHostSetInPanic). */
export function isLevelInPanic(level: PriorityLevel, healthyPanicThreshold: number): boolean {
  const threshold = Math.min(100, healthyPanicThreshold);
  const count = level.hosts - level.excluded;
  const healthyPercent = count === 0 ? 0 : (100.0 * level.healthy) / count;
  const degradedPercent = count === 0 ? 0 : (100.0 * level.degraded) / count;
  return healthyPercent + degradedPercent < threshold;
}

/** The load split across priority levels for the given host counts. `levels` must be non-empty (Envoy always has P0). */
export function computePriorityLoad(levels: readonly PriorityLevel[], opts: PriorityLoadOptions = {}): PriorityLoad {
  const opf = opts.overprovisioningFactor ?? DEFAULT_OVERPROVISIONING_FACTOR;
  const threshold = Math.min(100, opts.healthyPanicThreshold ?? DEFAULT_HEALTHY_PANIC_THRESHOLD);
  const n = levels.length;
  if (n === 0) throw new RangeError('computePriorityLoad needs at least one priority level (P0)');
  const health = levels.map((l) => healthAvailability(l, opf));
  const degraded = levels.map((l) => degradedAvailability(l, opf));
  const healthyLoad = new Array<number>(n).fill(0);
  const degradedLoad = new Array<number>(n).fill(0);
  const panic = new Array<boolean>(n).fill(false);

  let nta = 0;
  for (let i = 0; i < n; i++) nta += health[i] + degraded[i];
  nta = Math.min(100, nta);

  if (nta > 0) {
    const firstHealthy = distributeLoad(healthyLoad, health, 100, nta);
    const firstDegraded = distributeLoad(degradedLoad, degraded, firstHealthy.remaining, nta);
    const leftover = firstDegraded.remaining;
    if (leftover !== 0) {
      if (firstHealthy.first !== -1) healthyLoad[firstHealthy.first] += leftover;
      else degradedLoad[firstDegraded.first] += leftover;
    }
  }

  // Panic threshold 0 with nothing available: P0 takes 100 % and no level is in panic (nothing is routable).
  if (threshold === 0 && nta === 0) {
    healthyLoad[0] = 100;
    return { healthyLoad, degradedLoad, panic };
  }

  let totalPanic = true;
  for (let i = 0; i < n; i++) {
    panic[i] = nta === 100 ? false : isLevelInPanic(levels[i], threshold);
    totalPanic = totalPanic && panic[i];
  }
  if (totalPanic) loadInTotalPanic(levels, healthyLoad, degradedLoad);
  return { healthyLoad, degradedLoad, panic };
}

/** Envoy's distributeLoad: fills `load` from `availability` in priority order; returns the first level with availability and what is left. */
function distributeLoad(
  load: number[],
  availability: readonly number[],
  totalLoad: number,
  nta: number,
): { first: number; remaining: number } {
  let first = -1;
  let remaining = totalLoad;
  for (let i = 0; i < availability.length; i++) {
    if (first < 0 && availability[i] > 0) first = i;
    load[i] = Math.min(remaining, Math.floor((availability[i] * 100) / nta));
    remaining -= load[i];
  }
  return { first, remaining };
}

/** Every level in panic: loads follow raw host counts (excluded and unhealthy included); degraded loads are 0. */
function loadInTotalPanic(levels: readonly PriorityLevel[], healthyLoad: number[], degradedLoad: number[]): void {
  let totalHosts = 0;
  for (const l of levels) totalHosts += l.hosts;
  if (totalHosts === 0) {
    healthyLoad[0] = 100;
    return;
  }
  let remaining = 100;
  let firstNonEmpty = -1;
  for (let i = 0; i < levels.length; i++) {
    if (firstNonEmpty === -1 && levels[i].hosts !== 0) firstNonEmpty = i;
    const load = Math.floor((100 * levels[i].hosts) / totalHosts);
    healthyLoad[i] = load;
    degradedLoad[i] = 0;
    remaining -= load;
  }
  healthyLoad[firstNonEmpty] += remaining;
}
