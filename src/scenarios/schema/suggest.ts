// "Did you mean" for misspelt field names and enum values: the closest candidate by edit distance, if close enough.
// Only spelling help; it never changes what is accepted.

/**
 * Optimal-string-alignment distance (Levenshtein plus swapping two adjacent letters, each cost 1), case-insensitive.
 * O(|a|·|b|) time and memory; inputs are short field names.
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= x.length; i++) d.push([i]);
  for (let j = 1; j <= y.length; j++) d[0][j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[x.length][y.length];
}

/**
 * The candidate closest to `word`, when the distance is at most a third of the word's length (at least 1, at most 3),
 * or when one is a case-insensitive prefix of the other; otherwise undefined. Ties go to the earlier candidate.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  if (best === undefined) return undefined;
  if (bestD <= limit) return best;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (w.length >= 3 && lc.length >= 3 && (lc.startsWith(w) || w.startsWith(lc))) return c;
  }
  return undefined;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closestName(word, candidates);
  return c === undefined ? '' : ` (did you mean ${JSON.stringify(c)}?)`;
}
