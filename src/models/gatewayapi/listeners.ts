// Listener validation for one Gateway (apis/v1/gateway_types.go ListenerConditionType/Reason): supported protocols and TLS
// modes, distinctness and conflicts per port, allowedRoutes kinds, certificateRefs (with ReferenceGrant for other namespaces).
// Produces each listener's state; attachedRoutes and the final conditions are filled in by translate.
import type { ObjectOf } from '../k8s/k8s-object.js';
import { GATEWAY_GROUP, type ListenerSpec } from '../k8s/schemas-gateway-api.js';
import { certificateNames } from './certificates.js';
import type { Condition } from './conditions.js';
import { cond } from './conditions.js';
import type { CertificateInfo, Implementation } from './gateway-config.js';
import { referenceAllowed } from './reference-grants.js';

export interface RouteGroupKind {
  group: string;
  kind: string;
}

export interface ListenerState {
  spec: ListenerSpec;
  protocol: string;
  supportedKinds: RouteGroupKind[];
  /** Accepted=True: the listener can take routes. */
  accepted: boolean;
  /** Accepted, refs resolved and not conflicted: the data plane serves it. */
  programmed: boolean;
  certificates: CertificateInfo[];
  attachedRoutes: number;
  /** Conditions except the attachedRoutes-independent ones are final. */
  conditions: Condition[];
}

const KINDS_FOR_PROTOCOL: Record<string, RouteGroupKind[]> = {
  HTTP: [
    { group: GATEWAY_GROUP, kind: 'HTTPRoute' },
    { group: GATEWAY_GROUP, kind: 'GRPCRoute' },
  ],
  HTTPS: [
    { group: GATEWAY_GROUP, kind: 'HTTPRoute' },
    { group: GATEWAY_GROUP, kind: 'GRPCRoute' },
  ],
  TLS: [{ group: GATEWAY_GROUP, kind: 'TLSRoute' }],
};

function family(protocol: string): string {
  return protocol === 'HTTPS' || protocol === 'TLS' ? 'tls' : protocol.toLowerCase();
}

export interface ListenerContext {
  secrets: ReadonlyMap<string, ObjectOf<'Secret'>>;
  grants: readonly ObjectOf<'ReferenceGrant'>[];
  implementation: Implementation;
}

export function evaluateListeners(gw: ObjectOf<'Gateway'>, ctx: ListenerContext): ListenerState[] {
  const ns = gw.metadata.namespace ?? 'default';
  const gen = gw.metadata.generation ?? 1;
  const listeners = gw.spec.listeners;
  // Conflicts (gateway_types.go ListenerReasonProtocolConflict / HostnameConflict): one protocol family per port; among
  // HTTPS/TLS listeners of a port hostnames must differ; TLS listeners of a port must agree on the TLS mode (gwsim, like the
  // implementations the conformance suite describes, does not mix Terminate and Passthrough on one port).
  const conflict = new Map<number, string>();
  listeners.forEach((l, i) => {
    listeners.forEach((o, j) => {
      if (i === j || l.port !== o.port) return;
      if (family(l.protocol) !== family(o.protocol)) conflict.set(i, 'ProtocolConflict');
      else if (
        l.protocol === 'TLS' &&
        o.protocol === 'TLS' &&
        (l.tls?.mode ?? 'Terminate') !== (o.tls?.mode ?? 'Terminate')
      )
        conflict.set(i, 'ProtocolConflict');
      else if (family(l.protocol) === 'tls' && (l.hostname ?? '') === (o.hostname ?? '') && !conflict.has(i))
        conflict.set(i, 'HostnameConflict');
    });
  });
  return listeners.map((l, i) => {
    const conds: Condition[] = [];
    let accepted = true;
    let acceptReason = 'Accepted';
    let acceptMsg = 'Listener is valid';
    const conflictReason = conflict.get(i);
    if (conflictReason !== undefined) {
      accepted = false;
      acceptReason = conflictReason;
      acceptMsg =
        conflictReason === 'ProtocolConflict'
          ? `another listener on port ${l.port} uses an incompatible protocol or TLS mode`
          : `another listener on port ${l.port} has the same hostname`;
    } else if (!(l.protocol in KINDS_FOR_PROTOCOL)) {
      accepted = false;
      acceptReason = 'UnsupportedProtocol';
      acceptMsg = `protocol ${l.protocol} is not supported (gwsim models HTTP, HTTPS and TLS listeners)`;
    } else if (l.protocol === 'TLS' && (l.tls?.mode ?? 'Terminate') === 'Terminate') {
      accepted = false;
      acceptReason = 'UnsupportedValue';
      acceptMsg =
        'TLS listeners support only mode Passthrough here (TLSRoute termination, Extended feature TLSRouteModeTerminate, is not modelled)';
    } else if (l.protocol === 'HTTPS' && l.tls?.mode === 'Passthrough') {
      accepted = false;
      acceptReason = 'UnsupportedValue';
      acceptMsg = 'HTTPS listeners terminate TLS; use protocol TLS for Passthrough';
    }
    // allowedRoutes.kinds: empty = the protocol's kinds; unknown kinds -> ResolvedRefs False / InvalidRouteKinds.
    const protoKinds = KINDS_FOR_PROTOCOL[l.protocol] ?? [];
    let supportedKinds = protoKinds;
    let resolved = true;
    let resolvedReason = 'ResolvedRefs';
    let resolvedMsg = 'All references are resolved';
    if (l.allowedRoutes.kinds.length > 0) {
      supportedKinds = l.allowedRoutes.kinds.filter((k) =>
        protoKinds.some((p) => p.group === k.group && p.kind === k.kind),
      );
      if (supportedKinds.length < l.allowedRoutes.kinds.length) {
        resolved = false;
        resolvedReason = 'InvalidRouteKinds';
        const bad = l.allowedRoutes.kinds.filter((k) => !supportedKinds.includes(k)).map((k) => k.kind);
        resolvedMsg = `route kinds ${bad.join(', ')} are not supported on a ${l.protocol} listener (allowed: ${protoKinds.map((k) => k.kind).join(', ') || 'none'})`;
      }
    }
    const certificates: CertificateInfo[] = [];
    if (l.protocol === 'HTTPS' && l.tls?.mode !== 'Passthrough') {
      for (const ref of l.tls?.certificateRefs ?? []) {
        const certNs = ref.namespace ?? ns;
        const label = `${certNs}/${ref.name}`;
        if (ref.group !== '' || ref.kind !== 'Secret') {
          resolved = false;
          resolvedReason = 'InvalidCertificateRef';
          resolvedMsg = `certificateRef ${ref.group}/${ref.kind} ${label} is not a core Secret`;
          break;
        }
        if (
          !referenceAllowed(
            ctx.grants,
            { group: GATEWAY_GROUP, kind: 'Gateway', namespace: ns },
            { group: '', kind: 'Secret', namespace: certNs, name: ref.name },
          )
        ) {
          resolved = false;
          resolvedReason = 'RefNotPermitted';
          resolvedMsg = `certificateRef to Secret ${label} in another namespace needs a ReferenceGrant in ${certNs}`;
          break;
        }
        const secret = ctx.secrets.get(label);
        if (secret === undefined) {
          resolved = false;
          resolvedReason = 'InvalidCertificateRef';
          resolvedMsg = `Secret ${label} does not exist`;
          break;
        }
        const names = certificateNames(secret);
        if (!names.ok) {
          resolved = false;
          resolvedReason = 'InvalidCertificateRef';
          resolvedMsg = `Secret ${label}: ${names.problem}`;
          break;
        }
        certificates.push({ secret: { namespace: certNs, name: ref.name }, dnsNames: names.dnsNames });
      }
    }
    const programmed = accepted && resolved;
    conds.push(cond('Accepted', accepted ? 'True' : 'False', acceptReason, acceptMsg, gen));
    conds.push(cond('ResolvedRefs', resolved ? 'True' : 'False', resolvedReason, resolvedMsg, gen));
    conds.push(
      cond(
        'Programmed',
        programmed ? 'True' : 'False',
        programmed ? 'Programmed' : 'Invalid',
        programmed
          ? 'Sending translated listener configuration to the data plane'
          : 'Listener is invalid, see other conditions',
        gen,
      ),
    );
    conds.push(
      conflictReason !== undefined
        ? cond('Conflicted', 'True', conflictReason, acceptMsg, gen)
        : cond('Conflicted', 'False', 'NoConflicts', 'No conflicts', gen),
    );
    return {
      spec: l,
      protocol: l.protocol,
      supportedKinds,
      accepted,
      programmed,
      certificates,
      attachedRoutes: 0,
      conditions: conds,
    };
  });
}
