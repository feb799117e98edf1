// The terminal report of a run: per step the workshop's own view (its lines), split tables, latency table;
// then the timeline, the expectations and the run's identity (seed, scenario hash, trace hash). Pure: RunResult in, text out.
import type { RunResult, StepResult } from '../../scenarios/run/run-result.js';
import { formatCount, formatSeconds } from '../format.js';
import { styles, type Styles } from './ansi.js';
import { latencyTableLines } from './latency-table.js';
import { splitTableLines } from './split-table.js';
import { timelineLines } from './timeline-text.js';

export interface TextReportOptions {
  /** ANSI colour; on only for a TTY. */
  color: boolean;
}

export function stepTitle(step: StepResult): string {
  const name = step.name === null ? '' : ` ${step.name}`;
  return `step ${step.index}: ${step.kind}${name}`;
}

function stepLines(step: StepResult, st: Styles): string[] {
  const when =
    step.endedAt > step.startedAt
      ? `${formatSeconds(step.startedAt)} - ${formatSeconds(step.endedAt)}`
      : formatSeconds(step.startedAt);
  const out = [`${st.bold(stepTitle(step))}  ${st.dim(when)}`];
  for (const line of step.lines) out.push(`  ${line}`.trimEnd());
  if (step.requests > 0) {
    const statuses = Object.entries(step.statusCounts)
      .map(([s, n]) => `${s === '0' ? 'no response' : s}: ${formatCount(n)}`)
      .join(', ');
    const noBackend = step.noBackend > 0 ? st.yellow(`, ${formatCount(step.noBackend)} not answered by a pod`) : '';
    out.push(st.dim(`  ${formatCount(step.requests)} requests (${statuses})`) + noBackend);
    out.push(...splitTableLines(step, st));
    out.push(...latencyTableLines(step.latencyMs));
  }
  return out;
}

/** Steps that say something: client steps, steps that print, and anything with a name. Silent applies and waits are folded. */
function shown(step: StepResult): boolean {
  return step.requests > 0 || step.lines.length > 0 || step.name !== null;
}

export function renderRunText(result: RunResult, options: TextReportOptions): string {
  const st = styles(options.color);
  const out: string[] = [];
  out.push(st.bold(`gwsim run: ${result.scenario}`) + (result.source === null ? '' : st.dim(`  (${result.source})`)));
  if (result.partial) out.push(st.yellow(`PARTIAL RUN: stopped early (${result.stopReason ?? 'unknown reason'})`));
  out.push('');
  let folded = 0;
  for (const step of result.steps) {
    if (!shown(step)) {
      folded++;
      continue;
    }
    out.push(...stepLines(step, st), '');
  }
  if (folded > 0) out.push(st.dim(`(${folded} steps without output: applies, deletes and waits)`), '');
  const warnings = result.warnings ?? [];
  if (warnings.length > 0) {
    out.push(st.bold('warnings'));
    for (const w of warnings) out.push(st.yellow(`  ${w.step === null ? 'run' : `step ${w.step}`}: ${w.message}`));
    out.push('');
  }
  if (result.timeline.length > 0) out.push(st.bold('timeline'), ...timelineLines(result.timeline, st), '');
  if (result.expectations.length > 0) {
    out.push(st.bold('expectations'));
    for (const e of result.expectations) {
      const mark = e.ok ? st.green('ok  ') : st.red('FAIL');
      out.push(`  ${mark} step ${e.step} (line ${e.line}): ${e.check}; observed ${e.observed}`);
    }
    const failed = result.expectations.filter((e) => !e.ok).length;
    out.push(
      failed === 0
        ? st.green(`  all ${result.expectations.length} expectations hold`)
        : st.red(`  ${failed} of ${result.expectations.length} expectations failed`),
      '',
    );
  }
  out.push(
    st.dim(`seed ${result.seed}, scenario sha256 ${result.scenarioHash}, gwsim ${result.gwsimVersion}`),
    st.dim(`${result.events} events, ${formatSeconds(result.simulatedSeconds)} simulated, trace ${result.traceHash}`),
  );
  return out.join('\n') + '\n';
}
