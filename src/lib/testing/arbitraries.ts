// fast-check arbitraries for load-balancer properties: host sets (weights, health, priorities, localities), hash keys,
// request streams, seeds. Pure data; `toHosts` turns a host set into the Host objects gwsim/envoy's balancers take.
import fc from 'fast-check';
import { Host, HealthFlag } from '../../models/envoy/lb/host.js';

export type HostHealth = 'healthy' | 'degraded' | 'unhealthy';

/** One upstream endpoint as data. */
export interface HostSpec {
  address: string;
  port: number;
  /** Envoy's load_balancing_weight, >= 1. */
  weight: number;
  health: HostHealth;
  /** Envoy priority level (0 is tried first). */
  priority: number;
  locality: string;
}

export interface HostSetOptions {
  minHosts?: number;
  maxHosts?: number;
  /** Largest weight drawn (1: every host weighs 1, the default). */
  maxWeight?: number;
  /** Draw degraded and unhealthy hosts too (default false: all healthy). */
  health?: boolean;
  /** Priority levels drawn from 0 .. priorities-1 (default 1). */
  priorities?: number;
  /** Locality names drawn from (default ['']: no locality). */
  localities?: readonly string[];
}

/** A set of hosts with distinct `10.a.b.c:8080` addresses. */
export function hostSetArb(options: HostSetOptions = {}): fc.Arbitrary<HostSpec[]> {
  const { minHosts = 1, maxHosts = 10, maxWeight = 1, health = false, priorities = 1, localities = [''] } = options;
  const one = fc.record({
    weight: fc.integer({ min: 1, max: maxWeight }),
    health: health
      ? fc.constantFrom<HostHealth>('healthy', 'degraded', 'unhealthy')
      : fc.constant<HostHealth>('healthy'),
    priority: fc.integer({ min: 0, max: priorities - 1 }),
    locality: fc.constantFrom(...localities),
  });
  return fc
    .uniqueArray(fc.integer({ min: 0, max: 65_535 }), { minLength: minHosts, maxLength: maxHosts })
    .chain((ids) =>
      fc
        .tuple(...ids.map(() => one))
        .map((rest) => ids.map((id, i) => ({ address: ipOf(id), port: 8080, ...rest[i] }))),
    );
}

function ipOf(id: number): string {
  return `10.${1 + (id >> 16)}.${(id >> 8) & 255}.${id & 255}`;
}

/** The Host objects for a host set, in its order, with health flags set (unhealthy: failed EDS health). */
export function toHosts(specs: readonly HostSpec[]): Host[] {
  return specs.map((s, index) => {
    const h = new Host({ address: s.address, port: s.port, weight: s.weight, locality: s.locality, index });
    if (s.health === 'unhealthy') h.healthFlags |= HealthFlag.FAILED_EDS_HEALTH;
    else if (s.health === 'degraded') h.healthFlags |= HealthFlag.DEGRADED_EDS_HEALTH;
    return h;
  });
}

/** A request hash as Envoy's LBs take it: a uint64 in two uint32 halves. */
export interface HashKey {
  hi: number;
  lo: number;
}

export function hashKeyArb(): fc.Arbitrary<HashKey> {
  const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
  return fc.record({ hi: u32, lo: u32 });
}

/** Header, cookie or query values a hash policy would hash (printable, 1 to 40 characters). */
export function hashKeyStringArb(): fc.Arbitrary<string> {
  return fc.string({ minLength: 1, maxLength: 40 });
}

/** One request of a stream: the hash key it carries (null: no hash policy matched) and the user it stands for. */
export interface StreamRequest {
  key: HashKey | null;
  user: number;
}

export interface RequestStreamOptions {
  minLength?: number;
  maxLength?: number;
  /** Distinct users (each with one hash key); requests repeat users, as sticky sessions do. Default 20. */
  users?: number;
  /** Every request carries a hash (default true). */
  hashed?: boolean;
}

/** A stream of requests from a population of users, each user always with the same hash key. */
export function requestStreamArb(options: RequestStreamOptions = {}): fc.Arbitrary<StreamRequest[]> {
  const { minLength = 1, maxLength = 200, users = 20, hashed = true } = options;
  return fc
    .array(hashKeyArb(), { minLength: users, maxLength: users })
    .chain((keys) =>
      fc
        .array(fc.integer({ min: 0, max: users - 1 }), { minLength, maxLength })
        .map((us) => us.map((user) => ({ user, key: hashed ? keys[user] : null }))),
    );
}

/** A seed for RngRoot. */
export function seedArb(): fc.Arbitrary<number> {
  return fc.integer({ min: 0, max: 2 ** 31 - 1 });
}
