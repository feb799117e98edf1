// The Gateway API controller as a pure function: objects + EndpointSlices -> one GatewayConfig per programmed Gateway (the route
// table the data plane runs) and the status of every GatewayClass, Gateway, listener, route and policy. Re-run on any change;
// it never schedules anything (DESIGN §2). Route tables are precompiled here so matchRequest allocates nothing.
import type { EndpointSlice } from '../k8s/endpoint-slices.js';
import type { K8sObject, ObjectOf } from '../k8s/k8s-object.js';
import type { HttpRouteMatch } from '../k8s/schemas-gateway-api.js';
import { GATEWAY_GROUP } from '../k8s/schemas-gateway-api.js';
import { attachRoute, type Attachment } from './attachment.js';
import { resolveBackendRef, type BackendContext, type RefProblem } from './backend-refs.js';
import { CompiledMatch } from './compiled-match.js';
import { cond, type Condition } from './conditions.js';
import { BUILT_IN_GATEWAY_CLASSES, resolveGatewayClasses } from './gateway-classes.js';
import type {
  BackendTarget,
  GatewayConfig,
  Implementation,
  ListenerConfig,
  MirrorTarget,
  ObjectRef,
  Outcome,
  PortConfig,
  RouteAction,
  RouteEntry,
  VirtualHost,
} from './gateway-config.js';
import { compareSpecificity, HostPattern } from './hostnames.js';
import { evaluateListeners, type ListenerState } from './listeners.js';
import { effectivePolicy, gatewayPolicy, policyTargetsFound, type PolicyTargetObject } from './policies.js';
import { comparePrecedence } from './route-precedence.js';
import type { ControllerStatus, GatewayStatus, PolicyStatus, RouteParentStatus, RouteStatus } from './status.js';
import { compareText } from '../../sim/compare-text.js';
import { parseDuration } from '../../sim/time.js';
import { mirrorShare, pathModifierOf, ruleFilters } from './filters.js';

export interface TranslateInput {
  objects: readonly K8sObject[];
  endpointSlices: readonly EndpointSlice[];
  /** Gateway addresses by `namespace/name` from LB IPAM. When given, a Gateway missing here is not Programmed (AddressNotAssigned). */
  addresses?: ReadonlyMap<string, readonly string[]>;
  /** Why LB IPAM left a Gateway (`namespace/name`) without an address, for its Programmed condition's message. */
  addressProblems?: ReadonlyMap<string, string>;
  /** GatewayClasses the cluster already has; default: Calico's tigera-gateway-class and Cilium's cilium. */
  builtInGatewayClasses?: readonly { name: string; controllerName: string }[];
}

export interface Translation {
  gateways: GatewayConfig[];
  status: ControllerStatus;
}

/** Stand-in address (TEST-NET-1, RFC 5737) for a Gateway whose LB IP is not known to the caller. */
export const PLACEHOLDER_ADDRESS = '192.0.2.1';

type AnyRoute = ObjectOf<'HTTPRoute'> | ObjectOf<'TLSRoute'>;

interface GatewayWork {
  gw: ObjectOf<'Gateway'>;
  ref: ObjectRef;
  implementation: Implementation | null;
  controllerName: string;
  listeners: ListenerState[];
  /** Per listener: attached routes with their hostnames. */
  attached: { route: AnyRoute; hostnames: (string | null)[] }[][];
}

const nsOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? 'default';

export function translate(input: TranslateInput): Translation {
  const of = <K extends K8sObject['kind']>(kind: K) => input.objects.filter((o): o is ObjectOf<K> => o.kind === kind);
  const byKey = <T extends { metadata: { name: string; namespace?: string } }>(xs: T[]) =>
    new Map(xs.map((x) => [`${nsOf(x)}/${x.metadata.name}`, x]));
  const namespaces = new Map(of('Namespace').map((n) => [n.metadata.name, n.metadata.labels]));
  // A namespace with no manifest still exists for routing purposes, labelled only with its name (as the API server does).
  const namespaceLabels = (ns: string) => namespaces.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  const grants = of('ReferenceGrant');
  const secrets = byKey(of('Secret'));
  const slices = new Map(input.endpointSlices.map((s) => [`${s.namespace}/${s.serviceName}`, s]));
  const policies = of('BackendTrafficPolicy');
  const classes = resolveGatewayClasses(of('GatewayClass'), input.builtInGatewayClasses ?? BUILT_IN_GATEWAY_CLASSES);

  const gatewayWork = new Map<string, GatewayWork>();
  for (const gw of sortByKey(of('Gateway'))) {
    const cls = classes.get(gw.spec.gatewayClassName);
    const implementation = cls?.implementation ?? null;
    const listeners = implementation === null ? [] : evaluateListeners(gw, { secrets, grants, implementation });
    gatewayWork.set(`${nsOf(gw)}/${gw.metadata.name}`, {
      gw,
      ref: { namespace: nsOf(gw), name: gw.metadata.name },
      implementation,
      controllerName: cls?.controllerName ?? '',
      listeners,
      attached: listeners.map(() => []),
    });
  }

  // Routes in Envoy Gateway's input order (creationTimestamp, then namespace/name: internal/gatewayapi/resource/resource.go).
  const routes: AnyRoute[] = [...of('HTTPRoute'), ...of('TLSRoute')].sort(
    (a, b) =>
      Math.floor((a.metadata.creationTimestampNs ?? 0) / 1e9) -
        Math.floor((b.metadata.creationTimestampNs ?? 0) / 1e9) ||
      compareText(`${nsOf(a)}/${a.metadata.name}`, `${nsOf(b)}/${b.metadata.name}`) ||
      compareText(a.kind, b.kind),
  );
  const routeStatuses: RouteStatus[] = [];
  const ruleActions = new Map<
    AnyRoute,
    { byImpl: Map<Implementation, { actions: RouteAction[]; problem?: RefProblem }> }
  >();
  const compiledByRoute = new Map<AnyRoute, { compiled: (CompiledMatch | null)[][]; error?: string }>();

  for (const route of routes) {
    const rns = nsOf(route);
    const compiled = compileRoute(route);
    compiledByRoute.set(route, compiled);
    const parents: RouteParentStatus[] = [];
    route.spec.parentRefs.forEach((pr) => {
      const gwNs = pr.namespace ?? rns;
      const parentRef = {
        group: pr.group,
        kind: pr.kind,
        namespace: gwNs,
        name: pr.name,
        ...(pr.sectionName !== undefined ? { sectionName: pr.sectionName } : {}),
        ...(pr.port !== undefined ? { port: pr.port } : {}),
      };
      const gen = route.metadata.generation ?? 1;
      if (pr.group !== GATEWAY_GROUP || pr.kind !== 'Gateway') return; // other parents (Service for mesh) are not ours
      const work = gatewayWork.get(`${gwNs}/${pr.name}`);
      if (work === undefined || work.implementation === null) {
        const message =
          work === undefined
            ? `Gateway ${gwNs}/${pr.name} does not exist, so no controller accepts this parentRef`
            : `GatewayClass ${work.gw.spec.gatewayClassName} of Gateway ${gwNs}/${pr.name} has no running controller`;
        parents.push({
          parentRef,
          controllerName: null,
          conditions: [cond('Accepted', 'False', 'NoMatchingParent', message, gen)],
        });
        return;
      }
      const impl = work.implementation;
      let actions = ruleActions.get(route)?.byImpl.get(impl);
      if (actions === undefined) {
        actions = buildActions(route, {
          services: byKey(of('Service')),
          backends: byKey(of('Backend')),
          slices,
          grants,
          implementation: impl,
        });
        const entry = ruleActions.get(route) ?? { byImpl: new Map() };
        entry.byImpl.set(impl, actions);
        ruleActions.set(route, entry);
      }
      const resolved =
        actions.problem === undefined
          ? cond('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route', gen)
          : cond('ResolvedRefs', 'False', actions.problem.reason, actions.problem.message, gen);
      if (compiled.error !== undefined) {
        parents.push({
          parentRef,
          controllerName: work.controllerName,
          conditions: [cond('Accepted', 'False', 'UnsupportedValue', compiled.error, gen), resolved],
        });
        return;
      }
      const res = attachRoute(
        { kind: route.kind, namespace: rns, hostnames: route.spec.hostnames },
        pr,
        { namespace: work.ref.namespace, listeners: work.listeners },
        namespaceLabels,
      );
      if (!res.accepted) {
        parents.push({
          parentRef,
          controllerName: work.controllerName,
          conditions: [cond('Accepted', 'False', res.reason, res.message, gen), resolved],
        });
        return;
      }
      for (const a of res.attachments) addAttachment(work, a, route);
      parents.push({
        parentRef,
        controllerName: work.controllerName,
        conditions: [cond('Accepted', 'True', 'Accepted', 'Route is accepted', gen), resolved],
      });
    });
    routeStatuses.push({
      kind: route.kind,
      namespace: rns,
      name: route.metadata.name,
      generation: route.metadata.generation ?? 1,
      parents,
    });
  }

  const configs: GatewayConfig[] = [];
  const gatewayStatuses: GatewayStatus[] = [];
  for (const [key, work] of gatewayWork) {
    const gen = work.gw.metadata.generation ?? 1;
    const given = input.addresses?.get(key);
    const written = work.gw.spec.addresses.map((a) => a.value);
    const addresses = given ?? (written.length > 0 ? written : []);
    work.listeners.forEach((l, i) => {
      l.attachedRoutes = new Set(work.attached[i].map((a) => a.route)).size;
    });
    const listenerStatuses = work.listeners.map((l) => ({
      name: l.spec.name,
      supportedKinds: l.supportedKinds.map((k) => ({ ...k })),
      attachedRoutes: l.attachedRoutes,
      conditions: l.conditions,
    }));
    let conditions: Condition[];
    if (work.implementation === null) {
      const msg = classes.has(work.gw.spec.gatewayClassName)
        ? `GatewayClass ${work.gw.spec.gatewayClassName} has no running controller`
        : `GatewayClass ${work.gw.spec.gatewayClassName} does not exist`;
      conditions = [
        cond('Accepted', 'Unknown', 'Pending', `Waiting for controller: ${msg}`, gen),
        cond('Programmed', 'Unknown', 'Pending', `Waiting for controller: ${msg}`, gen),
      ];
    } else {
      const valid = work.listeners.filter((l) => l.accepted).length;
      const programmed = work.listeners.some((l) => l.programmed);
      const accepted =
        valid > 0
          ? cond(
              'Accepted',
              'True',
              'Accepted',
              valid < work.listeners.length
                ? `The Gateway has been scheduled; ${work.listeners.length - valid} listener(s) are invalid`
                : 'The Gateway has been scheduled',
              gen,
            )
          : cond('Accepted', 'False', 'ListenersNotValid', 'No listener of the Gateway is valid', gen);
      let prog: Condition;
      if (!programmed) prog = cond('Programmed', 'False', 'Invalid', 'No listener is programmed', gen);
      else if (input.addresses !== undefined && addresses.length === 0)
        prog = cond(
          'Programmed',
          'False',
          'AddressNotAssigned',
          `No address has been assigned to the Gateway (LoadBalancer Service pending${problemOf(input, key)})`,
          gen,
        );
      else
        prog = cond(
          'Programmed',
          'True',
          'Programmed',
          addresses.length > 0
            ? 'Address assigned to the Gateway'
            : `Programmed; gwsim stands in ${PLACEHOLDER_ADDRESS} for the address the LoadBalancer Service would get`,
          gen,
        );
      conditions = [accepted, prog];
      if (programmed)
        configs.push(
          buildGatewayConfig(
            work,
            addresses.length > 0 ? addresses : [PLACEHOLDER_ADDRESS],
            policies,
            compiledByRoute,
            ruleActions,
          ),
        );
    }
    gatewayStatuses.push({
      namespace: work.ref.namespace,
      name: work.ref.name,
      gatewayClassName: work.gw.spec.gatewayClassName,
      generation: gen,
      addresses: addresses.map((value) => ({ type: 'IPAddress', value })),
      conditions,
      listeners: listenerStatuses,
    });
  }

  const targets: PolicyTargetObject[] = [
    ...[...gatewayWork.values()].map((w) => ({
      kind: 'Gateway',
      namespace: w.ref.namespace,
      name: w.ref.name,
      labels: w.gw.metadata.labels,
    })),
    ...routes.map((r) => ({ kind: r.kind, namespace: nsOf(r), name: r.metadata.name, labels: r.metadata.labels })),
  ];
  const policyStatuses: PolicyStatus[] = sortByKey(policies).map((p) => {
    const found = policyTargetsFound(p, targets);
    const gen = p.metadata.generation ?? 1;
    return {
      kind: 'BackendTrafficPolicy' as const,
      namespace: nsOf(p),
      name: p.metadata.name,
      conditions: [
        found.length > 0
          ? cond(
              'Accepted',
              'True',
              'Accepted',
              `Policy has been accepted for ${found.map((t) => `${t.kind} ${t.namespace}/${t.name}`).join(', ')}`,
              gen,
            )
          : cond(
              'Accepted',
              'False',
              'TargetNotFound',
              'No Gateway or route in the policy namespace matches its targets',
              gen,
            ),
      ],
    };
  });

  return {
    gateways: configs,
    status: {
      gatewayClasses: [...classes.values()]
        .sort((a, b) => compareText(a.name, b.name))
        .map((c) => ({ name: c.name, controllerName: c.controllerName, builtIn: c.builtIn, conditions: c.conditions })),
      gateways: gatewayStatuses,
      routes: routeStatuses,
      policies: policyStatuses,
    },
  };
}

function addAttachment(work: GatewayWork, a: Attachment, route: AnyRoute): void {
  work.attached[a.listenerIndex].push({ route, hostnames: a.hostnames });
}

function sortByKey<T extends { metadata: { name: string; namespace?: string } }>(xs: T[]): T[] {
  return [...xs].sort((a, b) => compareText(`${nsOf(a)}/${a.metadata.name}`, `${nsOf(b)}/${b.metadata.name}`));
}

function compileRoute(route: AnyRoute): { compiled: (CompiledMatch | null)[][]; error?: string } {
  if (route.kind === 'TLSRoute') return { compiled: route.spec.rules.map(() => [null]) };
  const compiled: (CompiledMatch | null)[][] = [];
  for (let r = 0; r < route.spec.rules.length; r++) {
    const row: CompiledMatch[] = [];
    for (let m = 0; m < route.spec.rules[r].matches.length; m++) {
      try {
        row.push(new CompiledMatch(route.spec.rules[r].matches[m]));
      } catch (e) {
        return {
          compiled: [],
          error: `rules[${r}].matches[${m}]: regular expression does not compile: ${(e as Error).message}`,
        };
      }
    }
    compiled.push(row);
  }
  return { compiled };
}

/** Per rule: forward / direct / redirect, following Envoy Gateway's direct responses (internal/gatewayapi/route.go). */
function buildActions(route: AnyRoute, ctx: BackendContext): { actions: RouteAction[]; problem?: RefProblem } {
  const rns = nsOf(route);
  let problem: RefProblem | undefined;
  const actions = route.spec.rules.map((rule, ri): RouteAction => {
    const redirect = 'filters' in rule ? rule.filters.find((f) => f.type === 'RequestRedirect') : undefined;
    const targets: BackendTarget[] = [];
    for (const ref of rule.backendRefs) {
      const { target, problem: p } = resolveBackendRef(ref, { kind: route.kind, namespace: rns }, ctx);
      if (p !== undefined && problem === undefined) problem = p;
      if (target.weight > 0) targets.push(target);
    }
    if (redirect !== undefined) {
      const rr = redirect.requestRedirect;
      const path = rr?.path === undefined ? undefined : pathModifierOf(rr.path);
      return {
        type: 'redirect',
        status: rr?.statusCode ?? 302,
        scheme: rr?.scheme,
        hostname: rr?.hostname,
        port: rr?.port,
        path,
      };
    }
    if (rule.backendRefs.length === 0)
      return {
        type: 'direct',
        status: 500,
        reason: 'the rule has no backendRefs (and no filter that answers): Envoy Gateway answers 500',
      };
    if (targets.length === 0)
      return {
        type: 'direct',
        status: 500,
        reason: 'every backendRef has weight 0: nothing to forward to, Envoy Gateway answers 500',
      };
    if (targets.every((t) => !t.valid))
      return { type: 'direct', status: 500, reason: `every backendRef is invalid (${targets[0].problem}): 500` };
    if (targets.every((t) => t.failStatus !== 0))
      return {
        type: 'direct',
        status: 503,
        reason: `no backendRef has ready endpoints (${targets.find((t) => t.failStatus === 503)?.problem}): 503`,
      };
    const failing = targets.filter((t) => t.failStatus !== 0);
    const clusterName = `${route.kind.toLowerCase()}/${rns}/${route.metadata.name}/rule/${ri}`;
    const mirrors: MirrorTarget[] = [];
    if ('filters' in rule) {
      for (const f of rule.filters) {
        const m = f.type === 'RequestMirror' ? f.requestMirror : undefined;
        if (m === undefined) continue;
        // An invalid mirror ref (missing Service, no ReferenceGrant) mirrors nothing and, as Envoy Gateway's filter
        // processing does, sets the route's ResolvedRefs condition; the route itself still forwards.
        const { target, problem: p } = resolveBackendRef(
          { ...m.backendRef, weight: 1 },
          { kind: route.kind, namespace: rns },
          ctx,
        );
        if (p !== undefined && problem === undefined) problem = p;
        if (!target.valid) continue;
        const share = mirrorShare(m);
        mirrors.push({
          target,
          clusterName: `${clusterName}/mirror/${mirrors.length}`,
          numerator: share.numerator,
          denominator: share.denominator,
        });
      }
    }
    return {
      type: 'forward',
      backends: targets,
      totalWeight: targets.reduce((s, t) => s + t.weight, 0),
      failingWeight: failing.reduce((s, t) => s + t.weight, 0),
      failStatus: failing.some((t) => t.failStatus === 503) ? 503 : 500,
      clusterName,
      filters: 'filters' in rule ? ruleFilters(rule.filters) : null,
      mirrors,
      // Envoy Gateway puts the rule's timeouts.request on the route; it wins over a BackendTrafficPolicy's (C7).
      requestTimeoutNs:
        'timeouts' in rule && rule.timeouts?.request !== undefined ? parseDuration(rule.timeouts.request) : null,
    };
  });
  return { actions, problem };
}

function buildGatewayConfig(
  work: GatewayWork,
  addresses: readonly string[],
  policies: readonly ObjectOf<'BackendTrafficPolicy'>[],
  compiledByRoute: Map<AnyRoute, { compiled: (CompiledMatch | null)[][] }>,
  ruleActions: Map<AnyRoute, { byImpl: Map<Implementation, { actions: RouteAction[] }> }>,
): GatewayConfig {
  const impl = work.implementation as Implementation;
  const gwRef = work.ref;
  const gwTarget: PolicyTargetObject = {
    kind: 'Gateway',
    namespace: gwRef.namespace,
    name: gwRef.name,
    labels: work.gw.metadata.labels,
  };
  const usePolicies = impl === 'envoy-gateway' ? policies : []; // BackendTrafficPolicy is an Envoy Gateway API; Cilium ignores it
  const outcome = (
    listener: string | null,
    status: number,
    o: Outcome['outcome'],
    reason: string,
    closes: Outcome['closes'] = null,
  ): Outcome => ({
    type: 'outcome',
    gateway: gwRef,
    listener,
    status,
    outcome: o,
    reason,
    closes,
  });
  const listenerConfigs: ListenerConfig[] = [];
  work.listeners.forEach((l, li) => {
    if (!l.programmed) return;
    const protocol = l.protocol as ListenerConfig['protocol'];
    const byHost = new Map<string | null, RouteEntry[]>();
    for (const { route, hostnames } of work.attached[li]) {
      const compiled = compiledByRoute.get(route)!.compiled;
      const actions = ruleActions.get(route)!.byImpl.get(impl)!.actions;
      const rns = nsOf(route);
      const routeTarget: PolicyTargetObject = {
        kind: route.kind,
        namespace: rns,
        name: route.metadata.name,
        labels: route.metadata.labels,
      };
      for (const h of hostnames) {
        const list = byHost.get(h) ?? [];
        route.spec.rules.forEach((rule, ri) => {
          const matches: (HttpRouteMatch | null)[] =
            route.kind === 'HTTPRoute' ? (rule as ObjectOf<'HTTPRoute'>['spec']['rules'][number]).matches : [null];
          const policy = effectivePolicy(usePolicies, routeTarget, rule.name, gwTarget, l.spec.name);
          matches.forEach((m, mi) => {
            const action = actions[ri];
            list.push({
              type: 'route',
              gateway: gwRef,
              listener: l.spec.name,
              routeKind: route.kind,
              namespace: rns,
              name: route.metadata.name,
              ruleIndex: ri,
              matchIndex: mi,
              ruleName: rule.name,
              hostname: h,
              match: m,
              compiled: compiled[ri]?.[mi] ?? null,
              action,
              policy,
              creationTimestampNs: route.metadata.creationTimestampNs ?? 0,
              routeName: `${route.kind.toLowerCase()}/${rns}/${route.metadata.name}/rule/${ri}/match/${mi}`,
              status: action.type === 'forward' ? 200 : action.status,
            });
          });
        });
        byHost.set(h, list);
      }
    }
    const virtualHosts: VirtualHost[] = [...byHost.entries()]
      .sort((a, b) => compareSpecificity(a[0], b[0]))
      .map(([hostname, entries]) => ({
        hostname,
        host: new HostPattern(hostname),
        routes: entries.sort(comparePrecedence),
      }));
    const name = l.spec.name;
    listenerConfigs.push({
      name,
      index: li,
      port: l.spec.port,
      protocol,
      hostname: l.spec.hostname ?? null,
      host: new HostPattern(l.spec.hostname ?? null),
      tlsMode: l.spec.tls ? l.spec.tls.mode : null,
      certificates: l.certificates,
      virtualHosts,
      notFound: outcome(name, 404, 'responded', `no route of listener ${name} matches: Envoy answers 404`),
      misdirected: outcome(
        name,
        421,
        'responded',
        `the Host header selects another listener than the TLS SNI did (${name}): 421 Misdirected Request`,
      ),
      rejected: outcome(
        name,
        0,
        'rejected',
        `no TLSRoute of listener ${name} matches the SNI: the connection is closed`,
        'tls-closed',
      ),
    });
  });
  const portNumbers = [...new Set(listenerConfigs.map((l) => l.port))].sort((a, b) => a - b);
  const ports: PortConfig[] = portNumbers.map((port) => ({
    port,
    listeners: listenerConfigs
      .filter((l) => l.port === port)
      .sort((a, b) => compareSpecificity(a.hostname, b.hostname)),
    noListener: outcome(null, 404, 'responded', `no listener on port ${port} matches the Host header: 404`),
    noSni: outcome(
      null,
      0,
      'rejected',
      `no listener on port ${port} matches the TLS SNI and none is hostname-less: no filter chain matches, Envoy closes the connection`,
      'tls-closed',
    ),
    // Envoy's listener closes a connection no filter chain matches before reading it (listener_impl.cc "no matching
    // filter chain found"); the unread bytes make the kernel send RST (envoyproxy/envoy#25002 shows the RST).
    plaintext: outcome(
      null,
      0,
      'rejected',
      `port ${port} expects TLS and the client sent plain HTTP: no filter chain matches, Envoy resets the connection`,
      'reset',
    ),
  }));
  return {
    namespace: gwRef.namespace,
    name: gwRef.name,
    className: work.gw.spec.gatewayClassName,
    controllerName: work.controllerName,
    implementation: impl,
    addresses,
    ports,
    policy: gatewayPolicy(usePolicies, gwTarget),
    refused: outcome(null, 0, 'rejected', 'the Gateway has no listener on that port: connection refused'),
  };
}

/** `: <why>` when LB IPAM said why the Gateway's Service has no address, else ''. */
function problemOf(input: TranslateInput, key: string): string {
  const why = input.addressProblems?.get(key);
  return why === undefined ? '' : `: ${why}`;
}
