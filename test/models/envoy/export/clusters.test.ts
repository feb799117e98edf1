import { describe, expect, it } from 'vitest';
import { envoyBootstrap } from '../../../../src/models/envoy/export/bootstrap.js';
import type { JsonObject } from '../../../../src/models/envoy/export/envoy-json.js';
import type { GatewayConfig } from '../../../../src/models/gatewayapi/gateway-config.js';
import { loadCatalogScenario } from '../../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../../src/scenarios/run/run-scenario.js';
import { clusterNamed, gatewayOf, routeNamed, SEEDS } from './fixture.js';

type Locality = {
  locality: { region: string };
  load_balancing_weight: number;
  priority?: number;
  lb_endpoints: Endpoint[];
};
type Endpoint = { endpoint: { address: { socket_address: { address: string; port_value: number } } } };
const localities = (c: JsonObject) => (c.load_assignment as { endpoints: Locality[] }).endpoints;
const addresses = (l: Locality) => l.lb_endpoints.map((e) => e.endpoint.address.socket_address);

describe('clusters', () => {
  it("round-robin workshop: ROUND_ROBIN over the 4 backend pods' IPs on the echo port", () => {
    let config: GatewayConfig | null = null;
    let podIps: string[] = [];
    const scenario = loadCatalogScenario('round-robin');
    runScenario(scenario, {
      series: false,
      stopAfterStep: scenario.steps.length - 1,
      onStepEnd: (i, world) => {
        if (i !== scenario.steps.length - 1) return;
        const lab = world.clusters.get('lab')!;
        config = lab.gateways.get('default/load-balancing-gateway')!.config;
        podIps = lab.store
          .pods()
          .filter((p) => p.labels.app === 'backend')
          .map((p) => p.ip!);
      },
    });
    const c = clusterNamed(envoyBootstrap(config!), 'httproute/default/round-robin-route/rule/0');
    expect(c.lb_policy).toBe('ROUND_ROBIN');
    expect(c.type).toBe('STATIC');
    expect(c.connect_timeout).toBe('10s');
    const ls = localities(c);
    expect(ls).toHaveLength(1);
    expect(ls[0].locality.region).toBe('httproute/default/round-robin-route/rule/0/backend/0');
    expect(podIps).toHaveLength(4);
    expect(
      addresses(ls[0])
        .map((a) => a.address)
        .sort(),
    ).toEqual([...podIps].sort());
    expect(new Set(addresses(ls[0]).map((a) => a.port_value))).toEqual(new Set([3000]));
  });

  it('Envoy Gateway 99/1: one cluster, one locality per backendRef weighted 99 and 1', () => {
    const b = envoyBootstrap(gatewayOf([`${SEEDS}/000-cluster-mesh`], 'cluster-mesh-gateway'));
    const ls = localities(clusterNamed(b, 'httproute/default/cluster-mesh/rule/0'));
    expect(ls.map((l) => [l.locality.region, l.load_balancing_weight])).toEqual([
      ['httproute/default/cluster-mesh/rule/0/backend/0', 99],
      ['httproute/default/cluster-mesh/rule/0/backend/1', 1],
    ]);
    expect(addresses(ls[1])).toEqual([{ address: '198.51.100.10', port_value: 3000 }]);
    expect(routeNamed(b, 'httproute/default/cluster-mesh/rule/0/match/0/*').route).toMatchObject({
      cluster: 'httproute/default/cluster-mesh/rule/0',
    });
  });

  it("Cilium 99/1: weighted clusters, one per Service, round robin with Envoy's 5 s connect timeout", () => {
    const b = envoyBootstrap(gatewayOf(['src/scenarios/catalog/cilium-lab/manifests'], 'my-gateway'));
    const route = routeNamed(b, 'httproute/default/load-balancing-route/rule/0/match/0').route as JsonObject;
    expect(route.weighted_clusters).toEqual({
      clusters: [
        { name: 'default:echo-1:8080', weight: 99 },
        { name: 'default:echo-2:8090', weight: 1 },
      ],
    });
    const c = clusterNamed(b, 'default:echo-1:8080');
    expect([c.lb_policy, c.connect_timeout]).toEqual(['ROUND_ROBIN', '5s']);
    // Cilium's agent fills in max_retries 128 (cec_resource_parser.go fillInCircuitBreakers); the operator turns on
    // outlier detection with split local-origin errors (envoy_cluster_mutator.go withOutlierDetection).
    expect((c.circuit_breakers as { thresholds: JsonObject[] }).thresholds[0].max_retries).toBe(128);
    expect(c.outlier_detection).toMatchObject({ split_external_local_origin_errors: true, max_ejection_percent: 10 });
  });

  it('ha-failover: the fallback Backend at priority 1 and the policy outlier detection', () => {
    const c = clusterNamed(
      envoyBootstrap(gatewayOf([`${SEEDS}/002-ha-failover`], 'ha-failover-gateway')),
      'httproute/default/ha-failover/rule/0',
    );
    expect(localities(c).map((l) => l.priority ?? 0)).toEqual([0, 1]);
    expect(c.outlier_detection).toMatchObject({
      interval: '2s',
      base_ejection_time: '10s',
      max_ejection_percent: 100,
      consecutive_5xx: 1,
      consecutive_local_origin_failure: 1,
      split_external_local_origin_errors: false,
    });
    expect(c.lb_policy).toBe('LEAST_REQUEST');
    expect(c.least_request_lb_config).toEqual({ choice_count: 2 });
  });
});
