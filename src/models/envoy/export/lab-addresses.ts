// The lab's rewrite of an exported bootstrap for `gwsim twin`: every static endpoint moves to the lab address of its
// pod, every listener and the admin endpoint to 127.0.0.1 on ports the lab chose. Pure: the lab picks the addresses.
import type { Json, JsonObject } from './envoy-json.js';

export interface LabAddresses {
  /** The lab address and port that stand for a pod's `ip:port`; undefined keeps the endpoint as exported. */
  endpoint: (ip: string, port: number) => { address: string; port: number } | undefined;
  /** The lab port of the listener the export put on `port`. */
  listener: (port: number) => number;
  adminPort: number;
}

type Address = { socket_address: { address: string; port_value: number } };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

function socket(v: Json | undefined): Address['socket_address'] | null {
  if (!isObject(v) || !isObject(v.socket_address)) return null;
  const s = v.socket_address;
  return typeof s.address === 'string' && typeof s.port_value === 'number' ? (s as Address['socket_address']) : null;
}

/** A deep copy of `bootstrap` with its addresses moved into the lab. */
export function relocateBootstrap(bootstrap: JsonObject, lab: LabAddresses): JsonObject {
  const copy = structuredClone(bootstrap);
  const admin = isObject(copy.admin) ? socket(copy.admin.address) : null;
  if (admin !== null) Object.assign(admin, { address: '127.0.0.1', port_value: lab.adminPort });
  const resources = isObject(copy.static_resources) ? copy.static_resources : {};
  for (const l of arr(resources.listeners)) {
    const s = isObject(l) ? socket(l.address) : null;
    if (s !== null) Object.assign(s, { address: '127.0.0.1', port_value: lab.listener(s.port_value) });
  }
  for (const c of arr(resources.clusters)) {
    if (!isObject(c) || !isObject(c.load_assignment)) continue;
    for (const locality of arr(c.load_assignment.endpoints))
      for (const e of isObject(locality) ? arr(locality.lb_endpoints) : []) {
        const s = isObject(e) && isObject(e.endpoint) ? socket(e.endpoint.address) : null;
        const to = s === null ? undefined : lab.endpoint(s.address, s.port_value);
        if (s !== null && to !== undefined) Object.assign(s, { address: to.address, port_value: to.port });
      }
  }
  return copy;
}

/** The listener ports of a bootstrap, in order. */
export function listenerPorts(bootstrap: JsonObject): number[] {
  const resources = isObject(bootstrap.static_resources) ? bootstrap.static_resources : {};
  return arr(resources.listeners).flatMap((l) => {
    const s = isObject(l) ? socket(l.address) : null;
    return s === null ? [] : [s.port_value];
  });
}
