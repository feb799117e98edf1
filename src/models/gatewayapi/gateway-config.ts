// The derived gateway configuration the data plane runs (one per Gateway): ports -> listeners -> virtual hosts -> ordered
// route entries -> backends with weights, plus the Envoy Gateway BackendTrafficPolicy carried as parsed fields.
// Types only; built by translate.ts, read by match-request.ts and src/models/envoy.
import type { Endpoint } from '../k8s/endpoint-slices.js';
import type { HttpRouteMatch } from '../k8s/schemas-gateway-api.js';
import type { CompiledMatch } from './compiled-match.js';
import type { HostPattern } from './hostnames.js';
import type { TrafficPolicy } from './policies.js';
import type { RedirectAction, RuleFilters } from './filters.js';

/** Which control plane programs the gateway: Envoy Gateway (as Calico Ingress Gateway ships it) or Cilium's. */
export type Implementation = 'envoy-gateway' | 'cilium';

export interface ObjectRef {
  namespace: string;
  name: string;
}

export interface BackendTarget {
  kind: 'Service' | 'Backend' | string;
  group: string;
  namespace: string;
  name: string;
  port: number | null;
  weight: number;
  /** Envoy Gateway Backend `fallback: true`: this backendRef's locality is priority 1 (others 0) in the rule's cluster. */
  fallback: boolean;
  /** False when the ref is invalid (kind, missing object or port, not permitted): its share of requests gets `failStatus`. */
  valid: boolean;
  /** 500 for an invalid ref, 503 for a valid ref without ready endpoints, 0 when it can serve. */
  failStatus: 0 | 500 | 503;
  problem?: string;
  /** Endpoints at translation time (ready and not), from the EndpointSlice of the Service (or the Service an FQDN Backend names). */
  endpoints: readonly Endpoint[];
  /** Service port's appProtocol, if set. */
  appProtocol?: string;
  /** For kind Backend: the endpoints as written (fqdn/ip) and the Service an in-cluster FQDN resolves to. */
  backendEndpoints?: readonly {
    fqdn?: { hostname: string; port: number };
    ip?: { address: string; port: number };
    resolvedService?: ObjectRef & { port: number };
  }[];
}

export type RouteAction =
  | {
      type: 'forward';
      /** Positive-weight refs, in backendRefs order (weight-0 refs are dropped, as Envoy Gateway does). */
      backends: readonly BackendTarget[];
      totalWeight: number;
      /** Sum of weights whose requests fail (invalid refs or refs without ready endpoints). */
      failingWeight: number;
      /** Status answered for the failing share: 500, or 503 if any ref lacks endpoints (Envoy Gateway cannot mix them). */
      failStatus: 500 | 503;
      /** Envoy cluster name: `httproute/<ns>/<name>/rule/<i>` (internal/xds/translator). */
      clusterName: string;
      /** The rule's URLRewrite / header filters (null when it has none): what the backend and client see, not the routing. */
      filters: RuleFilters | null;
      /** RequestMirror targets with valid refs, each its own Envoy cluster; a mirrored copy's reply is discarded. */
      mirrors: readonly MirrorTarget[];
      /** HTTPRoute rule timeouts.request in ns (0 = disabled), or null to leave it to the policy / Envoy's 15 s. */
      requestTimeoutNs: number | null;
    }
  | { type: 'direct'; status: number; reason: string }
  | RedirectAction;

/** A RequestMirror filter's backend and the share of requests copied to it (numerator / denominator). */
export interface MirrorTarget {
  target: BackendTarget;
  /** `<rule cluster>/mirror/<j>`. */
  clusterName: string;
  numerator: number;
  denominator: number;
}

export interface RouteEntry {
  type: 'route';
  gateway: ObjectRef;
  listener: string;
  routeKind: 'HTTPRoute' | 'TLSRoute';
  namespace: string;
  name: string;
  ruleIndex: number;
  matchIndex: number;
  ruleName?: string;
  /** The virtual host (effective hostname) this entry belongs to; null = any host. */
  hostname: string | null;
  /** The match as written with defaults (HTTPRoute); null for TLSRoute. */
  match: HttpRouteMatch | null;
  compiled: CompiledMatch | null;
  action: RouteAction;
  policy: TrafficPolicy | null;
  creationTimestampNs: number;
  /** Envoy route name `httproute/<ns>/<route>/rule/<i>/match/<j>`. */
  routeName: string;
  /** Status a forwarded request gets from the gateway before the backend answers: 200 for forward, else the direct status. */
  status: number;
}

/** A request that never reaches a route: the listener or virtual host answered it (404, 421) or refused the connection. */
export interface Outcome {
  type: 'outcome';
  gateway: ObjectRef;
  listener: string | null;
  /** HTTP status; 0 when the connection is refused or the TLS handshake fails. */
  status: number;
  outcome: 'responded' | 'rejected';
  reason: string;
  /** 'rejected': how the connection ends for the client (RST to the SYN, TLS handshake closed, RST); null otherwise. */
  closes: ConnectionEnd | null;
}

export type MatchResult = RouteEntry | Outcome;

/** How a rejected connection ends: 'refused' (nothing listens), 'tls-closed' (Envoy closes the ClientHello), 'reset'. */
export type ConnectionEnd = 'refused' | 'tls-closed' | 'reset';

export interface VirtualHost {
  /** Effective hostname; null = any (a hostname-less route on a hostname-less listener). */
  hostname: string | null;
  host: HostPattern;
  /** In precedence order: the first entry that matches wins. */
  routes: readonly RouteEntry[];
}

export interface CertificateInfo {
  secret: ObjectRef;
  /** DNS names of the certificate (subjectAltName, else CN). */
  dnsNames: readonly string[];
}

export interface ListenerConfig {
  name: string;
  /** Position in the Gateway's spec.listeners (Envoy Gateway names and orders a port's resources by it). */
  index: number;
  port: number;
  protocol: 'HTTP' | 'HTTPS' | 'TLS';
  hostname: string | null;
  host: HostPattern;
  tlsMode: 'Terminate' | 'Passthrough' | null;
  certificates: readonly CertificateInfo[];
  /** Most specific first. */
  virtualHosts: readonly VirtualHost[];
  /** Precomputed answers so a miss allocates nothing. */
  notFound: Outcome;
  misdirected: Outcome;
  rejected: Outcome;
}

export interface PortConfig {
  port: number;
  /** Listeners on the port, most specific hostname first. */
  listeners: readonly ListenerConfig[];
  noListener: Outcome;
  noSni: Outcome;
  /** Plain HTTP (no ClientHello) on a TLS-based port: no filter chain takes it and Envoy resets the connection. */
  plaintext: Outcome;
}

export interface GatewayConfig {
  namespace: string;
  name: string;
  className: string;
  controllerName: string;
  implementation: Implementation;
  /** Addresses clients dial (status.addresses); a placeholder when none is known yet. */
  addresses: readonly string[];
  ports: readonly PortConfig[];
  /** Gateway-level BackendTrafficPolicy (routes carry the effective one). */
  policy: TrafficPolicy | null;
  refused: Outcome;
}
