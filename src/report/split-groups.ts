// A step's split rows grouped by route rule and configuration (the weights in force when the requests were routed),
// each group with its goodness-of-fit test over the backendRefs the weights govern. Shared by the text and HTML
// reports; owns grouping and the words of a verdict (the statistics are stats/split-test.ts).
import type { SplitRow, StepResult } from '../scenarios/run/run-result.js';
import { splitTest, type SplitTest } from './stats/split-test.js';

export interface SplitGroup {
  route: string;
  /** The rule's heading: the route, and from when its weights held when the step saw more than one configuration. */
  title: string;
  rows: SplitRow[];
  requests: number;
  /** Requests an Envoy Gateway fallback backendRef took: spill-over, not a share its weight asks for. */
  spillover: number;
  /** The test of the non-fallback rows against their weights. */
  test: SplitTest;
}

/** Groups in order of first appearance; rows keep their order. O(rows). */
export function splitGroups(step: StepResult): SplitGroup[] {
  const byKey = new Map<string, SplitRow[]>();
  for (const row of step.splits) {
    const key = `${row.route}#${row.configuration ?? 0}`;
    const rows = byKey.get(key);
    if (rows === undefined) byKey.set(key, [row]);
    else rows.push(row);
  }
  return [...byKey.values()].map((rows) => {
    const first = rows[0];
    const governed = rows.filter((r) => r.fallback !== true);
    return {
      route: first.route,
      title:
        first.since !== undefined
          ? `${first.route}, routed under these weights from ${first.since.toFixed(3)}s`
          : first.route,
      rows,
      requests: rows.reduce((a, r) => a + r.count, 0),
      spillover: rows.reduce((a, r) => a + (r.fallback === true ? r.count : 0), 0),
      test: splitTest(
        governed.map((r) => r.count),
        governed.map((r) => r.expectedShare),
      ),
    };
  });
}

/** Words for a group's verdict, e.g. `exact binomial test: p = 0.6512`, with the spill-over to fallbacks said first. */
export function describeGroup(g: SplitGroup, formatP: (p: number | null) => string): string {
  const test = describeTest(g.test, formatP);
  const hasFallback = g.rows.some((r) => r.fallback === true);
  if (g.spillover === 0)
    return hasFallback && g.test.method === 'none' ? 'no request spilled over to the fallback backendRef' : test;
  const spill = `${g.spillover} requests spilled over to the fallback backendRef (priority 1) while the others lacked healthy hosts`;
  return g.spillover === g.requests || g.test.method === 'none' ? spill : `${spill}; the rest: ${test}`;
}

/** Words for a test, e.g. `exact binomial p = 0.6512`. */
function describeTest(t: SplitTest, formatP: (p: number | null) => string): string {
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
