// `gwsim route -f FILE... [--gateway NS/NAME] [--port N] [--request "METHOD URL"] [-H "Name: value"]... [--sni NAME] [--json]`:
// which gateway, listener, route, rule and match handle a request, the candidate backends with their weights (or the status),
// and why. Also exports the manifest-file loading that `gwsim status` shares.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { explainMatch } from '../../models/gatewayapi/explain.js';
import type { GatewayConfig, MatchResult } from '../../models/gatewayapi/gateway-config.js';
import { matchRequest, type GatewayRequest } from '../../models/gatewayapi/match-request.js';
import { translate, type Translation } from '../../models/gatewayapi/translate.js';
import { objectKey, type K8sObject } from '../../models/k8s/k8s-object.js';
import { loadManifests } from '../../models/k8s/load-manifests.js';
import { ObjectStore } from '../../models/k8s/object-store.js';
import { RngRoot } from '../../sim/rng.js';
import { InputError } from '../../sim/input-error.js';
import type { GwsimCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { readTextFile, type Io } from '../io.js';
import { upstreamRequest } from '../../models/gatewayapi/filters.js';
import { echoHeaders } from '../../models/backend/echo-answer.js';

/** Reads `-f` arguments: files, or directories whose *.yaml / *.yml files load in name order. Duplicates within one file are an error. */
export function loadManifestFiles(paths: readonly string[]): K8sObject[] {
  if (paths.length === 0 || paths.some((p) => p.trim() === ''))
    throw new InputError(
      'needs a file or directory',
      { file: '-f' },
      'a manifest file or a directory of *.yaml files (repeatable)',
    );
  const files: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      isDir = false; // readTextFile reports the missing file
    }
    if (isDir) {
      const yamls = readdirSync(p)
        .filter((n) => /\.ya?ml$/.test(n))
        .sort();
      if (yamls.length === 0) throw new InputError('directory holds no *.yaml files', { file: p });
      files.push(...yamls.map((n) => join(p, n)));
    } else files.push(p);
  }
  const out: K8sObject[] = [];
  for (const f of files) {
    const objs = loadManifests(readTextFile(f), f);
    const seen = new Map<string, K8sObject>();
    for (const o of objs) {
      const key = objectKey(o);
      const first = seen.get(key);
      if (first !== undefined) {
        throw new InputError(
          `${key} is defined twice in this file (first at line ${first.source?.line}); the second would silently replace the first`,
          { file: f, line: o.source?.line, document: o.source?.document, object: key },
          'one document per object in a file; later files may update objects of earlier ones',
        );
      }
      seen.set(key, o);
    }
    out.push(...objs);
  }
  if (out.length === 0) throw new InputError('no Kubernetes objects found', { file: paths.join(', ') });
  return out;
}

/** Nodes the CLI assumes: a kubeadm-style cluster (control plane tainted NoSchedule) with two workers, as in the workshops. */
const CLI_NODES = [
  { name: 'control1', ready: true, unschedulable: true },
  { name: 'worker1', ready: true },
  { name: 'worker2', ready: true },
];

/** Applies the objects in order at simulated time 0 and runs the controllers. */
export function controlPlane(objects: readonly K8sObject[]): { store: ObjectStore; translation: Translation } {
  const usesCilium =
    objects.some((o) => o.kind === 'Gateway' && o.spec.gatewayClassName === 'cilium') ||
    objects.some((o) => o.kind.startsWith('Cilium'));
  const store = new ObjectStore({
    nodes: CLI_NODES,
    podNetwork: usesCilium ? 'cilium' : 'calico',
    rng: new RngRoot(1).fork('k8s'),
  });
  for (const o of objects) store.apply(o, 0);
  // A Calico federated Service (selector-less, federation.tigera.io/serviceSelector) gets its endpoints from the remote cluster,
  // which the manifests do not describe: stand in one ready remote endpoint (TEST-NET-2 address) so routing can be shown.
  for (const svc of store.list('Service')) {
    if (
      svc.spec.selector === undefined &&
      svc.metadata.annotations['federation.tigera.io/serviceSelector'] !== undefined
    ) {
      store.setExternalEndpoints(svc.metadata.namespace ?? 'default', svc.metadata.name, [
        { ip: '198.51.100.10', zone: 'remote cluster (federated)' },
      ]);
    }
  }
  return { store, translation: translate({ objects: store.all(), endpointSlices: store.endpointSlices() }) };
}

export function asArray(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

interface ParsedRequest {
  req: GatewayRequest;
  scheme: 'http' | 'https' | null;
}

function parseRequest(args: Record<string, unknown>): ParsedRequest {
  const request = args.request as string | undefined;
  const sniFlag = args.sni as string | undefined;
  const portText = args.port === undefined ? undefined : String(args.port).trim();
  const portFlag = portText === undefined ? undefined : /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (portFlag !== undefined && !(portFlag >= 1 && portFlag <= 65535))
    throw new InputError(`${JSON.stringify(portText)} is not a port`, { file: '--port' }, '1-65535');
  const headers = new Map<string, string>();
  let hostHeader: string | undefined;
  for (const h of asArray(args.H)) {
    const m = /^([^:\s]+):\s*(.*)$/.exec(h);
    if (m === null) throw new InputError(`header "${h}" is not "Name: value"`, { file: '-H' });
    if (m[1].toLowerCase() === 'host') hostHeader = m[2].trim();
    else if (!headers.has(m[1].toLowerCase())) headers.set(m[1].toLowerCase(), m[2]);
  }
  if (request === undefined) {
    if (sniFlag === undefined)
      throw new InputError('give --request "METHOD URL" for HTTP(S), or --sni NAME for a TLS passthrough listener', {
        file: '--request',
      });
    return { req: { port: portFlag ?? 443, sni: sniFlag }, scheme: null };
  }
  const parts = request.trim().split(/\s+/);
  const [method, url] = parts.length === 1 ? ['GET', parts[0]] : parts;
  if (parts.length > 2 || !/^[A-Z]+$/.test(method))
    throw new InputError(
      `--request "${request}" is not "METHOD URL"`,
      { file: '--request' },
      'e.g. "GET http://www.example.com/path?q=1" or "GET /path"',
    );
  const abs = /^(https?):\/\/([^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(url);
  const rel = /^(\/[^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(url);
  if (abs === null && rel === null)
    throw new InputError(`URL "${url}" is neither http(s)://host[:port]/path?query nor /path?query`, {
      file: '--request',
    });
  if (abs !== null) {
    const scheme = abs[1] as 'http' | 'https';
    const authority = abs[2];
    const pm = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
    if (pm === null) throw new InputError(`URL host "${authority}" is not host[:port]`, { file: '--request' });
    const urlHost = pm[1].toLowerCase();
    const urlPort = pm[2] !== undefined ? Number(pm[2]) : undefined;
    if (urlPort !== undefined && !(urlPort >= 1 && urlPort <= 65535))
      throw new InputError(`URL port ${pm[2]} in "${url}" is not a port`, { file: '--request' }, '1-65535');
    const isIp = /^[\d.]+$/.test(urlHost) || urlHost.startsWith('[');
    // curl sends the URL's host as SNI unless it is an IP address; -H Host changes only the Host header.
    const sni = sniFlag ?? (scheme === 'https' && !isIp ? urlHost : undefined);
    return {
      req: {
        port: portFlag ?? urlPort ?? (scheme === 'https' ? 443 : 80),
        host: hostHeader ?? authority,
        sni,
        method,
        path: abs[3] || '/',
        query: abs[4] ?? '',
        headers,
      },
      scheme,
    };
  }
  return {
    req: { port: portFlag ?? 80, host: hostHeader, sni: sniFlag, method, path: rel![1], query: rel![2] ?? '', headers },
    scheme: null,
  };
}

function pickGateway(tr: Translation, args: Record<string, unknown>, parsed: ParsedRequest): GatewayConfig {
  const flag = args.gateway as string | undefined;
  const names = (gs: readonly { namespace: string; name: string }[]) =>
    gs.map((g) => `${g.namespace}/${g.name}`).join(', ') || 'none';
  if (flag !== undefined) {
    if (!/^([^/\s]+\/)?[^/\s]+$/.test(flag))
      throw new InputError(
        `${JSON.stringify(flag)} is not NAMESPACE/NAME or NAME`,
        { file: '--gateway' },
        names(tr.status.gateways),
      );
    const [ns, name] = flag.includes('/') ? flag.split('/', 2) : ['default', flag];
    const st = tr.status.gateways.find((g) => g.namespace === ns && g.name === name);
    if (st === undefined)
      throw new InputError(
        `Gateway ${ns}/${name} is not in the manifests`,
        { file: '--gateway' },
        names(tr.status.gateways),
      );
    const cfg = tr.gateways.find((g) => g.namespace === ns && g.name === name);
    if (cfg === undefined) {
      const why = st.conditions.map((c) => `${c.type}=${c.status} (${c.reason}: ${c.message})`).join('; ');
      throw new InputError(`Gateway ${ns}/${name} is not programmed, so it serves nothing: ${why}`, {
        file: '--gateway',
      });
    }
    return cfg;
  }
  const onPort = tr.gateways.filter((g) => g.ports.some((p) => p.port === parsed.req.port));
  if (onPort.length === 1) return onPort[0];
  if (onPort.length === 0)
    throw new InputError(
      `no programmed Gateway listens on port ${parsed.req.port}`,
      { file: '--port' },
      `programmed Gateways: ${names(tr.gateways)}`,
    );
  const routed = onPort.filter((g) => matchRequest(g, withHost(parsed.req, g)).type === 'route');
  if (routed.length === 1) return routed[0];
  throw new InputError(
    `${(routed.length > 1 ? routed : onPort).length} Gateways could take this request on port ${parsed.req.port}; name one with --gateway`,
    { file: '--gateway' },
    names(routed.length > 1 ? routed : onPort),
  );
}

function withHost(req: GatewayRequest, g: GatewayConfig): GatewayRequest {
  // A bare /path carries the gateway's address as Host, as curl http://$GATEWAY/path does.
  return req.host === undefined && req.path !== undefined ? { ...req, host: g.addresses[0] } : req;
}

export interface RouteAnswer {
  status: number | null;
  outcome?: 'forwarded' | 'rejected';
  gateway: { namespace: string; name: string };
  listener: string | null;
  route: { kind: string; namespace: string; name: string } | null;
  rule: number | null;
  match: number | null;
  backends: { kind: string; namespace: string; name: string; port: number | null; weight: number }[];
  /** What the backend receives after the rule's URLRewrite and RequestHeaderModifier (forwarded by a rule with filters). */
  upstream?: { path: string; host: string; headers: Record<string, string[]> };
  reason: string;
}

function answerOf(g: GatewayConfig, req: GatewayRequest, res: MatchResult, tls: boolean): RouteAnswer {
  const reason = explainMatch(g, req, res).join('. ');
  const gateway = { namespace: g.namespace, name: g.name };
  if (res.type === 'outcome') {
    return {
      status: tls ? null : res.status === 0 ? null : res.status,
      ...(tls ? { outcome: 'rejected' as const } : {}),
      gateway,
      listener: res.listener,
      route: null,
      rule: null,
      match: null,
      backends: [],
      reason,
    };
  }
  const a = res.action;
  const backends =
    a.type === 'forward'
      ? a.backends.map((b) => ({ kind: b.kind, namespace: b.namespace, name: b.name, port: b.port, weight: b.weight }))
      : [];
  const route = { kind: res.routeKind, namespace: res.namespace, name: res.name };
  if (tls)
    return {
      status: null,
      outcome: a.type === 'forward' ? 'forwarded' : 'rejected',
      gateway,
      listener: res.listener,
      route,
      rule: res.ruleIndex,
      match: res.matchIndex,
      backends,
      reason,
    };
  const answer: RouteAnswer = {
    status: res.status,
    gateway,
    listener: res.listener,
    route,
    rule: res.ruleIndex,
    match: res.matchIndex,
    backends,
    reason,
  };
  if (a.type === 'forward' && a.filters !== null) {
    const up = upstreamRequest(
      {
        path: req.path ?? '/',
        query: req.query ?? '',
        host: req.host ?? '',
        headers: [...(req.headers ?? new Map<string, string>()).entries()],
      },
      res.match,
      a.filters,
    );
    // Headers as the catalog's echo server would report them.
    answer.upstream = { path: up.path, host: up.host, headers: echoHeaders(up.headers) };
  }
  return answer;
}

function textOf(ans: RouteAnswer, lines: string[]): string {
  const out = [`gateway   ${ans.gateway.namespace}/${ans.gateway.name}`, `listener  ${ans.listener ?? '(none)'}`];
  out.push(
    `route     ${ans.route ? `${ans.route.kind} ${ans.route.namespace}/${ans.route.name} rule ${ans.rule} match ${ans.match}` : '(none)'}`,
  );
  out.push(ans.outcome !== undefined ? `outcome   ${ans.outcome}` : `status    ${ans.status ?? 'connection refused'}`);
  const total = ans.backends.reduce((s, b) => s + b.weight, 0);
  for (const b of ans.backends)
    out.push(
      `backend   ${b.kind} ${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''} weight ${b.weight} (${Math.round((b.weight / total) * 1000) / 10}%)`,
    );
  if (ans.upstream !== undefined)
    out.push(
      `upstream  ${ans.upstream.host} ${ans.upstream.path}${Object.entries(ans.upstream.headers)
        .map(([n, v]) => `; ${n}: ${v.join(', ')}`)
        .join('')}`,
    );
  out.push('why:');
  for (const l of lines) out.push(`  - ${l}`);
  return out.join('\n') + '\n';
}

export const routeCommand: GwsimCommand = {
  command: 'route',
  describe: 'which gateway, listener, route, rule and match handle a request, the backends and weights, and why',
  builder: (y: Argv) =>
    y
      .option('f', {
        alias: 'file',
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'manifest file or directory (repeatable)',
      })
      .option('gateway', {
        type: 'string',
        describe: 'NAMESPACE/NAME of the Gateway (needed when several could answer)',
      })
      .option('port', { type: 'string', describe: 'listener port (default 80 for http, 443 for https/TLS)' })
      .option('request', {
        type: 'string',
        describe: '"METHOD URL": http://host[:port]/path?query, https://..., or /path?query',
      })
      .option('H', {
        alias: 'header',
        type: 'string',
        array: true,
        describe: '"Name: value" request header (repeatable; Host overrides the URL host)',
      })
      .option('sni', { type: 'string', describe: 'TLS SNI (alone: a TLS passthrough connection)' })
      .option('json', { type: 'boolean', default: false }),
  run: (args: Record<string, unknown>, io: Io) => {
    const objects = loadManifestFiles(asArray(args.f));
    const parsed = parseRequest(args);
    const { translation } = controlPlane(objects);
    const g = pickGateway(translation, args, parsed);
    const req = withHost(parsed.req, g);
    const res = matchRequest(g, req);
    const port = g.ports.find((p) => p.port === req.port);
    const tls =
      req.path === undefined ||
      (port !== undefined && res.type === 'route' && res.routeKind === 'TLSRoute') ||
      (port?.listeners.every((l) => l.protocol === 'TLS') ?? false);
    const ans = answerOf(g, req, res, tls);
    if (args.json) io.out(JSON.stringify(ans, null, 2) + '\n');
    else io.out(textOf(ans, explainMatch(g, req, res)));
    return EXIT_OK;
  },
};
