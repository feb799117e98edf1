import { describe, it, expect } from 'vitest';
import { RngRoot } from '../../../src/sim/rng.js';
import {
  chooseServiceEndpoint,
  ciliumGatewayIngress,
  newDatapathChoice,
} from '../../../src/models/net/service-datapath.js';

const CLIENT = 0xc0a80132;
const NODE0 = 0x0a000114;
const eps = [
  { node: 1, address: 0x0ae00001, ready: true },
  { node: 2, address: 0x0ae00002, ready: true },
  { node: 0, address: 0x0ae00003, ready: false },
];

describe('service datapath', () => {
  const rng = new RngRoot(1).fork('dp');
  const out = newDatapathChoice();

  it('Local: only ready node-local endpoints, client IP preserved; none local -> drop', () => {
    expect({ ...chooseServiceEndpoint('kube-proxy', 'Local', 1, NODE0, CLIENT, eps, rng, out) }).toEqual({
      endpoint: 0,
      extraHop: false,
      sourceAddress: CLIENT,
    });
    expect(chooseServiceEndpoint('kube-proxy', 'Local', 0, NODE0, CLIENT, eps, rng, out).endpoint).toBe(-1); // the local one is not ready
  });

  it('Cluster with kube-proxy: any ready endpoint, SNAT to the node IP even when local', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const c = chooseServiceEndpoint('kube-proxy', 'Cluster', 1, NODE0, CLIENT, eps, rng, out);
      seen.add(c.endpoint);
      expect(c.sourceAddress).toBe(NODE0);
      expect(c.extraHop).toBe(c.endpoint !== 0);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  });

  it('Cluster with Cilium KPR (SNAT mode): SNAT only for a remote backend', () => {
    for (let i = 0; i < 50; i++) {
      const c = chooseServiceEndpoint('cilium-kpr', 'Cluster', 1, NODE0, CLIENT, eps, rng, out);
      expect(c.sourceAddress).toBe(c.extraHop ? NODE0 : CLIENT);
    }
  });

  it("Cilium gateway: the receiving node's Envoy, client IP preserved", () => {
    const o = { envoyNode: -1, sourceAddress: 0 };
    ciliumGatewayIngress(2, CLIENT, o);
    expect(o).toEqual({ envoyNode: 2, sourceAddress: CLIENT });
  });
});
