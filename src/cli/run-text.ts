// The terminal view of a run: per step what the workshop would print, then the expectations and a summary line.
// Colour only when asked (a TTY). The full report (split tables, latency, timeline) is src/report's.
import type { RunResult } from '../scenarios/run/run-result.js';

export function formatRunText(r: RunResult, opts: { quiet: boolean; color: boolean }): string {
  const c = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (!opts.quiet) {
    out.push(c('1', `# ${r.scenario}${r.source ? ` (${r.source})` : ''}`));
    for (const s of r.steps) {
      if (s.lines.length === 0 && s.requests === 0) continue;
      const head = `## step ${s.index}${s.name ? ` ${s.name}` : ''}: ${s.kind} at t=${fmt(s.startedAt)}s`;
      out.push('', c('36', head));
      out.push(...s.lines);
      if (s.requests > 0 && !s.lines.some((l) => l.startsWith('Summary:'))) {
        const codes = Object.entries(s.statusCounts).map(([k, v]) => `${k === '0' ? 'error' : k}: ${v}`).join(', ');
        out.push(c('2', `(${s.requests} requests; ${codes}; p50 ${s.latencyMs.p50} ms, p99 ${s.latencyMs.p99} ms)`));
      }
    }
  }
  const failed = r.expectations.filter((e) => !e.ok);
  if (r.expectations.length > 0 && (!opts.quiet || failed.length > 0)) {
    out.push('', c('1', 'Expectations:'));
    for (const e of opts.quiet ? failed : r.expectations) out.push(`  ${e.ok ? c('32', 'ok  ') : c('31', 'FAIL')} step ${e.step}: ${e.check}: ${e.observed}`);
  }
  const verdict = r.partial ? c('33', `PARTIAL (${r.stopReason})`) : failed.length > 0 ? c('31', `${failed.length} expectation(s) failed`) : c('32', 'ok');
  out.push('', `${r.scenario}: ${verdict}; ${r.events} events, ${fmt(r.simulatedSeconds)} s simulated, seed ${r.seed}, trace ${r.traceHash}`, '');
  return out.join('\n');
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
