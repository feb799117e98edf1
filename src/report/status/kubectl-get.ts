// `kubectl get gatewayclasses,gateways,httproutes,tlsroutes -A` as a terminal shows it: one table per kind (kinds
// with no objects left out), names as `kind.group/name`, columns laid out as kubectl's tabwriter does (cells padded
// by 3, at least 10 wide). Columns are the CRDs' printer columns, plus the routes' parents and acceptance.
import type { ControllerStatus, RouteStatus } from '../../models/gatewayapi/status.js';
import type { Condition } from '../../models/gatewayapi/conditions.js';
import { humanDuration } from './human-duration.js';
import type { StatusObjects } from '../../scenarios/run/status-snapshot.js';

const GROUP = 'gateway.networking.k8s.io';

/** kubectl's printers.GetNewTabWriter: minwidth 10, padding 3, blanks; the last column unpadded. */
export function tabulate(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(10, ...rows.map((r) => r[c].length + 3)));
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

/** The tables; `wide` adds why a condition is not True (gwsim's extra column). */
export function kubectlGet(status: ControllerStatus, objects: StatusObjects, wide: boolean): string[] {
  const age = (kind: string, ns: string, name: string) => {
    const a = objects.ageNs(kind, ns, name);
    return a === null ? '<unknown>' : humanDuration(a);
  };
  const tables: string[][] = [];
  if (status.gatewayClasses.length > 0)
    tables.push(
      tabulate([
        ['NAME', 'CONTROLLER', 'ACCEPTED', 'AGE', ...(wide ? ['REASON'] : [])],
        ...status.gatewayClasses.map((c) => [
          `gatewayclass.${GROUP}/${c.name}`,
          c.controllerName,
          condStatus(c.conditions, 'Accepted'),
          age('GatewayClass', '', c.name),
          ...(wide ? [condReason(c.conditions, 'Accepted')] : []),
        ]),
      ]),
    );
  if (status.gateways.length > 0)
    tables.push(
      tabulate([
        ['NAMESPACE', 'NAME', 'CLASS', 'ADDRESS', 'PROGRAMMED', 'AGE', ...(wide ? ['REASON'] : [])],
        ...status.gateways.map((g) => [
          g.namespace,
          `gateway.${GROUP}/${g.name}`,
          g.gatewayClassName,
          g.addresses.map((a) => a.value).join(','),
          condStatus(g.conditions, 'Programmed'),
          age('Gateway', g.namespace, g.name),
          ...(wide ? [condReason(g.conditions, 'Programmed') || condReason(g.conditions, 'Accepted')] : []),
        ]),
      ]),
    );
  for (const kind of ['HTTPRoute', 'TLSRoute'] as const) {
    const routes = status.routes.filter((r) => r.kind === kind);
    if (routes.length === 0) continue;
    tables.push(
      tabulate([
        ['NAMESPACE', 'NAME', 'HOSTNAMES', 'PARENTS', 'ACCEPTED', 'AGE', ...(wide ? ['RESOLVEDREFS', 'REASON'] : [])],
        ...routes.map((r) => [
          r.namespace,
          `${kind.toLowerCase()}.${GROUP}/${r.name}`,
          hostnamesCell(objects.hostnames(kind, r.namespace, r.name)),
          r.parents.map((p) => p.parentRef.name).join(','),
          routeCondition(r, 'Accepted'),
          age(kind, r.namespace, r.name),
          ...(wide
            ? [
                routeCondition(r, 'ResolvedRefs'),
                r.parents
                  .map((p) => condReason(p.conditions, 'Accepted') || condReason(p.conditions, 'ResolvedRefs'))
                  .filter((x) => x !== '')
                  .join('; '),
              ]
            : []),
        ]),
      ]),
    );
  }
  if (status.policies.length > 0)
    tables.push(
      tabulate([
        ['NAMESPACE', 'NAME', 'ACCEPTED', 'AGE'],
        ...status.policies.map((p) => [
          p.namespace,
          `backendtrafficpolicy.gateway.envoyproxy.io/${p.name}`,
          condStatus(p.conditions, 'Accepted'),
          age('BackendTrafficPolicy', p.namespace, p.name),
        ]),
      ]),
    );
  if (tables.length === 0) return ['No resources found'];
  return tables.flatMap((t, i) => (i === 0 ? t : ['', ...t]));
}

/** A route's HOSTNAMES cell: kubectl prints a JSONPath list as JSON, and nothing when the route names none. */
function hostnamesCell(hostnames: readonly string[]): string {
  return hostnames.length === 0 ? '' : JSON.stringify(hostnames);
}
