import { describe, it, expect } from 'vitest';
import { CalicoLbIpam } from '../../../src/models/ipam/calico-lb-ipam.js';
import { CiliumLbIpam } from '../../../src/models/ipam/cilium-lb-ipam.js';
import { InputError } from '../../../src/sim/input-error.js';

describe('Calico LoadBalancer IPAM', () => {
  const pool = { name: 'loadbalancer-ip-pool', cidr: '10.10.10.0/26', allowedUses: ['LoadBalancer' as const] };

  it('one block: .0, .1, .2 in Service order; freed ordinals go to the end of the free list', () => {
    const ipam = new CalicoLbIpam({ pools: [pool] });
    const got = ipam.allocateAll([{ key: 'a/gw1' }, { key: 'a/gw2' }, { key: 'a/gw3' }]);
    expect([...got.values()].map((x) => x.ip)).toEqual(['10.10.10.0', '10.10.10.1', '10.10.10.2']);
    expect(ipam.allocate({ key: 'a/gw1' }).ip).toBe('10.10.10.0'); // stable
    ipam.release('a/gw2');
    expect(ipam.allocate({ key: 'a/gw4' }).ip).toBe('10.10.10.3');
  });

  it('the workshop pool (blockSize 31): two addresses per block, then the next block', () => {
    const ipam = new CalicoLbIpam({ pools: [{ ...pool, blockSize: 31 }] });
    expect([...ipam.allocateAll([{ key: '1' }, { key: '2' }, { key: '3' }]).values()].map((x) => x.ip)).toEqual([
      '10.10.10.0',
      '10.10.10.1',
      '10.10.10.2',
    ]);
  });

  it('workload pools are never used; no LB pool -> pending; Manual pools only by annotation; specific IPs', () => {
    expect(
      new CalicoLbIpam({ pools: [{ name: 'default', cidr: '192.168.0.0/16' }] }).allocate({ key: 'x' }).ip,
    ).toBeNull();
    const ipam = new CalicoLbIpam({ pools: [{ ...pool, assignmentMode: 'Manual' }] });
    expect(ipam.allocate({ key: 'x' }).ip).toBeNull();
    expect(ipam.allocate({ key: 'y', ipv4Pools: ['loadbalancer-ip-pool'] }).ip).toBe('10.10.10.0');
    expect(ipam.allocate({ key: 'z', loadBalancerIPs: ['10.10.10.9'] }).ip).toBe('10.10.10.9');
    expect(ipam.allocate({ key: 'w', loadBalancerIPs: ['10.10.10.9'] }).ip).toBeNull();
  });

  it('v3.32 ignores other loadBalancerClasses; pre-3.30 has no controller', () => {
    expect(
      new CalicoLbIpam({ pools: [pool], calicoVersion: [3, 32] }).allocate({
        key: 'x',
        loadBalancerClass: 'io.cilium/l2-announcer',
      }).ip,
    ).toBeNull();
    expect(
      new CalicoLbIpam({ pools: [pool], calicoVersion: [3, 30] }).allocate({ key: 'x', loadBalancerClass: 'other' }).ip,
    ).toBe('10.10.10.0');
    expect(() => new CalicoLbIpam({ pools: [pool], calicoVersion: [3, 29] })).toThrow(InputError);
  });
});

describe('Cilium LB-IPAM', () => {
  const svc = (name: string, labels = {}) => ({ key: `default/${name}`, namespace: 'default', name, labels });

  it('the lab: 172.18.255.200 onward in Gateway creation order (my-gateway, tls-gateway, cilium-tls-gateway)', () => {
    const ipam = new CiliumLbIpam({
      pools: [{ name: 'pool', blocks: [{ start: '172.18.255.200', stop: '172.18.255.250' }] }],
    });
    const got = ipam.allocateAll(
      ['cilium-gateway-my-gateway', 'cilium-gateway-tls-gateway', 'cilium-gateway-cilium-tls-gateway'].map((n) =>
        svc(n),
      ),
    );
    expect([...got.values()].map((x) => x.ip)).toEqual(['172.18.255.200', '172.18.255.201', '172.18.255.202']);
  });

  it('allowFirstLastIPs: v1.16+ uses .0; v1.15 skips network and broadcast', () => {
    const pools = [{ name: 'p', blocks: [{ cidr: '10.0.10.0/30' }] }];
    expect(
      [...new CiliumLbIpam({ pools }).allocateAll([svc('a'), svc('b'), svc('c'), svc('d'), svc('e')]).values()].map(
        (x) => x.ip,
      ),
    ).toEqual(['10.0.10.0', '10.0.10.1', '10.0.10.2', '10.0.10.3', null]);
    expect(
      [...new CiliumLbIpam({ pools, ciliumVersion: [1, 15] }).allocateAll([svc('a'), svc('b'), svc('c')]).values()].map(
        (x) => x.ip,
      ),
    ).toEqual(['10.0.10.1', '10.0.10.2', null]);
  });

  it('a freed hole is reused first (smallest free run)', () => {
    const ipam = new CiliumLbIpam({ pools: [{ name: 'p', blocks: [{ cidr: '10.0.10.0/24' }] }] });
    ipam.allocateAll([svc('a'), svc('b'), svc('c')]);
    ipam.release('default/b');
    expect(ipam.allocate(svc('d')).ip).toBe('10.0.10.1');
  });

  it('serviceSelector, pseudo-labels and overlap conflicts', () => {
    const ipam = new CiliumLbIpam({
      pools: [
        { name: 'blue', blocks: [{ cidr: '10.0.20.0/24' }], serviceSelector: { matchLabels: { color: 'blue' } } },
        {
          name: 'named',
          blocks: [{ cidr: '10.0.30.0/24' }],
          serviceSelector: { matchLabels: { 'io.kubernetes.service.name': 'special' } },
        },
        { name: 'overlap', blocks: [{ cidr: '10.0.20.128/25' }] },
      ],
    });
    expect(ipam.conflictingPools()).toEqual(['overlap']);
    expect(ipam.allocate(svc('x', { color: 'blue' })).pool).toBe('blue');
    expect(ipam.allocate(svc('special')).ip).toBe('10.0.30.0');
    expect(ipam.allocate(svc('plain')).ip).toBeNull();
  });
});

describe('Calico LoadBalancer IPAM over the cluster life (syncService)', () => {
  const auto = { name: 'auto', cidr: '10.10.10.0/26', allowedUses: ['LoadBalancer' as const] };
  const manual = {
    name: 'manual',
    cidr: '10.10.20.0/26',
    allowedUses: ['LoadBalancer' as const],
    assignmentMode: 'Manual' as const,
  };

  it('a changed loadBalancerIPs annotation releases the old address and takes the new one', () => {
    const ipam = new CalicoLbIpam({ pools: [auto] });
    expect(ipam.allocate({ key: 's', loadBalancerIPs: ['10.10.10.7'] }).ip).toBe('10.10.10.7');
    expect(ipam.allocate({ key: 's', loadBalancerIPs: ['10.10.10.7'] }).ip).toBe('10.10.10.7');
    expect(ipam.allocate({ key: 's', loadBalancerIPs: ['10.10.10.9'] }).ip).toBe('10.10.10.9');
    expect(ipam.allocate({ key: 't', loadBalancerIPs: ['10.10.10.7'] }).ip).toBe('10.10.10.7');
  });

  it('an address from a Manual pool goes once the Service no longer names the pool', () => {
    const ipam = new CalicoLbIpam({ pools: [auto, manual] });
    expect(ipam.allocate({ key: 's', ipv4Pools: ['manual'] }).ip).toBe('10.10.20.0');
    expect(ipam.allocate({ key: 's' }).ip).toBe('10.10.10.0');
    expect([...ipam.allocatedKeys()]).toEqual(['s']);
    expect(ipam.allocate({ key: 't', ipv4Pools: ['manual'] }).ip).toBe('10.10.20.1');
  });

  it('deleting and re-creating a pool keeps held addresses; the new pool does not hand them out again', () => {
    const ipam = new CalicoLbIpam({ pools: [auto] });
    ipam.allocateAll([{ key: 'a' }, { key: 'b' }]);
    ipam.setPools([]);
    expect(ipam.allocate({ key: 'a' }).ip).toBe('10.10.10.0');
    expect(ipam.allocate({ key: 'c' }).ip).toBeNull();
    ipam.setPools([auto]);
    expect(ipam.allocate({ key: 'c' }).ip).toBe('10.10.10.2');
    ipam.release('a');
    expect(ipam.allocate({ key: 'd' }).ip).toBe('10.10.10.3');
  });

  it('disabling the pool keeps addresses and stops new ones; enabling it again resumes after them', () => {
    const ipam = new CalicoLbIpam({ pools: [auto] });
    ipam.allocate({ key: 'a' });
    ipam.setPools([{ ...auto, disabled: true }]);
    expect(ipam.allocate({ key: 'a' }).ip).toBe('10.10.10.0');
    expect(ipam.allocate({ key: 'b' }).ip).toBeNull();
    ipam.setPools([auto]);
    expect(ipam.allocate({ key: 'b' }).ip).toBe('10.10.10.1');
  });
});

describe('Cilium LB-IPAM over the cluster life (stripInvalidAllocations, handlePoolDeleted)', () => {
  const svc = (name: string, labels = {}, requestedIPs?: string[]) => ({
    key: `default/${name}`,
    namespace: 'default',
    name,
    labels,
    requestedIPs,
  });
  const blue = {
    name: 'blue',
    blocks: [{ cidr: '10.0.20.0/24' }],
    serviceSelector: { matchLabels: { color: 'blue' } },
  };
  const any = { name: 'any', blocks: [{ cidr: '10.0.30.0/24' }] };

  it('a Service its pool no longer selects loses the address and draws from a pool that does', () => {
    const ipam = new CiliumLbIpam({ pools: [blue, any] });
    expect(ipam.allocate(svc('x', { color: 'blue' })).ip).toBe('10.0.20.0');
    expect(ipam.allocate(svc('x', { color: 'red' })).ip).toBe('10.0.30.0');
    expect(ipam.allocate(svc('y', { color: 'blue' })).ip).toBe('10.0.20.0');
  });

  it('a requested IP replaces a generic one; deleting the pool drops its allocations', () => {
    const ipam = new CiliumLbIpam({ pools: [any, blue] });
    expect(ipam.allocate(svc('x')).ip).toBe('10.0.30.0');
    expect(ipam.allocate(svc('x', {}, ['10.0.30.9'])).ip).toBe('10.0.30.9');
    expect(ipam.allocate(svc('z')).ip).toBe('10.0.30.0');
    ipam.setPools([blue]);
    expect([...ipam.allocatedKeys()]).toEqual([]);
    expect(ipam.allocate(svc('x', {}, ['10.0.30.9'])).ip).toBeNull();
    expect(ipam.allocate(svc('x', { color: 'blue' })).ip).toBe('10.0.20.0');
  });

  it('overlap: the newer pool conflicts until the older goes; only a non-conflicting pool blocks a later one', () => {
    const a = { name: 'a', blocks: [{ cidr: '10.0.50.0/24' }] };
    const b = { name: 'b', blocks: [{ cidr: '10.0.50.128/25' }, { cidr: '10.0.60.0/24' }] };
    const c = { name: 'c', blocks: [{ cidr: '10.0.60.0/25' }] };
    const ipam = new CiliumLbIpam({ pools: [a] });
    expect(ipam.allocate(svc('x')).ip).toBe('10.0.50.0');
    ipam.setPools([a, b, c]);
    expect(ipam.conflictingPools()).toEqual(['b']);
    expect(ipam.allocate(svc('x')).ip).toBe('10.0.50.0');
    ipam.setPools([b, c]);
    expect(ipam.conflictingPools()).toEqual(['c']);
    expect(ipam.allocate(svc('x')).ip).toBe('10.0.50.128');
  });

  it('a range removed from a pool drops its allocations; an unchanged range keeps them', () => {
    const two = {
      name: 'p',
      blocks: [
        { start: '10.0.40.1', stop: '10.0.40.1' },
        { start: '10.0.41.1', stop: '10.0.41.9' },
      ],
    };
    const ipam = new CiliumLbIpam({ pools: [two] });
    ipam.allocateAll([svc('a'), svc('b')]);
    ipam.setPools([{ ...two, blocks: [two.blocks[1]] }]);
    expect([...ipam.allocatedKeys()]).toEqual(['default/b']);
    expect(ipam.allocate(svc('b')).ip).toBe('10.0.41.1');
    expect(ipam.allocate(svc('a')).ip).toBe('10.0.41.2');
  });
});
