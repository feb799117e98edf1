// Loads the hand-made RunResult fixtures (test/fixtures/run-results/*.json) for report tests.
import { readFileSync } from 'node:fs';
import type { RunResult } from '../../src/scenarios/run/run-result.js';

export const FIXTURES = ['round-robin', 'cluster-mesh', 'ha-failover', 'consistent-hash'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixturePath(name: FixtureName): string {
  return new URL(`../fixtures/run-results/${name}.json`, import.meta.url).pathname;
}

export function loadFixture(name: FixtureName): RunResult {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as RunResult;
}

/** A copy of a fixture with every user-provided name replaced by a script tag (the escaping tests). */
export const EVIL = '<script>alert(1)</script>';
export function evilFixture(): RunResult {
  const r = loadFixture('cluster-mesh');
  r.scenario = EVIL;
  r.source = EVIL;
  for (const s of r.steps) {
    s.name = EVIL;
    s.lines = s.lines.map((l) => `${l} ${EVIL}`);
    s.byBackend = s.byBackend.map((b, i) => ({
      ...b,
      pod: `${EVIL}${i}`,
      service: EVIL,
      node: EVIL,
      cluster: `${EVIL}${i}`,
    }));
    s.splits = s.splits.map((sp, i) => ({ ...sp, route: EVIL, backend: `${EVIL}${i}` }));
  }
  r.series = r.series.map((p) => ({
    ...p,
    byPod: Object.fromEntries(Object.entries(p.byPod).map(([, c], i) => [`${EVIL}${i}`, c])),
  }));
  r.timeline = [...r.timeline, { t: 30.5, kind: 'outlier.ejected', pod: EVIL, host: EVIL }];
  r.expectations = r.expectations.map((e) => ({ ...e, check: EVIL, observed: EVIL }));
  return r;
}
