// `gwsim merge <shard outputs>... [--out DIR] [--json]`: joins the sweep.jsonl of several shards (directories or
// sweep.jsonl files of one sweep), dropping duplicate runs by id and ordering lines by (cell, probe, seed), so
// merged shards equal the unsharded sweep byte for byte; then prints and writes the sweep report.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import { InputError } from '../../sim/input-error.js';
import {
  compareLines,
  sameSweep,
  serializeLine,
  type SweepLine,
  type SweepSpec,
} from '../../scenarios/sweep/sweep-line.js';
import { buildSweepReport } from '../../scenarios/sweep/sweep-report.js';
import { formatSweepText } from '../../scenarios/sweep/sweep-text.js';
import { EXIT_OK } from '../exit-codes.js';
import {
  LINES_FILE,
  readLines,
  readSpec,
  SPEC_FILE,
  sweepPaths,
  writeReportFiles,
  writeSpec,
} from '../sweep-output.js';

/** Merges shard outputs; throws InputError when they belong to different sweeps or disagree on a run. */
export function mergeShards(inputs: readonly string[]): { spec: SweepSpec; lines: SweepLine[] } {
  if (inputs.length === 0)
    throw new InputError(
      'name the shard outputs to merge',
      { file: 'gwsim merge' },
      'directories written by gwsim sweep --out, or their sweep.jsonl files',
    );
  let spec: SweepSpec | null = null;
  const byId = new Map<string, SweepLine>();
  for (const input of inputs) {
    const p = sweepPaths(input);
    const s = readSpec(p.spec);
    if (s === null)
      throw new InputError(
        `no ${SPEC_FILE} next to the results`,
        { file: input },
        'a directory written by gwsim sweep --out',
      );
    if (spec !== null && !sameSweep(spec, s))
      throw new InputError(`belongs to another sweep than ${inputs[0]} (scenario, --set, --seeds or --slo differ)`, {
        file: input,
      });
    spec ??= s;
    for (const line of readLines(p.lines)) {
      const prior = byId.get(line.id);
      if (prior === undefined) byId.set(line.id, line);
      else if (serializeLine(prior) !== serializeLine(line))
        throw new InputError(
          `run ${line.id} (cell ${line.cell}, seed ${line.seed}) differs between inputs`,
          { file: p.lines },
          'outputs of one gwsim version and scenario',
        );
    }
  }
  return { spec: { ...spec!, shard: null }, lines: [...byId.values()].sort(compareLines) };
}

export const mergeCommand: GwsimCommand = {
  command: 'merge <inputs..>',
  describe: 'join sharded sweep outputs (dedupe by run id, deterministic order) and report',
  builder: (y: Argv) =>
    y
      .positional('inputs', {
        type: 'string',
        array: true,
        describe: 'shard output directories (or their sweep.jsonl)',
      })
      .option('out', { type: 'string', describe: 'write the merged sweep.jsonl, sweep-spec.json and reports here' })
      .option('json', { type: 'boolean', describe: 'print the sweep report as JSON' }),
  async run(args, io) {
    const inputs = (Array.isArray(args.inputs) ? args.inputs : [args.inputs])
      .filter((x) => x !== undefined)
      .map(String);
    const { spec, lines } = mergeShards(inputs);
    const report = buildSweepReport(spec, lines);
    if (args.out !== undefined) {
      const dir = String(args.out);
      mkdirSync(dir, { recursive: true });
      writeSpec(join(dir, SPEC_FILE), spec);
      writeFileSync(join(dir, LINES_FILE), lines.map(serializeLine).join(''));
      const written = await writeReportFiles(dir, report, lines);
      io.err(
        `gwsim merge: ${lines.length} run(s) from ${inputs.length} input(s); wrote ${[LINES_FILE, ...written.files].join(', ')} in ${dir}\n`,
      );
      for (const n of written.notes) io.err(`gwsim merge: ${n}\n`);
    }
    io.out(args.json ? JSON.stringify(report, null, 2) + '\n' : formatSweepText(report));
    return EXIT_OK;
  },
};
