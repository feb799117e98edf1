// Turns the sweep flags into a SweepSpec: parses --set and --slo, finds the focus load step, decides between an SLO
// search and a judged grid, and loads the scenario once per --set value so a bad path or value fails before any run.
import { sha256Hex } from '../../sim/sha256.js';
import { InputError } from '../../sim/input-error.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { concreteDocPath, loadWithOverrides, type SweepBase } from './apply-overrides.js';
import { cellCount, MAX_CELLS, type Shard } from './grid.js';
import { parseSetFlags } from './set-flag.js';
import { parseSlo } from './slo.js';
import { SWEEP_SPEC_VERSION, type SweepFocus, type SweepSpec } from './sweep-line.js';

export interface SweepFlags {
  /** The scenario argument as given (catalog name or file). */
  scenario: string;
  set: string[];
  seeds: number;
  slo: string[];
  sloStep: string | null;
  sloRange: string | null;
  /** Relative width of the final bisection interval. */
  sloPrecision: number;
  shard: Shard | null;
}

/** Default relative precision of the SLO search: the answer is within 1 % of the true limit's probe grid. */
export const DEFAULT_SLO_PRECISION = 0.01;

export function planSweep(base: SweepBase, flags: SweepFlags): SweepSpec {
  const read: string[] = [];
  const scenario = loadWithOverrides(
    {
      ...base,
      readFile: (p) => {
        const t = base.readFile(p);
        read.push(p, t);
        return t;
      },
    },
    [],
  );
  const hash = sha256Hex(JSON.stringify([base.text, ...read]));
  const dims = parseSetFlags(flags.set);
  if (cellCount(dims) > MAX_CELLS)
    throw new InputError(
      `the grid has ${cellCount(dims)} cells, more than ${MAX_CELLS}`,
      { file: '--set' },
      'fewer values, or several sweeps',
    );
  for (const d of dims) {
    for (const value of d.values) {
      try {
        loadWithOverrides(base, [{ path: d.path, value }]);
      } catch (e) {
        if (e instanceof InputError && e.where.file !== '--set')
          throw new InputError(`${d.path}=${String(value)} makes the scenario invalid: ${e.message}`, {
            file: '--set',
          });
        throw e;
      }
    }
  }
  const focus = focusStep(
    base,
    scenario,
    dims.map((d) => d.path),
    flags.sloStep,
  );
  if (!Number.isSafeInteger(flags.seeds) || flags.seeds < 1 || flags.seeds > 10_000)
    throw new InputError(`${flags.seeds} is not a seed count`, { file: '--seeds' }, 'an integer from 1 to 10000');
  const seeds = Array.from({ length: flags.seeds }, (_, i) => scenario.seed + i);
  let slo: SweepSpec['slo'] = null;
  if (flags.slo.length > 0) {
    const bounds = parseSlo(flags.slo);
    if (focus === null)
      throw new InputError(
        'the scenario has no load step whose rate to search',
        { file: '--slo' },
        'a scenario with a `load` step (or --slo-step NAME)',
      );
    if (!(flags.sloPrecision > 0 && flags.sloPrecision < 1))
      throw new InputError(
        `${flags.sloPrecision} is not a precision`,
        { file: '--slo-precision' },
        'a share in (0, 1), e.g. 0.01',
      );
    const range = flags.sloRange === null ? ([1, 10 * focus.baseRate] as [number, number]) : parseRange(flags.sloRange);
    slo = { bounds, mode: focus.rateDim === null ? 'search' : 'grid', range, precision: flags.sloPrecision };
  } else if (flags.sloRange !== null || flags.sloStep !== null) {
    throw new InputError('--slo-range and --slo-step need --slo', {
      file: flags.sloRange !== null ? '--slo-range' : '--slo-step',
    });
  }
  return {
    version: SWEEP_SPEC_VERSION,
    scenario: flags.scenario,
    scenarioName: scenario.name,
    scenarioHash: hash,
    dims,
    seeds,
    focus,
    slo,
    shard: flags.shard,
  };
}

function parseRange(text: string): [number, number] {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 2 || !parts.every((n) => Number.isFinite(n) && n > 0) || parts[0] >= parts[1]) {
    throw new InputError(
      `${JSON.stringify(text)} is not a rate range`,
      { file: '--slo-range' },
      'LO,HI requests per second with 0 < LO < HI, e.g. 100,100000',
    );
  }
  return [parts[0], parts[1]];
}

/**
 * The load step named by --slo-step (a name or an index), else the one load step whose rate the grid sets (a sweep of
 * the second phase's rate is about that phase), else the first load step, else null.
 */
function focusStep(
  base: SweepBase,
  s: ResolvedScenario,
  setPaths: readonly string[],
  sloStep: string | null,
): SweepFocus | null {
  const loads = s.steps.filter((st) => st.kind === 'load');
  const concrete = setPaths.filter((p) => p.startsWith('spec.')).map((p) => concreteDocPath(base.text, p));
  const swept = loads.filter((st) => concrete.includes(`spec.steps[${st.index}].load.rate`));
  let step = swept.length === 1 ? swept[0] : loads[0];
  if (sloStep !== null) {
    const byName =
      s.steps.find((st) => st.name === sloStep) ?? (/^\d+$/.test(sloStep) ? s.steps[Number(sloStep)] : undefined);
    const names = loads.map((st) => st.name ?? String(st.index)).join(', ');
    if (byName === undefined)
      throw new InputError(
        `no step is named ${JSON.stringify(sloStep)}`,
        { file: '--slo-step' },
        names === '' ? 'the scenario has no load step' : `a load step: ${names}`,
      );
    if (byName.kind !== 'load')
      throw new InputError(
        `step ${JSON.stringify(sloStep)} is a ${byName.kind} step, not a load step`,
        { file: '--slo-step' },
        names === '' ? 'the scenario has no load step' : `a load step: ${names}`,
      );
    step = byName;
  }
  if (step === undefined || step.kind !== 'load') return null;
  const ratePath = `spec.steps[${step.index}].load.rate`;
  const rateDim = setPaths.find((p) => p.startsWith('spec.') && concreteDocPath(base.text, p) === ratePath) ?? null;
  return { step: step.index, name: step.name, ratePath, baseRate: step.ratePerSecond, rateDim };
}
