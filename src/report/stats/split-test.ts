// Goodness of fit of an observed split to its configured weights: exact binomial test for two backends,
// Pearson's chi-square for more. Owns the test choice and the statistics; not the table that shows them.
import { chiSquareSurvival, logGamma } from './incomplete-gamma.js';

export type SplitTestMethod = 'exact-binomial' | 'chi-square' | 'impossible' | 'none';

export interface SplitTest {
  /**
   * exact-binomial: two backends; chi-square: three or more (or two with n above EXACT_LIMIT);
   * impossible: a backend with expected share 0 received requests (p = 0); none: nothing to test (one backend, no requests).
   */
  method: SplitTestMethod;
  /** Pearson's X² (chi-square), the observed count of the first backend (exact-binomial), or null. */
  statistic: number | null;
  /** Degrees of freedom (chi-square), else null. */
  df: number | null;
  /** Probability of a split at least this far from the weights if the weights were the truth; null when untested. */
  pValue: number | null;
}

/** Above this many requests the O(n) exact sum gives way to the chi-square approximation (then excellent). */
export const EXACT_LIMIT = 1_000_000;

/** Relative tolerance when comparing point probabilities, as R's binom.test uses, so ties count as "as extreme". */
const TIE_TOLERANCE = 1 + 1e-7;

function logBinomialPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : -Infinity;
  if (p === 1) return k === n ? 0 : -Infinity;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p);
}

/**
 * Two-sided exact binomial p-value: the total probability of every outcome no more likely than the one observed
 * (the minimum-likelihood rule of R's binom.test). O(n).
 */
export function exactBinomialPValue(k: number, n: number, p: number): number {
  if (n === 0) return 1;
  const observed = logBinomialPmf(k, n, p) + Math.log(TIE_TOLERANCE);
  let total = 0;
  for (let i = 0; i <= n; i++) {
    const lp = logBinomialPmf(i, n, p);
    if (lp <= observed) total += Math.exp(lp);
  }
  return Math.min(1, total);
}

/** Pearson's X² = Σ (observed - expected)² / expected over cells with expected > 0. O(k). */
export function pearsonChiSquare(counts: readonly number[], shares: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  let x2 = 0;
  for (let i = 0; i < counts.length; i++) {
    const e = n * shares[i];
    if (e > 0) x2 += ((counts[i] - e) * (counts[i] - e)) / e;
  }
  return x2;
}

/** Tests observed counts against expected shares (which should sum to 1; they are renormalised if not). */
export function splitTest(counts: readonly number[], expectedShares: readonly number[]): SplitTest {
  const none: SplitTest = { method: 'none', statistic: null, df: null, pValue: null };
  const n = counts.reduce((a, b) => a + b, 0);
  const shareSum = expectedShares.reduce((a, b) => a + b, 0);
  if (n === 0 || !(shareSum > 0)) return none;
  const shares = expectedShares.map((s) => s / shareSum);
  for (let i = 0; i < counts.length; i++) {
    if (shares[i] === 0 && counts[i] > 0) return { method: 'impossible', statistic: null, df: null, pValue: 0 };
  }
  const live = shares.map((s, i) => [counts[i], s] as const).filter(([, s]) => s > 0);
  if (live.length < 2) return none;
  if (live.length === 2 && n <= EXACT_LIMIT) {
    return {
      method: 'exact-binomial',
      statistic: live[0][0],
      df: null,
      pValue: exactBinomialPValue(live[0][0], n, live[0][1]),
    };
  }
  const x2 = pearsonChiSquare(
    live.map(([c]) => c),
    live.map(([, s]) => s),
  );
  const df = live.length - 1;
  return { method: 'chi-square', statistic: x2, df, pValue: chiSquareSurvival(x2, df) };
}
