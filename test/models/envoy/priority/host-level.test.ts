import { describe, it, expect } from 'vitest';
import { HealthFlag, hostsFromKeys } from '../../../../src/models/envoy/lb/host.js';
import { levelFromHosts } from '../../../../src/models/envoy/priority/host-level.js';

describe('levelFromHosts', () => {
  it('classifies lb Hosts by Envoy health flags', () => {
    const hs = hostsFromKeys(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.4:80', '10.0.0.5:80']);
    hs[1].healthFlags = HealthFlag.FAILED_OUTLIER_CHECK;
    hs[2].healthFlags = HealthFlag.DEGRADED_ACTIVE_HC;
    hs[3].healthFlags = HealthFlag.FAILED_ACTIVE_HC | HealthFlag.PENDING_ACTIVE_HC;
    expect(levelFromHosts(hs)).toEqual({ hosts: 5, healthy: 2, degraded: 1, excluded: 1 });
  });
});
