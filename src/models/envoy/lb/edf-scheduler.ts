// Envoy's Earliest-Deadline-First scheduler (source/common/upstream/edf_scheduler.h), including createWithPicks.
// Owns the deadline heap over entry indexes; what an entry is (a host, a locality) and its weight belong to the caller.
//
// Rule: each entry has (deadline, order); pick = the smallest deadline, ties to the smaller order (FIFO); the clock
// becomes that deadline and the entry is re-added at clock + 1/weight with the next order. O(log n) per pick.
// Storage is a binary heap in typed arrays so picks allocate nothing; `order` is a uint64 in Envoy, a double here
// (exact to 2^53 picks). Entries are never removed: Envoy rebuilds the scheduler whenever the host set changes.

/**
 * Gives the current weight of an entry (called on re-insertion, so it may change between picks), written to out[0]:
 * a fractional weight returned from a call V8 does not inline would be boxed, an allocation per pick.
 */
export interface EdfWeights {
  edfWeight(entry: number, out: Float64Array): void;
}

/** createWithPicks limits the emulated picks to below UINT32_MAX / 10. */
export const EDF_MAX_PRE_PICKS = 429496729;

export class EdfScheduler {
  private readonly deadlines: Float64Array;
  private readonly orders: Float64Array;
  private readonly entries: Int32Array;
  private size = 0;
  /**
   * The scheduler clock (Envoy's current_time_), kept in a typed array: a plain number field that once held 0 and then
   * doubles may be stored as a boxed number, one allocation per pick (seen with --trace-gc).
   */
  private readonly clock = new Float64Array(1);
  /** Where EdfWeights writes the weight asked for. */
  private readonly weightOut = new Float64Array(1);
  /** The next order value (Envoy's order_offset_). */
  orderOffset = 0;

  constructor(capacity: number) {
    this.deadlines = new Float64Array(capacity);
    this.orders = new Float64Array(capacity);
    this.entries = new Int32Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  get currentTime(): number {
    return this.clock[0];
  }

  set currentTime(t: number) {
    this.clock[0] = t;
  }

  /** Inserts `entry` with deadline currentTime + 1/weight (weight > 0). */
  add(weight: number, entry: number): void {
    this.weightOut[0] = weight;
    this.addWeighted(entry);
  }

  /**
   * add() with the weight already in weightOut[0], for the pick path: a fractional weight passed to a call V8 does not
   * inline is boxed, and whether add() was inlined into pickAndAdd depended on the JIT's timing (5-6 scavenges per
   * million weighted LeastRequest picks in about one process in three under load, seen with --trace-gc).
   */
  private addWeighted(entry: number): void {
    const i = this.size++;
    this.deadlines[i] = this.clock[0] + 1.0 / this.weightOut[0];
    this.orders[i] = this.orderOffset++;
    this.entries[i] = entry;
    this.siftUp(i);
  }

  /** Pops the earliest entry, advances the clock, re-adds it with its current weight; returns it (-1 when empty). */
  pickAndAdd(weights: EdfWeights): number {
    if (this.size === 0) return -1;
    const entry = this.entries[0];
    this.clock[0] = this.deadlines[0];
    this.popTop();
    weights.edfWeight(entry, this.weightOut);
    this.addWeighted(entry);
    return entry;
  }

  /** The entry the next pick would return, without picking (-1 when empty). */
  peek(): number {
    return this.size === 0 ? -1 : this.entries[0];
  }

  /**
   * Envoy's EdfScheduler::createWithPicks: the state after `picks` picks from entries 0..n-1 added in order, computed in
   * closed form. Rule: picks %= 429496729; w'_i = w_i + 1e-13 (only here); W = sum of w'_i in entry order;
   * p_i = trunc(w'_i * picks / W), decremented once if p_i > 0 and p_i / w'_i >= picks / W; entry i gets deadline
   * (p_i + 1) / w'_i and order i; clock = max p_i / w'_i; next order n; the remaining picks - sum p_i are done normally
   * with the unperturbed weights. O(n log n + n). Randomises each worker's phase in the weighted cycle.
   */
  static createWithPicks(n: number, weights: EdfWeights, picksIn: number): EdfScheduler {
    const s = new EdfScheduler(n);
    if (n === 0) return s;
    const picks = (picksIn >>> 0) % EDF_MAX_PRE_PICKS;
    const aug = new Float64Array(n);
    let sum = 0.0;
    for (let i = 0; i < n; i++) {
      weights.edfWeight(i, s.weightOut);
      aug[i] = s.weightOut[0] + 1e-13;
      sum += aug[i];
    }
    const perWeight = picks / sum;
    let picksSoFar = 0;
    let maxPickTime = 0.0;
    for (let i = 0; i < n; i++) {
      const w = aug[i];
      let floorPicks = Math.trunc((w * picks) / sum);
      if (floorPicks > 0 && floorPicks / w >= perWeight) floorPicks--;
      const pickTime = floorPicks / w;
      s.deadlines[i] = (floorPicks + 1) / w;
      s.orders[i] = i;
      s.entries[i] = i;
      if (pickTime > maxPickTime) maxPickTime = pickTime;
      picksSoFar += floorPicks;
    }
    s.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) s.siftDown(i);
    s.currentTime = maxPickTime;
    s.orderOffset = n;
    while (picksSoFar < picks) {
      s.pickAndAdd(weights);
      picksSoFar++;
    }
    return s;
  }

  private less(a: number, b: number): boolean {
    const da = this.deadlines[a];
    const db = this.deadlines[b];
    return da < db || (da === db && this.orders[a] < this.orders[b]);
  }

  private swap(a: number, b: number): void {
    const d = this.deadlines[a];
    this.deadlines[a] = this.deadlines[b];
    this.deadlines[b] = d;
    const o = this.orders[a];
    this.orders[a] = this.orders[b];
    this.orders[b] = o;
    const e = this.entries[a];
    this.entries[a] = this.entries[b];
    this.entries[b] = e;
  }

  /** Restores the heap order upwards from position i. */
  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private popTop(): void {
    const last = --this.size;
    if (last > 0) {
      this.deadlines[0] = this.deadlines[last];
      this.orders[0] = this.orders[last];
      this.entries[0] = this.entries[last];
      this.siftDown(0);
    }
  }

  private siftDown(start: number): void {
    let i = start;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && this.less(r, l) ? r : l;
      if (!this.less(m, i)) return;
      this.swap(m, i);
      i = m;
    }
  }
}
