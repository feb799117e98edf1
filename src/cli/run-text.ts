// The terminal view of a run: the text report (per step what the workshop would print, latency and split tables, the
// timeline, the expectations) followed by a one-line verdict scripts can grep; --quiet keeps only failures and the verdict.
// Colour only when asked (a TTY).
import type { RunResult } from '../scenarios/run/run-result.js';
import { renderRunText } from '../report/text/run-text.js';

export function formatRunText(r: RunResult, opts: { quiet: boolean; color: boolean }): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const failed = r.expectations.filter((e) => !e.ok);
  const warned = (r.warnings ?? []).length;
  const verdict = r.partial
    ? c('33', `PARTIAL (${r.stopReason})`)
    : failed.length > 0
      ? c('31', `${failed.length} expectation(s) failed`)
      : warned > 0
        ? c('33', `ok, with ${warned} warning(s)`)
        : c('32', 'ok');
  const summary = `${r.scenario}: ${verdict}; ${r.events} events, ${fmt(r.simulatedSeconds)} s simulated, seed ${r.seed}, trace ${r.traceHash}\n`;
  if (!opts.quiet) return `${renderRunText(r, { color: opts.color })}${summary}\n`;
  const out: string[] = [];
  for (const w of r.warnings ?? [])
    out.push(`  ${c('33', 'warning')} ${w.step === null ? 'run' : `step ${w.step}`}: ${w.message}\n`);
  for (const e of failed)
    out.push(`  ${c('31', 'FAIL')} step ${e.step} (line ${e.line}): ${e.check}: observed ${e.observed}\n`);
  return out.join('') + summary;
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
