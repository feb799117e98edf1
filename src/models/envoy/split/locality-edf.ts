// Envoy's earliest-deadline-first scheduler over a handful of fixed weights (the localities of one priority), including
// the `createWithPicks` start that emulates N earlier picks. Owns the schedule only; which weights is locality-wrr.ts.
// (lb/ has its own host EDF with lazy removal and changing weights; localities never change between rebuilds, so this
// fixed-weight version keeps the pick allocation-free with flat arrays.)
//
// Rule (envoy source/common/upstream/edf_scheduler.h): each entry has (deadline, order); a pick takes the smallest
// deadline, ties to the smaller order; the clock becomes that deadline and the entry is re-added with deadline
// clock + 1/weight and a fresh order. createWithPicks(picks): picks %= 429496729; weights get +1e-13 for the emulation
// only; W = their sum in entry order; p_i = trunc(w_i * picks / W), minus 1 if p_i > 0 and p_i / w_i >= picks / W;
// entry i starts at deadline (p_i + 1) / w_i with order i; the clock starts at max p_i / w_i; the next order is n;
// the remaining picks - sum p_i picks are done normally with the plain weights.
// Complexity: O(n) per pick by linear scan (n = localities, a few); build O(n + leftover picks), leftover < n.

export class LocalityEdf {
  private readonly weights: Float64Array;
  private readonly deadlines: Float64Array;
  private readonly orders: Float64Array;
  private clock = 0;
  private nextOrder: number;

  /** `weights` must all be > 0; `picks` is a uint32 (Envoy passes the low 32 bits of a 64-bit random()). */
  constructor(weights: ArrayLike<number>, picks: number) {
    const n = weights.length;
    this.weights = Float64Array.from(weights as ArrayLike<number>);
    this.deadlines = new Float64Array(n);
    this.orders = new Float64Array(n);
    this.nextOrder = n;
    const p = (picks >>> 0) % 429496729;
    let sum = 0.0;
    for (let i = 0; i < n; i++) sum += this.weights[i] + 1e-13;
    let done = 0;
    let maxPickTime = 0.0;
    for (let i = 0; i < n; i++) {
      const w = this.weights[i] + 1e-13;
      let floorPicks = Math.trunc((w * p) / sum) >>> 0;
      if (floorPicks > 0 && floorPicks / w >= p / sum) floorPicks--;
      maxPickTime = Math.max(maxPickTime, floorPicks / w);
      this.deadlines[i] = (floorPicks + 1) / w;
      this.orders[i] = i;
      done += floorPicks;
    }
    this.clock = maxPickTime;
    for (; done < p; done++) this.pick();
  }

  get size(): number {
    return this.weights.length;
  }

  /** The index (into the constructor's weights) of the next entry. */
  pick(): number {
    const d = this.deadlines;
    const o = this.orders;
    let best = 0;
    for (let i = 1; i < d.length; i++) {
      if (d[i] < d[best] || (d[i] === d[best] && o[i] < o[best])) best = i;
    }
    this.clock = d[best];
    d[best] = this.clock + 1.0 / this.weights[best];
    o[best] = this.nextOrder++;
    return best;
  }
}
