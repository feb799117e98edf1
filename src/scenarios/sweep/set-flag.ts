// Parses `--set PATH=V1,V2,...` into one sweep dimension. Values are typed the simple way YAML users expect:
// integers and decimals become numbers, true/false booleans, anything else a string (10ms, RoundRobin).
import { InputError } from '../../sim/input-error.js';
import type { SweepValue } from './apply-overrides.js';
import { parseOverridePath, PATH_HELP } from './override-path.js';

export interface SweepDimension {
  path: string;
  values: SweepValue[];
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** One --set value: a number, a boolean or a string. */
export function parseSweepValue(raw: string): SweepValue {
  const v = raw.trim();
  if (NUMBER.test(v)) return Number(v);
  if (v === 'true') return true;
  if (v === 'false') return false;
  return v;
}

/** Parses one --set flag. Throws InputError naming --set. */
export function parseSetFlag(flag: string): SweepDimension {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new InputError(`${JSON.stringify(flag)} is not PATH=V1,V2,...`, { file: '--set' }, PATH_HELP);
  const path = flag.slice(0, eq).trim();
  parseOverridePath(path);
  const raw = flag.slice(eq + 1).split(',');
  if (raw.some((r) => r.trim() === ''))
    throw new InputError(
      `${JSON.stringify(flag)} has an empty value`,
      { file: '--set' },
      'comma-separated values, e.g. spec.gateway.workers=1,2,4',
    );
  const values = raw.map(parseSweepValue);
  const seen = new Set<string>();
  for (const v of values) {
    const k = JSON.stringify(v);
    if (seen.has(k)) throw new InputError(`${JSON.stringify(flag)} repeats the value ${k}`, { file: '--set' });
    seen.add(k);
  }
  return { path, values };
}

/** Parses every --set flag; a PATH may appear once. */
export function parseSetFlags(flags: readonly string[]): SweepDimension[] {
  const dims = flags.map(parseSetFlag);
  const paths = new Set<string>();
  for (const d of dims) {
    if (paths.has(d.path))
      throw new InputError(`${JSON.stringify(d.path)} is given twice; list all its values in one --set`, {
        file: '--set',
      });
    paths.add(d.path);
  }
  return dims;
}
