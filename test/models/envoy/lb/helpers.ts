// Builds hosts for a vectors.json case (address, optional hostname, weight, locality) and the locality weight map.
import { Host } from '../../../../src/models/envoy/lb/host.js';
import type { Json } from './reference.js';

export function caseHosts(c: Json): Host[] {
  const useHostname = c.hosts.some((h: Json) => h.hostname !== undefined);
  return c.hosts.map((h: Json, i: number) => {
    const [address, port] = String(h.address).split(':');
    return new Host({
      address,
      port: Number(port),
      weight: h.weight,
      hostname: h.hostname,
      useHostnameForHashing: useHostname,
      locality: h.locality,
      index: i,
    });
  });
}

/** Locality weights of the Envoy tests the JSON describes only in prose. */
export const caseLocalityWeights: Record<string, Map<string, number>> = {
  LocalityWeightedSameLocalityWeights: new Map([
    ['A', 1],
    ['B', 1],
  ]),
  // "localities in order [{:90} w=8, {:92} w=0, {:91} w=2]"
  LocalityWeightedDifferentLocalityWeights: new Map([
    ['A', 8],
    ['B', 0],
    ['C', 2],
  ]),
  HostAndLocalityWeightedTinyRing: new Map([
    ['A', 1],
    ['B', 2],
  ]),
  HostAndLocalityWeightedLargeRing: new Map([
    ['A', 1],
    ['B', 2],
  ]),
};

export function u64Halves(decimal: string): [number, number] {
  const v = BigInt(decimal);
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}
