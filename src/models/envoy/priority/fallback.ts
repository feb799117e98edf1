// Envoy Gateway's Backend `fallback: true`: the backendRef's endpoints go to priority 1 of the rule's cluster, the others
// stay at priority 0, so Envoy's priority spill-over (priority-load.ts) moves traffic to the fallback as P0 loses health.
// Owns the mapping from backendRefs to priority levels; the Backend resource itself is parsed in src/models/k8s.
// Source: envoyproxy/gateway api/v1alpha1/backend_types.go (BackendSpec.Fallback) and internal/xds/translator/cluster.go.

import type { PriorityLevel } from './priority-level.js';

/** The Envoy priority Envoy Gateway gives a backendRef's locality. */
export function backendRefPriority(fallback: boolean | undefined): number {
  return fallback === true ? 1 : 0;
}

/** A backendRef's hosts plus whether its Backend is marked fallback. */
export interface BackendRefLevel {
  readonly fallback?: boolean;
  readonly level: PriorityLevel;
}

/**
 * Sums the backendRefs' host counts into priority levels P0 (non-fallback) and P1 (fallback). P1 is present only when
 * some backendRef is a fallback; P0 is always present (possibly empty), as in Envoy's priority set.
 */
export function priorityLevelsFromBackendRefs(refs: readonly BackendRefLevel[]): PriorityLevel[] {
  const sums = [
    { hosts: 0, healthy: 0, degraded: 0, excluded: 0 },
    { hosts: 0, healthy: 0, degraded: 0, excluded: 0 },
  ];
  let hasFallback = false;
  for (const r of refs) {
    const p = backendRefPriority(r.fallback);
    if (p === 1) hasFallback = true;
    const s = sums[p];
    s.hosts += r.level.hosts;
    s.healthy += r.level.healthy;
    s.degraded += r.level.degraded;
    s.excluded += r.level.excluded;
  }
  return hasFallback ? sums : [sums[0]];
}
