// `kubectl get` of the Gateway API objects as a terminal shows it: one table per kind (kinds with no objects left out),
// laid out as kubectl's tabwriter does (cells padded by 3, at least 6 wide). Several kinds (`kubectl get
// gatewayclasses,gateways,httproutes -A`) name objects `kind.group/name`; one kind in one namespace (`kubectl get
// gateway`) has neither the prefix nor the NAMESPACE column. Columns are the CRDs' printer columns, plus the routes'
// parents and acceptance.
import type { ControllerStatus, RouteStatus } from '../../models/gatewayapi/status.js';
import type { Condition } from '../../models/gatewayapi/conditions.js';
import { humanDuration } from './human-duration.js';
import type { ObjectStore } from '../../models/k8s/object-store.js';
import { STATUS_KINDS, type StatusKind } from '../schema/steps.js';

const GROUP = 'gateway.networking.k8s.io';

export interface GetOptions {
  /** The kinds asked for (default: all). */
  kinds?: readonly StatusKind[];
  /** One namespace (no NAMESPACE column), or all (`-A`) when undefined. */
  namespace?: string;
  /** One object by name. */
  name?: string;
  /** -o wide: why a condition is not True (gwsim's extra column). */
  wide?: boolean;
}

/** What the tables need beside the controllers' status: each object's spec hostnames and age. */
export interface StatusObjects {
  /** HTTPRoute/TLSRoute spec.hostnames by `Kind/namespace/name`. */
  hostnames(kind: string, namespace: string, name: string): readonly string[];
  /** Age now (ns) of `Kind/namespace/name` (namespace '' for cluster-scoped; built-in objects: since the start), or null when unknown. */
  ageNs(kind: string, namespace: string, name: string): number | null;
}

/** `kubectl get` context over an object store at simulated time `nowNs`. */
export function storeObjects(store: ObjectStore, nowNs: number): StatusObjects {
  const find = (kind: string, ns: string, name: string) =>
    store
      .all()
      .find(
        (o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? 'default') === (ns || 'default'),
      );
  return {
    hostnames: (kind, ns, name) => {
      const o = find(kind, ns, name);
      return o !== undefined && (o.kind === 'HTTPRoute' || o.kind === 'TLSRoute') ? o.spec.hostnames : [];
    },
    ageNs: (kind, ns, name) => nowNs - (find(kind, ns, name)?.metadata.creationTimestampNs ?? 0),
  };
}

/** kubectl's printers.GetNewTabWriter (k8s.io/cli-runtime pkg/printers/tabwriter.go): minwidth 6, padding 3, blanks, the
 * last column unpadded; the Cilium lab's `kubectl get gateway` lines up the same way. */
export function tabulate(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(6, ...rows.map((r) => r[c].length + 3)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('')
      .trimEnd(),
  );
}

const condStatus = (cs: readonly Condition[], type: string) => cs.find((c) => c.type === type)?.status ?? '';
const condReason = (cs: readonly Condition[], type: string) => {
  const c = cs.find((x) => x.type === type);
  return c === undefined || c.status === 'True' ? '' : `${c.reason}: ${c.message}`;
};

/** A route's acceptance over its parents: True when every parent accepted it. */
function routeCondition(r: RouteStatus, type: string): string {
  const all = r.parents.filter((p) => p.controllerName !== null).map((p) => condStatus(p.conditions, type));
  if (all.length === 0) return '';
  return all.every((s) => s === 'True') ? 'True' : all.find((s) => s !== 'True')!;
}

/** A route's HOSTNAMES cell: kubectl prints a JSONPath list as JSON, and nothing when the route names none. */
function hostnamesCell(hostnames: readonly string[]): string {
  return hostnames.length === 0 ? '' : JSON.stringify(hostnames);
}

interface KindTable {
  kind: StatusKind;
  /** `kind.group` for the NAME prefix, and the plural kubectl names in its messages. */
  resource: string;
  plural: string;
  namespaced: boolean;
  header: string[];
  wideHeader: string[];
  rows: Array<{ namespace: string; name: string; cells: string[]; wide: string[] }>;
}

function tables(status: ControllerStatus, objects: StatusObjects): KindTable[] {
  const age = (kind: string, ns: string, name: string) => {
    const a = objects.ageNs(kind, ns, name);
    return a === null ? '<unknown>' : humanDuration(a);
  };
  return [
    {
      kind: 'gatewayclass',
      resource: `gatewayclass.${GROUP}`,
      plural: `gatewayclasses.${GROUP}`,
      namespaced: false,
      header: ['CONTROLLER', 'ACCEPTED', 'AGE'],
      wideHeader: ['REASON'],
      rows: status.gatewayClasses.map((c) => ({
        namespace: '',
        name: c.name,
        cells: [c.controllerName, condStatus(c.conditions, 'Accepted'), age('GatewayClass', '', c.name)],
        wide: [condReason(c.conditions, 'Accepted')],
      })),
    },
    {
      kind: 'gateway',
      resource: `gateway.${GROUP}`,
      plural: `gateways.${GROUP}`,
      namespaced: true,
      header: ['CLASS', 'ADDRESS', 'PROGRAMMED', 'AGE'],
      wideHeader: ['REASON'],
      rows: status.gateways.map((g) => ({
        namespace: g.namespace,
        name: g.name,
        cells: [
          g.gatewayClassName,
          g.addresses.map((a) => a.value).join(','),
          condStatus(g.conditions, 'Programmed'),
          age('Gateway', g.namespace, g.name),
        ],
        wide: [condReason(g.conditions, 'Programmed') || condReason(g.conditions, 'Accepted')],
      })),
    },
    ...(['HTTPRoute', 'TLSRoute'] as const).map((kind): KindTable => ({
      kind: kind === 'HTTPRoute' ? 'httproute' : 'tlsroute',
      resource: `${kind.toLowerCase()}.${GROUP}`,
      plural: `${kind.toLowerCase()}s.${GROUP}`,
      namespaced: true,
      header: ['HOSTNAMES', 'PARENTS', 'ACCEPTED', 'AGE'],
      wideHeader: ['RESOLVEDREFS', 'REASON'],
      rows: status.routes
        .filter((r) => r.kind === kind)
        .map((r) => ({
          namespace: r.namespace,
          name: r.name,
          cells: [
            hostnamesCell(objects.hostnames(kind, r.namespace, r.name)),
            r.parents.map((p) => p.parentRef.name).join(','),
            routeCondition(r, 'Accepted'),
            age(kind, r.namespace, r.name),
          ],
          wide: [
            routeCondition(r, 'ResolvedRefs'),
            r.parents
              .map((p) => condReason(p.conditions, 'Accepted') || condReason(p.conditions, 'ResolvedRefs'))
              .filter((x) => x !== '')
              .join('; '),
          ],
        })),
    })),
    {
      kind: 'backendtrafficpolicy',
      resource: 'backendtrafficpolicy.gateway.envoyproxy.io',
      plural: 'backendtrafficpolicies.gateway.envoyproxy.io',
      namespaced: true,
      header: ['ACCEPTED', 'AGE'],
      wideHeader: [],
      rows: status.policies.map((p) => ({
        namespace: p.namespace,
        name: p.name,
        cells: [condStatus(p.conditions, 'Accepted'), age('BackendTrafficPolicy', p.namespace, p.name)],
        wide: [],
      })),
    },
  ];
}

/** The lines `kubectl get` prints (or its "No resources found" / NotFound message). */
export function kubectlGet(status: ControllerStatus, objects: StatusObjects, opts: GetOptions = {}): string[] {
  const kinds = opts.kinds ?? STATUS_KINDS;
  const prefixed = kinds.length > 1;
  const allNamespaces = opts.namespace === undefined;
  const out: string[][] = [];
  for (const t of tables(status, objects)) {
    if (!kinds.includes(t.kind)) continue;
    const rows = t.rows.filter(
      (r) =>
        (allNamespaces || !t.namespaced || r.namespace === opts.namespace) &&
        (opts.name === undefined || r.name === opts.name),
    );
    if (rows.length === 0) {
      // kubectl get KIND NAME: the API server's NotFound.
      if (opts.name !== undefined && kinds.length === 1)
        return [`Error from server (NotFound): ${t.plural} "${opts.name}" not found`];
      continue;
    }
    const nsColumn = allNamespaces && t.namespaced;
    out.push(
      tabulate([
        [...(nsColumn ? ['NAMESPACE'] : []), 'NAME', ...t.header, ...(opts.wide ? t.wideHeader : [])],
        ...rows.map((r) => [
          ...(nsColumn ? [r.namespace] : []),
          prefixed ? `${t.resource}/${r.name}` : r.name,
          ...r.cells,
          ...(opts.wide ? r.wide : []),
        ]),
      ]),
    );
  }
  if (out.length === 0)
    return [allNamespaces ? 'No resources found' : `No resources found in ${opts.namespace} namespace.`];
  return out.flatMap((t, i) => (i === 0 ? t : ['', ...t]));
}
