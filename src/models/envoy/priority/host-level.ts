// Counts lb/host.ts Hosts into a PriorityLevel using Envoy's health-flag rules. Owns the classification only.
// Source: envoy source/common/upstream/upstream_impl.cc (partitionHostList, excludeBasedOnHealthFlag): excluded =
// PENDING_ACTIVE_HC | EXCLUDED_VIA_IMMEDIATE_HC_FAIL | EDS_STATUS_DRAINING; healthy / degraded by coarse health.
// Envoy lists an excluded host that is also coarse-healthy in both lists (a transient case); here excluded wins.

import { CoarseHealth, HealthFlag, type Host } from '../lb/host.js';
import type { PriorityLevel } from './priority-level.js';

const EXCLUDED_MASK =
  HealthFlag.PENDING_ACTIVE_HC | HealthFlag.EXCLUDED_VIA_IMMEDIATE_HC_FAIL | HealthFlag.EDS_STATUS_DRAINING;

export function isExcluded(host: Host): boolean {
  return (host.healthFlags & EXCLUDED_MASK) !== 0;
}

/** One priority's counts from its hosts. */
export function levelFromHosts(hosts: readonly Host[]): PriorityLevel {
  let healthy = 0;
  let degraded = 0;
  let excluded = 0;
  for (const h of hosts) {
    if (isExcluded(h)) excluded++;
    else {
      const c = h.coarseHealth();
      if (c === CoarseHealth.Healthy) healthy++;
      else if (c === CoarseHealth.Degraded) degraded++;
    }
  }
  return { hosts: hosts.length, healthy, degraded, excluded };
}
