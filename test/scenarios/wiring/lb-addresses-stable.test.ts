// LB addresses live as long as their Gateway's Service: deleting one Gateway leaves the others' addresses where they
// are, and a new Gateway gets what the platform's allocator would hand out next (Calico: the block's free list in
// order, released ordinals last; Cilium: the smallest free run first).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';

const gateway = (name: string, cls: string, extra = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: ${name}}
spec:
  gatewayClassName: ${cls}
  listeners: [{name: http, protocol: HTTP, port: 80}]
${extra}`;

const calicoPool = (blockSize: number, disabled = false) => `apiVersion: projectcalico.org/v3
kind: IPPool
metadata: {name: loadbalancer-ip-pool}
spec: {cidr: 10.10.10.0/26, blockSize: ${blockSize}, disabled: ${disabled}, allowedUses: [LoadBalancer]}
`;
const calicoClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: tigera-gateway-class}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
`;
const ciliumPool = (name: string, start: string, stop: string, disabled = false) => `apiVersion: cilium.io/v2alpha1
kind: CiliumLoadBalancerIPPool
metadata: {name: ${name}}
spec: {disabled: ${disabled}, blocks: [{start: ${start}, stop: ${stop}}]}
`;
const ciliumClass = `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: cilium}
spec: {controllerName: io.cilium/gateway-controller}
`;

/** Runs `steps` (YAML step lines) on one cluster and returns each `print` step's line, by step name. */
function addresses(platform: 'calico' | 'cilium', steps: string): Record<string, string> {
  const yaml = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: lb-addresses}
spec:
  topology:
    clusters: [{name: lab, platform: ${platform}, nodes: [control1, worker1, worker2]}]
  steps:
${steps}`;
  const s = loadScenario(yaml, { file: 'lb.yaml', readFile: () => '', root: '.' });
  const r = runScenario(s);
  const out: Record<string, string> = {};
  for (const st of r.steps)
    if (st.lines !== undefined && st.kind === 'print' && st.name !== null) out[st.name] = st.lines.join(',');
  return out;
}

const apply = (yaml: string) => `    - apply:\n        yaml: |\n${yaml.replace(/^/gm, '          ')}\n`;
const del = (yaml: string) => `    - delete:\n        yaml: |\n${yaml.replace(/^/gm, '          ')}\n`;
const print = (step: string, gw: string) => `    - print: {name: ${step}, gatewayAddress: {gateway: ${gw}}}\n`;
const wait = '    - wait: 5s\n';

describe('Calico LB addresses', () => {
  it("deleting gw-a keeps gw-b's address; gw-c takes the next free ordinal, the freed one last (blockSize 26)", () => {
    const got = addresses(
      'calico',
      apply(calicoPool(26) + '---\n' + calicoClass) +
        apply(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        apply(gateway('gw-b', 'tigera-gateway-class')) +
        wait +
        print('a-before', 'gw-a') +
        print('b-before', 'gw-b') +
        del(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        print('a-after', 'gw-a') +
        print('b-after', 'gw-b') +
        apply(gateway('gw-c', 'tigera-gateway-class')) +
        wait +
        print('c', 'gw-c') +
        apply(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        print('a-again', 'gw-a') +
        print('b-end', 'gw-b'),
    );
    expect(got).toEqual({
      'a-before': '10.10.10.0',
      'b-before': '10.10.10.1',
      'a-after': '',
      'b-after': '10.10.10.1',
      c: '10.10.10.2',
      'a-again': '10.10.10.3',
      'b-end': '10.10.10.1',
    });
  });

  it('the workshop pool (blockSize 31): a new Gateway first fills the freed ordinal of the claimed block', () => {
    const got = addresses(
      'calico',
      apply(calicoPool(31) + '---\n' + calicoClass) +
        apply(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        apply(gateway('gw-b', 'tigera-gateway-class')) +
        wait +
        del(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        apply(gateway('gw-c', 'tigera-gateway-class')) +
        wait +
        print('b', 'gw-b') +
        print('c', 'gw-c'),
    );
    expect(got).toEqual({ b: '10.10.10.1', c: '10.10.10.0' });
  });

  it('disabling the pool keeps the address; a new Gateway then gets none', () => {
    const got = addresses(
      'calico',
      apply(calicoPool(26) + '---\n' + calicoClass) +
        apply(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        apply(calicoPool(26, true)) +
        apply(gateway('gw-b', 'tigera-gateway-class')) +
        wait +
        print('a', 'gw-a') +
        print('b', 'gw-b'),
    );
    expect(got).toEqual({ a: '10.10.10.0', b: '' });
  });

  it('deleting the pool keeps the address (IPPool delete leaves allocations in use)', () => {
    const got = addresses(
      'calico',
      apply(calicoPool(26) + '---\n' + calicoClass) +
        apply(gateway('gw-a', 'tigera-gateway-class')) +
        wait +
        del(calicoPool(26)) +
        wait +
        print('a', 'gw-a'),
    );
    expect(got).toEqual({ a: '10.10.10.0' });
  });
});

describe('Cilium LB addresses', () => {
  it("deleting gw-a keeps gw-b's address; gw-c fills the freed hole (the smallest free run)", () => {
    const got = addresses(
      'cilium',
      apply(ciliumPool('pool', '172.18.255.200', '172.18.255.250') + '---\n' + ciliumClass) +
        apply(gateway('gw-a', 'cilium')) +
        wait +
        apply(gateway('gw-b', 'cilium')) +
        wait +
        print('b-before', 'gw-b') +
        del(gateway('gw-a', 'cilium')) +
        wait +
        print('b-after', 'gw-b') +
        apply(gateway('gw-c', 'cilium')) +
        wait +
        print('c', 'gw-c'),
    );
    expect(got).toEqual({ 'b-before': '172.18.255.201', 'b-after': '172.18.255.201', c: '172.18.255.200' });
  });

  it('deleting a pool moves its Services to another pool; disabling one keeps them', () => {
    const got = addresses(
      'cilium',
      apply(ciliumPool('blue', '172.18.255.200', '172.18.255.200') + '---\n' + ciliumClass) +
        apply(gateway('gw-a', 'cilium')) +
        wait +
        apply(ciliumPool('green', '172.18.255.10', '172.18.255.19')) +
        apply(gateway('gw-b', 'cilium')) +
        wait +
        print('a-blue', 'gw-a') +
        print('b-green', 'gw-b') +
        apply(ciliumPool('green', '172.18.255.10', '172.18.255.19', true)) +
        wait +
        print('b-disabled', 'gw-b') +
        del(ciliumPool('blue', '172.18.255.200', '172.18.255.200')) +
        apply(ciliumPool('red', '172.18.255.100', '172.18.255.109')) +
        wait +
        print('a-red', 'gw-a') +
        print('b-still', 'gw-b'),
    );
    expect(got).toEqual({
      'a-blue': '172.18.255.200',
      'b-green': '172.18.255.10',
      'b-disabled': '172.18.255.10',
      'a-red': '172.18.255.100',
      'b-still': '172.18.255.10',
    });
  });

  it('spec.addresses asks for an address; the lbipam.cilium.io/ips annotation wins over it', () => {
    const got = addresses(
      'cilium',
      apply(ciliumPool('pool', '172.18.255.200', '172.18.255.250') + '---\n' + ciliumClass) +
        apply(gateway('gw-a', 'cilium', '  addresses: [{type: IPAddress, value: 172.18.255.240}]\n')) +
        apply(
          gateway(
            'gw-b',
            'cilium',
            '  addresses: [{type: IPAddress, value: 172.18.255.241}]\n' +
              '  infrastructure: {annotations: {lbipam.cilium.io/ips: 172.18.255.245}}\n',
          ),
        ) +
        apply(gateway('gw-c', 'cilium', '  addresses: [{type: IPAddress, value: 172.18.255.240}]\n')) +
        wait +
        print('a', 'gw-a') +
        print('b', 'gw-b') +
        print('c', 'gw-c'),
    );
    expect(got).toEqual({ a: '172.18.255.240', b: '172.18.255.245', c: '' });
  });
});
