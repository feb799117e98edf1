import { describe, it, expect } from 'vitest';
import {
  calicoLbAdvertisements,
  EXCLUDE_FROM_EXTERNAL_LB_LABEL,
} from '../../../src/models/bgp/calico-advertisement.js';
import type { AdvertisedService, BgpConfiguration } from '../../../src/models/bgp/calico-advertisement.js';
import { formatPrefix } from '../../../src/models/net/address.js';
import { InputError } from '../../../src/sim/input-error.js';

const nodes = [
  { name: 'control1' },
  { name: 'worker1' },
  { name: 'worker2', labels: { [EXCLUDE_FROM_EXTERNAL_LB_LABEL]: '' } },
  { name: 'worker3' },
];
const cfg: BgpConfiguration = { serviceLoadBalancerIPs: ['10.10.10.0/26'] };

function adv(c: BgpConfiguration, v: readonly [number, number], svcs: AdvertisedService[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [n, ps] of calicoLbAdvertisements(c, v, nodes, svcs)) out[n] = ps.map(formatPrefix);
  return out;
}

const local = (eps: { node: string; ready: boolean }[]): AdvertisedService => ({
  key: 'tigera-gateway/envoy',
  ingressIPs: ['10.10.10.0'],
  externalTrafficPolicy: 'Local',
  endpoints: eps,
});
const cluster = (eps: { node: string; ready: boolean }[], ip = '10.10.10.1'): AdvertisedService => ({
  key: 'default/web',
  ingressIPs: [ip],
  externalTrafficPolicy: 'Cluster',
  endpoints: eps,
});

describe('Calico service LB IP advertisement rules', () => {
  it('aggregate from every non-excluded node even with no services', () => {
    expect(adv(cfg, [3, 30], [])).toEqual({
      control1: ['10.10.10.0/26'],
      worker1: ['10.10.10.0/26'],
      worker2: [],
      worker3: ['10.10.10.0/26'],
    });
  });

  it('eTP Local: /32 only from nodes with a ready local endpoint (v3.30)', () => {
    expect(
      adv(
        cfg,
        [3, 30],
        [
          local([
            { node: 'worker1', ready: true },
            { node: 'worker3', ready: false },
            { node: 'worker2', ready: true },
          ]),
        ],
      ),
    ).toEqual({
      control1: ['10.10.10.0/26'],
      worker1: ['10.10.10.0/26', '10.10.10.0/32'],
      worker2: [],
      worker3: ['10.10.10.0/26'],
    });
  });

  it('eTP Local on v3.31/v3.32 also advertises from a node whose endpoint is not ready; v3.33 does not', () => {
    const svc = [local([{ node: 'worker3', ready: false }])];
    expect(adv(cfg, [3, 32], svc).worker3).toEqual(['10.10.10.0/26', '10.10.10.0/32']);
    expect(adv(cfg, [3, 33], svc).worker3).toEqual(['10.10.10.0/26']);
  });

  it('eTP Cluster: no /32 normally; every node when the IP is listed as a /32; every node with aggregation Disabled (v3.31+)', () => {
    expect(adv(cfg, [3, 30], [cluster([{ node: 'worker1', ready: true }])]).worker1).toEqual(['10.10.10.0/26']);
    const listed: BgpConfiguration = { serviceLoadBalancerIPs: ['10.10.10.0/26', '10.10.10.1/32'] };
    expect(adv(listed, [3, 30], [cluster([])])).toEqual({
      control1: ['10.10.10.0/26', '10.10.10.1/32'],
      worker1: ['10.10.10.0/26', '10.10.10.1/32'],
      worker2: [],
      worker3: ['10.10.10.0/26', '10.10.10.1/32'],
    });
    const disabled: BgpConfiguration = { ...cfg, serviceLoadBalancerAggregation: 'Disabled' };
    expect(adv(disabled, [3, 31], [cluster([{ node: 'worker1', ready: true }])]).control1).toEqual(['10.10.10.1/32']);
    expect(adv(disabled, [3, 31], [cluster([])]).control1).toEqual([]);
    // before v3.31 the field does not exist: aggregation always on
    expect(adv(disabled, [3, 30], []).control1).toEqual(['10.10.10.0/26']);
  });

  it('IPs outside serviceLoadBalancerIPs are never advertised', () => {
    expect(
      adv(cfg, [3, 30], [local([{ node: 'worker1', ready: true }]), { ...cluster([]), ingressIPs: ['192.168.1.1'] }])
        .worker1,
    ).toEqual(['10.10.10.0/26', '10.10.10.0/32']);
  });

  it('a bad CIDR is an InputError naming the field', () => {
    expect(() => adv({ serviceLoadBalancerIPs: ['10.10.10.1/26'] }, [3, 30], [])).toThrow(InputError);
  });
});
