// Shared by the export tests: a Gateway's translated config from manifest files (the CLI's control plane), and
// finders into an exported bootstrap by resource name.
import { controlPlane, loadManifestFiles } from '../../../../src/cli/commands/route.js';
import type { GatewayConfig } from '../../../../src/models/gatewayapi/gateway-config.js';
import type { Json, JsonObject } from '../../../../src/models/envoy/export/envoy-json.js';

export const SEEDS = 'test/fixtures/seeds';

/** Round-robin's Gateway with routes using the features the catalog does not (filters, timeouts, retries, hashing). */
export const FEATURE_FILES = [
  `${SEEDS}/001-round-robin`,
  'test/fixtures/route-filters/rewrite-route.yaml',
  'test/fixtures/route-filters/mirror.yaml',
  'test/fixtures/route-timeouts/routes.yaml',
  'test/fixtures/envoy-export/features.yaml',
];

export function gatewayOf(files: string[], name: string, namespace = 'default'): GatewayConfig {
  const g = controlPlane(loadManifestFiles(files)).translation.gateways.find(
    (x) => x.name === name && x.namespace === namespace,
  );
  if (g === undefined) throw new Error(`no programmed Gateway ${namespace}/${name}`);
  return g;
}

const obj = (v: Json) => v as JsonObject;
const list = (v: Json | undefined) => (v ?? []) as JsonObject[];

export function clusterNamed(b: JsonObject, name: string): JsonObject {
  const c = list(obj(b.static_resources).clusters).find((x) => x.name === name);
  if (c === undefined) throw new Error(`no cluster ${name}`);
  return c;
}

/** Every route of every route config in the bootstrap's listeners, in order. */
export function allRoutes(b: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  for (const l of list(obj(b.static_resources).listeners)) {
    const chains = [...list(l.filter_chains), ...(l.default_filter_chain ? [obj(l.default_filter_chain)] : [])];
    for (const c of chains)
      for (const f of list(c.filters)) {
        const rc = obj(f.typed_config).route_config;
        if (rc === undefined) continue;
        for (const vh of list(obj(rc).virtual_hosts)) out.push(...list(vh.routes));
      }
  }
  return out;
}

export function routeNamed(b: JsonObject, name: string): JsonObject {
  const r = allRoutes(b).find((x) => x.name === name);
  if (r === undefined)
    throw new Error(
      `no route ${name}: ${allRoutes(b)
        .map((x) => x.name)
        .join(', ')}`,
    );
  return r;
}
