// The split table of a step: per route rule, each backend's configured weight and expected share against the
// observed count and share, with the goodness-of-fit p-value. Owns the text layout; the numbers come from split-groups.
import type { StepResult } from '../../scenarios/run/run-result.js';
import { formatCount, formatPValue, formatShare } from '../format.js';
import { describeGroup, splitGroups, splitRejected } from '../split-groups.js';
import type { Styles } from './ansi.js';
import { formatTable } from './table.js';

export function splitTableLines(step: StepResult, st: Styles): string[] {
  const out: string[] = [];
  for (const g of splitGroups(step)) {
    out.push(`  ${st.bold(g.title)}: ${formatCount(g.requests)} requests`);
    const rows = g.rows.map((r) => [
      r.backend,
      formatCount(r.weight),
      r.fallback === true ? 'fallback' : formatShare(r.expectedShare),
      formatCount(r.count),
      formatShare(r.observedShare),
    ]);
    const table = formatTable(['backend', 'weight', 'expected', 'observed', 'share'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
    ]);
    out.push(...table.map((l) => `    ${l}`));
    const words = describeGroup(g, formatPValue);
    out.push(`    ${splitRejected(g.test) ? st.red(`${words}: the split does not fit the weights`) : st.dim(words)}`);
  }
  return out;
}
