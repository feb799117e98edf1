// `gwsim priority`: Envoy's per-priority load (healthy, degraded, panic) for given host counts, as a table or JSON.
// Owns flag parsing and output only; the arithmetic is src/models/envoy/priority/priority-load.ts.
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import type { Io } from '../io.js';
import { InputError } from '../../sim/input-error.js';
import { EXIT_OK } from '../exit-codes.js';
import { computePriorityLoad } from '../../models/envoy/priority/priority-load.js';
import {
  DEFAULT_HEALTHY_PANIC_THRESHOLD,
  DEFAULT_OVERPROVISIONING_FACTOR,
  priorityLevelProblem,
  type PriorityLevel,
} from '../../models/envoy/priority/priority-level.js';

const LEVEL_FORMAT =
  'HOSTS:HEALTHY[:DEGRADED[:EXCLUDED]] with non-negative integers, healthy + degraded + excluded <= hosts';

/** Parses one `--level` value; throws InputError naming the flag and the level's position. */
export function parseLevel(text: string, index: number): PriorityLevel {
  const field = `level[${index}]`;
  const parts = String(text).split(':');
  if (parts.length < 2 || parts.length > 4) {
    throw new InputError(
      `${JSON.stringify(text)} needs 2 to 4 colon-separated numbers`,
      { file: '--level', field },
      LEVEL_FORMAT,
    );
  }
  const nums = parts.map((p) => {
    if (!/^\d+$/.test(p.trim()))
      throw new InputError(
        `${JSON.stringify(text)}: ${JSON.stringify(p)} is not a non-negative integer`,
        { file: '--level', field },
        LEVEL_FORMAT,
      );
    return Number(p.trim());
  });
  const level: PriorityLevel = { hosts: nums[0], healthy: nums[1], degraded: nums[2] ?? 0, excluded: nums[3] ?? 0 };
  const problem = priorityLevelProblem(level);
  if (problem !== null)
    throw new InputError(`${JSON.stringify(text)}: ${problem}`, { file: '--level', field }, LEVEL_FORMAT);
  return level;
}

function integerFlag(value: unknown, flag: string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(
      `${JSON.stringify(value)} is not an integer in [${min}, ${max}]`,
      { file: flag },
      `an integer percentage from ${min} to ${max}`,
    );
  }
  return n;
}

function renderTable(
  levels: readonly PriorityLevel[],
  load: ReturnType<typeof computePriorityLoad>,
  opf: number,
  threshold: number,
): string {
  const header = ['priority', 'hosts', 'healthy', 'degraded', 'excluded', 'healthyLoad%', 'degradedLoad%', 'panic'];
  const rows = levels.map((l, i) =>
    [
      `P${i}`,
      l.hosts,
      l.healthy,
      l.degraded,
      l.excluded,
      load.healthyLoad[i],
      load.degradedLoad[i],
      load.panic[i] ? 'yes' : 'no',
    ].map(String),
  );
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string =>
    cells
      .map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return (
    [`overprovisioning factor ${opf}, panic threshold ${threshold}%`, line(header), ...rows.map(line)].join('\n') + '\n'
  );
}

export const priorityCommand: GwsimCommand = {
  command: 'priority',
  describe:
    "Envoy's priority load: how traffic spills across priority levels with the overprovisioning factor, degraded hosts and panic",
  builder: (y: Argv) =>
    y
      .option('level', {
        type: 'string',
        array: true,
        describe: 'one priority level, in order P0, P1, ...: HOSTS:HEALTHY[:DEGRADED[:EXCLUDED]]',
      })
      .option('overprovisioning-factor', {
        type: 'string',
        default: DEFAULT_OVERPROVISIONING_FACTOR,
        describe: 'integer percent (Envoy default 140)',
      })
      .option('panic-threshold', {
        type: 'string',
        default: DEFAULT_HEALTHY_PANIC_THRESHOLD,
        describe: 'healthy panic threshold in percent (Envoy default 50; 0 disables panic)',
      })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print {"healthyLoad", "degradedLoad", "panic"} as JSON',
      })
      .example('gwsim priority --level 4:2 --level 4:4', 'P0 half healthy spills 30 % to P1'),
  run: (args: Record<string, unknown>, io: Io): number => {
    const raw = args.level as unknown[] | undefined;
    if (raw === undefined || raw.length === 0) {
      throw new InputError(
        'at least one --level is required (one per priority, P0 first)',
        { file: '--level' },
        LEVEL_FORMAT,
      );
    }
    const levels = raw.map((t, i) => parseLevel(String(t), i));
    const opf = integerFlag(args['overprovisioning-factor'], '--overprovisioning-factor', 1, 1_000_000);
    const threshold = integerFlag(args['panic-threshold'], '--panic-threshold', 0, 100);
    const load = computePriorityLoad(levels, { overprovisioningFactor: opf, healthyPanicThreshold: threshold });
    if (args.json === true)
      io.out(
        JSON.stringify({ healthyLoad: load.healthyLoad, degradedLoad: load.degradedLoad, panic: load.panic }) + '\n',
      );
    else io.out(renderTable(levels, load, opf, threshold));
    return EXIT_OK;
  },
};
