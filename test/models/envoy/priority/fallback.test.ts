import { describe, it, expect } from 'vitest';
import { backendRefPriority, priorityLevelsFromBackendRefs } from '../../../../src/models/envoy/priority/fallback.js';
import { computePriorityLoad } from '../../../../src/models/envoy/priority/priority-load.js';

describe('Envoy Gateway Backend fallback', () => {
  it('maps fallback: true to priority 1 and everything else to 0', () => {
    expect([backendRefPriority(true), backendRefPriority(false), backendRefPriority(undefined)]).toEqual([1, 0, 0]);
  });

  it('sums backendRefs into P0 and P1, and spills to the fallback as P0 loses health', () => {
    const levels = priorityLevelsFromBackendRefs([
      { level: { hosts: 2, healthy: 1, degraded: 0, excluded: 0 } },
      { level: { hosts: 2, healthy: 1, degraded: 0, excluded: 0 } },
      { fallback: true, level: { hosts: 3, healthy: 3, degraded: 0, excluded: 0 } },
    ]);
    expect(levels).toEqual([
      { hosts: 4, healthy: 2, degraded: 0, excluded: 0 },
      { hosts: 3, healthy: 3, degraded: 0, excluded: 0 },
    ]);
    expect(computePriorityLoad(levels).healthyLoad).toEqual([70, 30]);
  });

  it('without a fallback there is only P0', () => {
    expect(priorityLevelsFromBackendRefs([{ level: { hosts: 1, healthy: 1, degraded: 0, excluded: 0 } }])).toHaveLength(
      1,
    );
  });
});
