// A step's split rows grouped by route rule, each group with its goodness-of-fit test.
// Shared by the text and HTML reports; owns grouping only (the statistics are stats/split-test.ts).
import type { SplitRow, StepResult } from '../scenarios/run/run-result.js';
import { splitTest, type SplitTest } from './stats/split-test.js';

export interface SplitGroup {
  route: string;
  rows: SplitRow[];
  requests: number;
  test: SplitTest;
}

/** Groups in order of first appearance; rows keep their order. O(rows). */
export function splitGroups(step: StepResult): SplitGroup[] {
  const byRoute = new Map<string, SplitRow[]>();
  for (const row of step.splits) {
    const rows = byRoute.get(row.route);
    if (rows === undefined) byRoute.set(row.route, [row]);
    else rows.push(row);
  }
  return [...byRoute].map(([route, rows]) => ({
    route,
    rows,
    requests: rows.reduce((a, r) => a + r.count, 0),
    test: splitTest(
      rows.map((r) => r.count),
      rows.map((r) => r.expectedShare),
    ),
  }));
}

/** Words for a test, e.g. `exact binomial p = 0.6512`. */
export function describeTest(t: SplitTest, formatP: (p: number | null) => string): string {
  switch (t.method) {
    case 'exact-binomial':
      return `exact binomial test: p = ${formatP(t.pValue)}`;
    case 'chi-square':
      return `chi-square test: X² = ${(t.statistic ?? 0).toFixed(2)}, df = ${t.df}, p = ${formatP(t.pValue)}`;
    case 'impossible':
      return 'a backend with weight 0 received requests: p = 0';
    case 'none':
      return 'one backend: nothing to test';
  }
}

/** True when the observed split is implausible under the configured weights at level alpha. */
export function splitRejected(t: SplitTest, alpha = 0.001): boolean {
  return t.pValue !== null && t.pValue < alpha;
}
