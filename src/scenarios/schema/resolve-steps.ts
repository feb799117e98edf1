// Resolves `spec.steps`: defaults per step kind, client targets parsed, manifests read through the caller's reader,
// and every name a step mentions (cluster, node, router, link end, step) checked against the topology.
import { InputError } from '../../sim/input-error.js';
import { CURL_DEFAULTS, DEFAULT_NAMESPACE, HEY_DEFAULTS, LOAD_DEFAULTS, POD_FAULT_DEFAULTS } from './defaults.js';
import type { DocPath, ResolveContext } from './resolve-context.js';
import type { Raise } from './resolve-topology.js';
import { resolveLinkProps } from './resolve-topology.js';
import type { ClientBase, NodeRef, PodRef, ResolvedFault, ResolvedPrint, ResolvedStep, ResolvedTopology } from './resolved.js';
import type { StepDoc } from './steps.js';
import { parseTarget } from './target.js';
import { parseRefs } from './var-refs.js';

interface Names {
  clusters: string[];
  nodes: string[];
  routers: string[];
  all: string[];
}

function namesOf(t: ResolvedTopology): Names {
  const clusters = t.clusters.map((c) => c.name);
  const nodes = t.clusters.flatMap((c) => c.nodes.map((n) => n.name));
  const routers = t.routers.map((r) => r.name);
  return { clusters, nodes, routers, all: [...clusters, ...nodes, ...routers] };
}

export function resolveSteps(docs: StepDoc[], topology: ResolvedTopology, ctx: ResolveContext, raise: Raise): ResolvedStep[] {
  const names = namesOf(topology);
  const firstCluster = topology.clusters[0].name;
  const stepNames = new Map<string, number>();
  const out: ResolvedStep[] = [];
  docs.forEach((step, index) => {
    const path: DocPath = ['spec', 'steps', index, step.kind];
    const body = step.body as { name?: string };
    const name = typeof body === 'object' && body !== null && typeof body.name === 'string' ? body.name : null;
    if (name !== null) {
      if (stepNames.has(name)) raise([...path, 'name'], `step name ${JSON.stringify(name)} is already used by step ${stepNames.get(name)}`);
      stepNames.set(name, index);
    }
    const line = ctx.source?.position(['spec', 'steps', index])?.line ?? 0;
    const base = { index, name, line };
    const cluster = (c: string | undefined, p: DocPath): string => {
      if (c === undefined) return firstCluster;
      if (!names.clusters.includes(c)) raise(p, `no cluster is named ${JSON.stringify(c)}`, names.clusters.join(', '));
      return c;
    };
    const known = (n: string, list: string[], what: string, p: DocPath): string => {
      if (!list.includes(n)) raise(p, `no ${what} is named ${JSON.stringify(n)}`, list.join(', ') || `(the topology has no ${what})`);
      return n;
    };
    switch (step.kind) {
      case 'apply':
      case 'delete': {
        const b = step.body;
        let manifests;
        if (b.file !== undefined) {
          let read;
          try {
            read = ctx.readManifest(b.file);
          } catch (e) {
            if (e instanceof InputError) {
              const pos = ctx.source?.position([...path, 'file']);
              throw new InputError(e.problem, { ...e.where, file: ctx.file, line: pos?.line, column: pos?.column, field: `spec.steps[${index}].${step.kind}.file` }, e.allowed);
            }
            throw e;
          }
          manifests = { file: read.file, text: read.text, firstLine: 1, inline: false };
        } else {
          manifests = { file: ctx.file, text: b.yaml!, firstLine: ctx.source?.contentLine([...path, 'yaml']) ?? 1, inline: true };
        }
        out.push({ kind: step.kind, ...base, cluster: cluster(b.cluster, [...path, 'cluster']), manifests });
        return;
      }
      case 'wait': {
        let forStep: number | null = null;
        if (step.body.for !== undefined) {
          const target = stepNames.get(step.body.for);
          const s = target === undefined ? undefined : out[target];
          if (s === undefined) raise([...path, 'for'], `no earlier step is named ${JSON.stringify(step.body.for)}`, [...stepNames.keys()].join(', ') || 'names of earlier background client steps');
          if (!(s.kind === 'curl' || s.kind === 'hey' || s.kind === 'load') || !s.background) raise([...path, 'for'], `step ${JSON.stringify(step.body.for)} is not a background client step, so there is nothing to wait for`);
          forStep = target!;
        }
        out.push({ kind: 'wait', ...base, durationNs: step.body.durationNs, forStep });
        return;
      }
      case 'curl':
      case 'hey':
      case 'load': {
        const b = step.body;
        const client = clientBase(b, path, topology, names, raise);
        if (step.kind === 'curl') {
          const c = step.body;
          if (c.head && c.method !== undefined && c.method !== 'HEAD') raise([...path, 'method'], `head (-I) sends HEAD, but method says ${c.method}`);
          if (c.grep !== undefined) checkRegex(c.grep, [...path, 'grep'], raise);
          if ((c.grep !== undefined || c.uniqCount) && (c.output ?? CURL_DEFAULTS.output) === 'none') raise([...path, c.grep !== undefined ? 'grep' : 'uniqCount'], 'nothing to filter: output is none', 'set output: pod, pod-raw, hostname, status, headers or body');
          let resolve = null;
          if (c.resolve !== undefined) {
            const [host, port, ...addr] = c.resolve.split(':');
            const address = addr.join(':');
            const refs = parseRefs(address);
            if (!refs.ok) raise([...path, 'resolve'], refs.problem, refs.allowed);
            if (Number(port) < 1 || Number(port) > 65535) raise([...path, 'resolve'], `port ${port} is out of range`, '1-65535');
            resolve = { host, port: Number(port), address };
          }
          const head = c.head ?? false;
          out.push({
            kind: 'curl',
            ...base,
            ...client,
            method: head ? 'HEAD' : (c.method ?? 'GET'),
            count: c.count ?? CURL_DEFAULTS.count,
            intervalNs: c.interval ?? CURL_DEFAULTS.intervalNs,
            cookie: c.cookie ?? null,
            cookieJar: c.cookieJar ?? false,
            head,
            resolve,
            output: c.output ?? (head ? 'headers' : CURL_DEFAULTS.output),
            grep: c.grep ?? null,
            uniqCount: c.uniqCount ?? false,
            fail: c.fail ?? false,
            maxTimeNs: c.maxTime ?? null,
            connectTimeoutNs: c.connectTimeout ?? CURL_DEFAULTS.connectTimeoutNs,
          });
        } else if (step.kind === 'hey') {
          const h = step.body;
          const n = h.n ?? HEY_DEFAULTS.n;
          const c = h.c ?? HEY_DEFAULTS.c;
          // hey refuses -n below -c ("-n cannot be less than -c"), hey.go; with -z, -n is ignored.
          if (h.z === undefined && n < c) raise([...path, 'n'], `n (${n}) is less than c (${c}); hey refuses that`, `n >= c, or set z (a duration) instead of n`);
          out.push({
            kind: 'hey',
            ...base,
            ...client,
            n,
            c,
            qps: h.q ?? HEY_DEFAULTS.qps,
            durationNs: h.z ?? HEY_DEFAULTS.durationNs,
            timeoutNs: h.timeout ?? HEY_DEFAULTS.timeoutNs,
            disableKeepAlive: h.disableKeepAlive ?? HEY_DEFAULTS.disableKeepAlive,
            output: h.output ?? HEY_DEFAULTS.output,
          });
        } else {
          const l = step.body;
          out.push({
            kind: 'load',
            ...base,
            ...client,
            ratePerSecond: l.rate,
            durationNs: l.duration,
            distribution: l.distribution ?? LOAD_DEFAULTS.distribution,
            timeoutNs: l.timeout ?? LOAD_DEFAULTS.timeoutNs,
            sources: l.sources ?? LOAD_DEFAULTS.sources,
          });
        }
        return;
      }
      case 'fault': {
        const f = step.body;
        const p = (field: string | number, ...rest: (string | number)[]): DocPath => [...path, field, ...rest];
        let fault: ResolvedFault;
        switch (f.kind) {
          case 'node':
            if (typeof f.node === 'string') fault = { type: 'node', node: known(f.node, names.nodes, 'node', p('node')), down: f.down, graceful: f.graceful ?? false };
            else {
              const of: NodeRef =
                'gateway' in f.node
                  ? { kind: 'gateway', namespace: f.node.namespace ?? DEFAULT_NAMESPACE, name: f.node.gateway, cluster: f.node.cluster === undefined ? null : cluster(f.node.cluster, p('node', 'cluster')) }
                  : { kind: 'leaseHolder', namespace: f.node.leaseHolder.namespace ?? DEFAULT_NAMESPACE, service: f.node.leaseHolder.service, cluster: f.node.cluster === undefined ? null : cluster(f.node.cluster, p('node', 'cluster')) };
              fault = { type: 'node', node: '', down: f.down, graceful: f.graceful ?? false, of };
            }
            if (!f.down && f.graceful !== undefined) raise(p('graceful'), 'graceful applies to taking a node down (down: true)');
            break;
          case 'pod': {
            let target: PodRef | undefined;
            if (f.pod.name !== undefined) target = { kind: 'name', name: f.pod.name };
            else if (f.pod.servedRequest !== undefined) {
              const ref = f.pod.servedRequest.step;
              const idx = typeof ref === 'number' ? ref : stepNames.get(ref);
              const s = idx === undefined ? undefined : out[idx];
              if (s === undefined) raise(p('pod', 'servedRequest', 'step'), `no earlier step is ${typeof ref === 'number' ? 'numbered' : 'named'} ${JSON.stringify(ref)}`, [...stepNames.keys()].join(', ') || 'an earlier curl, hey or load step');
              else if (!(s.kind === 'curl' || s.kind === 'hey' || s.kind === 'load')) raise(p('pod', 'servedRequest', 'step'), `step ${JSON.stringify(ref)} is a ${s.kind} step, which sends no requests`, 'an earlier curl, hey or load step');
              target = { kind: 'servedRequest', stepIndex: idx!, request: f.pod.servedRequest.request };
            }
            fault = {
              ...(target !== undefined ? { target } : {}),
              type: 'pod',
              selector: { ...(f.pod.selector ?? {}) },
              namespace: f.pod.namespace ?? DEFAULT_NAMESPACE,
              cluster: cluster(f.pod.cluster, p('pod', 'cluster')),
              count: f.pod.count ?? POD_FAULT_DEFAULTS.count,
              restart: f.restart ?? POD_FAULT_DEFAULTS.restart,
            };
            break;
          }
          case 'link': {
            f.link.forEach((n, k) => known(n, names.all, 'cluster, node or router', p('link', k)));
            const { kind: _k, link, down, name: _n, ...props } = f;
            const given = Object.keys(props).filter((k) => props[k as keyof typeof props] !== undefined);
            if (down === undefined && given.length === 0) raise(p('link'), 'say what happens to the link: down: true|false, or new rtt, latency, jitter, bandwidth or loss');
            const full = resolveLinkProps(props, { latencyNs: 0, jitterNs: 0, bandwidthBps: null, loss: 0 }, path, raise);
            const set: Record<string, unknown> = {};
            if (props.rtt !== undefined || props.latency !== undefined) set.latencyNs = full.latencyNs;
            if (props.jitter !== undefined) set.jitterNs = full.jitterNs;
            if (props.bandwidth !== undefined) set.bandwidthBps = full.bandwidthBps;
            if (props.loss !== undefined) set.loss = full.loss;
            fault = { type: 'link', between: [link[0], link[1]], down: down ?? null, set };
            break;
          }
          case 'partition':
            f.partition.forEach((g, gi) => g.forEach((n, ni) => known(n, names.all, 'cluster, node or router', p('partition', gi, ni))));
            fault = { type: 'partition', groups: f.partition.map((g) => [...g]), heal: f.heal ?? false };
            break;
          case 'cluster':
            fault = { type: 'cluster', cluster: known(f.cluster, names.clusters, 'cluster', p('cluster')), down: f.down };
            break;
          case 'bgp':
            known(f.bgp.router, names.routers, 'router', p('bgp', 'router'));
            if (f.bgp.peer !== undefined) known(f.bgp.peer, [...names.nodes, ...names.routers], 'node or router', p('bgp', 'peer'));
            fault = { type: 'bgp', router: f.bgp.router, peer: f.bgp.peer ?? null };
            break;
          case 'deployment':
            if (f.image === undefined && Object.keys(f.env ?? {}).length === 0) raise(p('env'), 'say what changes in the pod template: env: {NAME: value} or image: IMAGE');
            if (f.container !== undefined && f.image === undefined) raise(p('container'), 'container applies to image (kubectl set image deployment/NAME CONTAINER=IMAGE)');
            fault = {
              type: 'deployment',
              deployment: f.deployment,
              namespace: f.namespace ?? DEFAULT_NAMESPACE,
              cluster: cluster(f.cluster, p('cluster')),
              env: Object.entries(f.env ?? {}),
              image: f.image ?? null,
              container: f.container ?? null,
            };
            break;
        }
        out.push({ kind: 'fault', ...base, fault });
        return;
      }
      case 'scale': {
        const s = step.body;
        out.push({ kind: 'scale', ...base, deployment: s.deployment, namespace: s.namespace ?? DEFAULT_NAMESPACE, cluster: cluster(s.cluster, [...path, 'cluster']), replicas: s.replicas });
        return;
      }
      case 'print': {
        const pr = step.body;
        const router = (r: string | undefined, p: DocPath): string => {
          if (r !== undefined) return known(r, names.routers, 'router', p);
          if (names.routers.length === 0) raise(p, 'the topology has no router to print from');
          return names.routers[0];
        };
        let print: ResolvedPrint;
        switch (pr.kind) {
          case 'podRequestCounts': {
            const o = pr.podRequestCounts ?? {};
            print = { what: 'podRequestCounts', selector: o.selector ? { ...o.selector } : null, namespace: o.namespace ?? DEFAULT_NAMESPACE, cluster: cluster(o.cluster, [...path, 'podRequestCounts', 'cluster']) };
            break;
          }
          case 'gatewayAddress': {
            const o = pr.gatewayAddress!;
            print = { what: 'gatewayAddress', gateway: o.gateway, namespace: o.namespace ?? DEFAULT_NAMESPACE, cluster: cluster(o.cluster, [...path, 'gatewayAddress', 'cluster']) };
            break;
          }
          case 'routes':
            print = { what: 'routes', router: router(pr.routes?.router, [...path, 'routes', 'router']) };
            break;
          case 'bgp':
            print = { what: 'bgp', router: router(pr.bgp?.router, [...path, 'bgp', 'router']) };
            break;
          case 'status': {
            const o = pr.status!;
            print = { what: 'status', kind: o.kind, name: o.name ?? null, namespace: o.namespace ?? DEFAULT_NAMESPACE, cluster: cluster(o.cluster, [...path, 'status', 'cluster']) };
            break;
          }
        }
        out.push({ kind: 'print', ...base, print });
        return;
      }
    }
  });
  return out;
}

type ClientDoc = { url: string; host?: string; header?: Record<string, string>; headers?: Record<string, string>; method?: string; background?: boolean; from?: string };

function clientBase(b: ClientDoc, path: DocPath, topology: ResolvedTopology, names: Names, raise: Raise): Omit<ClientBase, 'index' | 'name' | 'line'> {
  const t = parseTarget(b.url);
  if (!t.ok) raise([...path, 'url'], t.problem, t.allowed);
  let from: string;
  if (b.from !== undefined) {
    if (!names.routers.includes(b.from)) raise([...path, 'from'], `no router is named ${JSON.stringify(b.from)}; clients run on routers`, names.routers.join(', ') || '(the topology has no router)');
    from = b.from;
  } else {
    if (topology.routers.length === 0) raise(path, 'client steps need a router to run on, and spec.topology.routers is empty', 'add a router to spec.topology.routers');
    from = topology.routers[0].name;
  }
  const map = b.header ?? b.headers ?? {};
  const field = b.header !== undefined ? 'header' : 'headers';
  let host: string | null = b.host ?? null;
  const headers: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(map)) {
    if (k.toLowerCase() === 'host') {
      if (b.host !== undefined) raise([...path, field, k], 'the Host header is given twice (host and a Host header)');
      host = v;
    } else headers.push([k, v]);
  }
  return { background: b.background ?? false, from, target: t.target, method: b.method ?? 'GET', host, headers };
}

function checkRegex(source: string, path: DocPath, raise: Raise): void {
  try {
    new RegExp(source);
  } catch (e) {
    raise(path, `not a regular expression: ${(e as Error).message}`, 'a JavaScript regular expression, as grep -o would take it');
  }
}
