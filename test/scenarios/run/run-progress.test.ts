// The run's progress callback moves within a long step (a fraction of its simulated length), not only per step.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';

const scenario = loadScenario(
  `apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: progress}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1]}]
  steps:
    - wait: 1s
    - load: {name: long, rate: 500, duration: 600s, url: "http://10.0.0.1/"}
`,
  { file: 'progress.yaml', readFile: () => '', root: '.' },
);

describe('run progress', () => {
  it('advances within a step of known length (a long load), monotonically', () => {
    const seen: number[] = [];
    runScenario(scenario, { onProgress: (p) => seen.push(p) });
    const within = seen.filter((p) => p > 1 && p < 2);
    expect(within.length).toBeGreaterThan(1);
    expect(within).toEqual([...within].sort((a, b) => a - b));
    expect(Math.max(...within)).toBeLessThan(2);
  });
});
