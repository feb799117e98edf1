// The files of a sweep: `sweep-spec.json` (what was swept; resume and merge check it) and `sweep.jsonl`, one line per
// (cell, seed) run. Field order is fixed by construction so equal runs give byte-identical lines. A contract: extend, never rename.
import type { SweepValue } from './apply-overrides.js';
import type { Shard } from './grid.js';
import type { RunSummary } from './run-summary.js';
import type { SweepDimension } from './set-flag.js';
import type { SloBound } from './slo.js';

export const SWEEP_SPEC_VERSION = 1;

export interface SweepFocus {
  /** The load step whose rate is the offered load (the SLO step): its index, name and written rate. */
  step: number;
  name: string | null;
  /** Concrete document path of its rate, `spec.steps[7].load.rate`. */
  ratePath: string;
  baseRate: number;
  /** The --set PATH that sets this rate in a plain grid (its concrete path is ratePath), or null. */
  rateDim: string | null;
}

export interface SweepSlo {
  bounds: SloBound[];
  /** search: bisection over the focus step's rate per configuration; grid: the rate is a --set dimension, each cell is judged. */
  mode: 'search' | 'grid';
  range: [number, number];
  precision: number;
}

export interface SweepSpec {
  version: typeof SWEEP_SPEC_VERSION;
  /** The scenario argument (catalog name or file) and its metadata.name. */
  scenario: string;
  scenarioName: string;
  /** sha256 of the scenario text and every manifest file it applies. */
  scenarioHash: string;
  dims: SweepDimension[];
  seeds: number[];
  focus: SweepFocus | null;
  slo: SweepSlo | null;
  /** null for an unsharded sweep and for merged output. */
  shard: Shard | null;
}

export interface SweepLine extends RunSummary {
  /** Stable run id: hash of the parameter values and the seed. */
  id: string;
  /** Grid cell (configuration) index. */
  cell: number;
  /** SLO search: the probe's position in the configuration's search; null in a plain grid. */
  probe: number | null;
  seedIndex: number;
  seed: number;
  /** Parameter values by --set PATH (and the focus rate path for SLO probes). */
  params: Record<string, SweepValue>;
  /** Offered load of the focus step, requests per second (null without a load step). */
  rate: number | null;
}

/** The deterministic order of lines: cell, probe, seed. */
export function compareLines(a: SweepLine, b: SweepLine): number {
  return (
    a.cell - b.cell ||
    (a.probe ?? -1) - (b.probe ?? -1) ||
    a.seedIndex - b.seedIndex ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function serializeLine(line: SweepLine): string {
  return JSON.stringify(line) + '\n';
}

/** Two specs describe the same sweep (shards aside). */
export function sameSweep(a: SweepSpec, b: SweepSpec): boolean {
  return JSON.stringify({ ...a, shard: null }) === JSON.stringify({ ...b, shard: null });
}
