import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  ejectionAllowed,
  ejectionAllowedBefore127,
  maxSimultaneouslyEjected,
} from '../../../../src/models/envoy/outlier/ejection-gate.js';

const table = (
  JSON.parse(readFileSync(new URL('./envoy-outlier-vectors.json', import.meta.url), 'utf8')) as {
    max_ejection_percent_table: {
      rows: {
        hosts: number;
        max_ejection_percent: number;
        max_simultaneously_ejected: number;
        with_always_eject_one_host: number;
        'before_1.27_rule': number;
      }[];
    };
  }
).max_ejection_percent_table.rows;

describe('max_ejection_percent gate', () => {
  it('reproduces the 10-row max_ejection_percent_table (3 rules each)', () => {
    expect(table).toHaveLength(10);
    for (const r of table) {
      expect(maxSimultaneouslyEjected(r.hosts, (e) => ejectionAllowed(e, r.hosts, r.max_ejection_percent, false))).toBe(
        r.max_simultaneously_ejected,
      );
      expect(maxSimultaneouslyEjected(r.hosts, (e) => ejectionAllowed(e, r.hosts, r.max_ejection_percent, true))).toBe(
        r.with_always_eject_one_host,
      );
      expect(
        maxSimultaneouslyEjected(r.hosts, (e) => ejectionAllowedBefore127(e, r.hosts, r.max_ejection_percent)),
      ).toBe(r['before_1.27_rule']);
    }
  });

  it('fewer than 10 hosts with the default 10 % eject nothing', () => {
    for (let n = 1; n < 10; n++) expect(ejectionAllowed(0, n, 10, false)).toBe(false);
    expect(ejectionAllowed(0, 10, 10, false)).toBe(true);
  });
});
