// The SLO search over offered load: the largest rate in [lo, hi] whose probe passes, by bisection on a log scale
// (geometric midpoints, so the precision is relative). Rule: probe lo (fails -> no rate in range meets the SLO),
// probe hi (passes -> every rate in range does), then halve [pass, fail] until hi/lo <= 1 + precision.
// log2(ln(hi/lo) / ln(1 + precision)) + 2 probes, e.g. 12 for [1, 36000] at 1 %. Assumes latency grows with load.

export interface BisectionResult {
  /** Largest probed rate that passed, or null when lo failed. */
  maxRate: number | null;
  /** Smallest probed rate that failed (the next step up), or null when hi passed. */
  failRate: number | null;
  /** found: maxRate < limit <= failRate; above-range: hi passed; below-range: lo failed. */
  outcome: 'found' | 'above-range' | 'below-range';
}

/** Rates are whole requests per second from 10/s up, two decimals below: reproducible and readable. */
export function roundRate(r: number): number {
  return r >= 10 ? Math.round(r) : Math.round(r * 100) / 100;
}

export class RateBisection {
  private lo: number;
  private hi: number;
  private loPassed: boolean | null = null;
  private hiPassed: boolean | null = null;
  private pending: number | null = null;

  constructor(
    lo: number,
    hi: number,
    private readonly precision: number,
  ) {
    if (!(lo > 0 && hi > lo && precision > 0))
      throw new RangeError(`bad bisection [${lo}, ${hi}] precision ${precision}`);
    this.lo = lo;
    this.hi = hi;
  }

  /** The next rate to probe, or null when the search is over. */
  next(): number | null {
    if (this.pending !== null) return this.pending;
    if (this.loPassed === null) return (this.pending = this.lo);
    if (this.loPassed === false) return null;
    if (this.hiPassed === null) return (this.pending = this.hi);
    if (this.hiPassed === true) return null;
    if (this.hi / this.lo <= 1 + this.precision) return null;
    const mid = roundRate(Math.sqrt(this.lo * this.hi));
    if (mid <= this.lo || mid >= this.hi) return null;
    return (this.pending = mid);
  }

  /** Records the outcome of the probe `next()` returned. */
  record(rate: number, passed: boolean): void {
    if (rate !== this.pending) throw new RangeError(`recorded rate ${rate} is not the pending probe ${this.pending}`);
    this.pending = null;
    if (this.loPassed === null) this.loPassed = passed;
    else if (this.hiPassed === null) this.hiPassed = passed;
    else if (passed) this.lo = rate;
    else this.hi = rate;
  }

  result(): BisectionResult {
    if (this.loPassed === false) return { maxRate: null, failRate: this.lo, outcome: 'below-range' };
    if (this.hiPassed === true) return { maxRate: this.hi, failRate: null, outcome: 'above-range' };
    return { maxRate: this.lo, failRate: this.hi, outcome: 'found' };
  }
}
