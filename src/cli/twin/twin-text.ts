// The twin's text: per compared step the sim and real statuses and per-pod counts side by side, then each check's
// verdict and what disagreed; steps the lab cannot make real say n/a and why.
import type { TwinResult, TwinStep } from './twin-run.js';

const show = (c: Record<string, number>) =>
  Object.keys(c)
    .sort()
    .map((k) => `${k}=${c[k]}`)
    .join(' ') || '-';

function stepLines(s: TwinStep): string[] {
  const title = `step ${s.index}${s.name !== null ? ` (${s.name})` : ''} ${s.kind}`;
  if (s.na !== null) return [`${title}: n/a ${s.na}`];
  const out = [`${title}:`];
  out.push(`  statuses  sim ${show(s.sim.statusCounts)}  |  real ${show(s.real?.statusCounts ?? {})}`);
  const pods = [...new Set([...Object.keys(s.sim.pods), ...Object.keys(s.real?.pods ?? {})])].sort();
  for (const p of pods)
    out.push(
      `  ${p.padEnd(34)} sim ${String(s.sim.pods[p] ?? 0).padStart(5)}  real ${String(s.real?.pods[p] ?? 0).padStart(5)}`,
    );
  for (const c of s.checks) {
    out.push(`  ${c.what}: ${c.verdict.ok ? 'agree' : 'DISAGREE'} (${c.verdict.kind})`);
    for (const p of c.verdict.problems) out.push(`    ${p}`);
  }
  return out;
}

export function formatTwinText(r: TwinResult): string {
  const lines = [`gwsim twin ${r.scenario} (loopback mode, echo server: ${r.echo})`];
  for (const s of r.steps) lines.push(...stepLines(s));
  const compared = r.steps.filter((s) => s.na === null).length;
  const failed = r.steps.filter((s) => s.checks.some((c) => !c.verdict.ok)).length;
  lines.push(
    r.steps.length === 0
      ? 'no client steps to compare'
      : `${compared} step(s) compared, ${r.steps.length - compared} n/a, ${failed} disagree(s): ${r.ok ? 'ok' : 'FAILED'}`,
  );
  return lines.join('\n') + '\n';
}
