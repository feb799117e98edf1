// The Cartesian grid of a sweep: cell i is a mixed-radix number over the --set dimensions (the last --set varies
// fastest), run ids hash the parameter values and seed, and shards take cells by index modulo the shard count.
import { sha256Hex } from '../../sim/sha256.js';
import { InputError } from '../../sim/input-error.js';
import type { Override } from './apply-overrides.js';
import type { SweepDimension } from './set-flag.js';

/** Largest grid a sweep accepts: beyond this a typo (a stray value list) is likelier than intent. */
export const MAX_CELLS = 1_000_000;

export interface SweepCell {
  /** 0-based position in the grid. */
  index: number;
  /** One value per dimension, in --set order. */
  params: Override[];
}

export function cellCount(dims: readonly SweepDimension[]): number {
  return dims.reduce((n, d) => n * d.values.length, 1);
}

/** Cell `index` of the grid (O(dimensions)). */
export function cellAt(dims: readonly SweepDimension[], index: number): SweepCell {
  const params: Override[] = new Array(dims.length);
  let rest = index;
  for (let d = dims.length - 1; d >= 0; d--) {
    const n = dims[d].values.length;
    params[d] = { path: dims[d].path, value: dims[d].values[rest % n] };
    rest = Math.floor(rest / n);
  }
  return { index, params };
}

/** Every cell of the grid, in index order. Throws InputError past MAX_CELLS. */
export function expandGrid(dims: readonly SweepDimension[]): SweepCell[] {
  const n = cellCount(dims);
  if (n > MAX_CELLS)
    throw new InputError(
      `the grid has ${n} cells, more than ${MAX_CELLS}`,
      { file: '--set' },
      'fewer values, or several sweeps',
    );
  return Array.from({ length: n }, (_, i) => cellAt(dims, i));
}

/**
 * The stable id of one run: the first 16 hex digits of sha256 over the parameter values sorted by path, and the
 * seed. Independent of --set order, shard and worker, so resume and merge can match runs by it.
 */
export function runId(params: readonly Override[], seed: number): string {
  const sorted = [...params]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((p) => [p.path, p.value]);
  return sha256Hex(JSON.stringify({ params: sorted, seed })).slice(0, 16);
}

export interface Shard {
  /** 0-based, as Kubernetes Indexed Jobs number completions (JOB_COMPLETION_INDEX). */
  index: number;
  count: number;
}

/** Parses `--shard I/N` (0 <= I < N). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count || !Number.isSafeInteger(count)) {
    throw new InputError(
      `${JSON.stringify(text)} is not a shard I/N with 0 <= I < N`,
      { file: '--shard' },
      'I/N, 0-based, e.g. 0/4 .. 3/4 (JOB_COMPLETION_INDEX/completions)',
    );
  }
  return { index, count };
}

/** True when cell `index` belongs to `shard` (index mod N == I); every cell when there is no shard. */
export function inShard(index: number, shard: Shard | null): boolean {
  return shard === null || index % shard.count === shard.index;
}
