// `gwsim twin` in loopback mode: the scenario simulated once, then each comparable client step replayed on real
// processes: one echo server per pod on its own loopback address (127.77.0.N), one Envoy per Gateway with gwsim's
// export relocated to those addresses, the step's curl or hey run for real; per step sim against real with verdicts.
// The simulation keeps its own pod IPs: only address-independent results are compared (docs/twin.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envoyBootstrap } from '../../models/envoy/export/bootstrap.js';
import type { Json, JsonObject } from '../../models/envoy/export/envoy-json.js';
import { listenerPorts, relocateBootstrap } from '../../models/envoy/export/lab-addresses.js';
import { egContainerPort } from '../../models/envoy/export/names.js';
import type { GatewayConfig } from '../../models/gatewayapi/gateway-config.js';
import { echoListenPort, type Pod } from '../../models/k8s/pod.js';
import type { GatewaySnapshot } from '../../scenarios/run/gateway-snapshots.js';
import { runScenario } from '../../scenarios/run/run-scenario.js';
import type { ClientStep, ResolvedScenario } from '../../scenarios/schema/resolved.js';
import { echoKind, startEcho, type EchoKind, type EchoServer } from './echo-servers.js';
import { realCurl, realHey, type RealStep } from './lab-clients.js';
import { startEnvoy, type LabEnvoy } from './lab-envoy.js';
import { freePort, LabProcesses, sleep } from './lab-processes.js';
import { writeSecrets } from './lab-secrets.js';
import { linesVerdict } from './verdict-lines.js';
import { parseRefs, type VarRef } from '../../scenarios/schema/var-refs.js';
import { podVerdict, statusVerdict, upstreamVerdict, type Verdict } from './verdict.js';

export interface TwinCheck {
  what: 'statuses' | 'upstream' | 'pods' | 'output';
  verdict: Verdict;
}

export interface TwinStep {
  index: number;
  name: string | null;
  kind: string;
  /** Why the lab cannot make this step real, or null. */
  na: string | null;
  sim: { statusCounts: Record<string, number>; pods: Record<string, number> };
  real: { statusCounts: Record<string, number>; pods: Record<string, number> } | null;
  checks: TwinCheck[];
}

export interface TwinResult {
  scenario: string;
  echo: EchoKind;
  steps: TwinStep[];
  ok: boolean;
}

export interface TwinOptions {
  envoy: string;
  /** Set by SIGINT: the run stops before its next step. */
  stopped?: () => boolean;
}

/** The port a pod's server listens on: echo-basic's $HTTP_PORT where set, else its first declared port. */
function listenPort(p: Pod): number {
  if (p.containers.some((c) => c.env.HTTP_PORT !== undefined)) return echoListenPort(p);
  return p.containers[0]?.ports[0]?.containerPort ?? echoListenPort(p);
}

/** Envoy starts again on new ports at most this often when a port it was given was taken before it bound it. */
const BIND_ATTEMPTS = 3;

/** A pause after the client is done, so a mirrored copy (sent beside the original) has reached its host. */
const SETTLE_MS = 150;

/** Upstream requests per pod between two counts (pods with none left out). */
function podDelta(
  before: Map<string, number> | undefined,
  after: Map<string, number> | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [pod, n] of after ?? []) if (n - (before?.get(pod) ?? 0) > 0) out[pod] = n - (before?.get(pod) ?? 0);
  return out;
}

/** The Gateway a client step sends to: its URL's host, or the address of its `curl --resolve`. */
function gatewayRef(step: ClientStep): VarRef | null {
  const ref =
    step.target.hostRef ??
    (step.kind === 'curl' && step.resolve !== null ? (parseRefsOk(step.resolve.address)[0] ?? null) : null);
  return ref !== null && ref.kind === 'gateway' ? ref : null;
}

function parseRefsOk(text: string): VarRef[] {
  const r = parseRefs(text);
  return r.ok ? r.refs : [];
}

/** Why a client step is not comparable in loopback mode, or null. */
function notComparable(scenario: ResolvedScenario, step: ClientStep, snap: GatewaySnapshot[]): string | null {
  // Faults change the world in ways the loopback lab does not replay yet (crashed pods still in EDS, nodes, links,
  // BGP): every step after the first one is left to the namespace mode.
  const fault = scenario.steps.find((s) => s.kind === 'fault' && s.index < step.index);
  if (fault?.kind === 'fault')
    return `after the ${fault.fault.type} fault of step ${fault.index}, which loopback mode does not replay`;
  if (step.kind === 'load') return 'open-loop load is not driven in loopback mode yet';
  if (step.background) return 'a background step overlaps others; loopback mode replays steps one at a time';
  const ref = gatewayRef(step);
  if (ref === null) return 'the target is not a Gateway';
  const hits = snap.filter((s) => s.config.namespace === ref.namespace && s.config.name === ref.name);
  if (hits.length === 0) return `Gateway ${ref.namespace}/${ref.name} is not programmed when the step starts`;
  if (hits.length > 1 || scenario.topology.clusters.length > 1)
    return 'several clusters: the lab has one (see the network twin issue)';
  if (step.kind === 'curl' && step.cookieJar) return 'a cookie jar is not replayed yet';
  if (step.target.scheme === 'https') {
    const port = hits[0].config.ports.find((p) => p.port === step.target.port);
    if (port?.listeners.some((l) => l.protocol === 'TLS'))
      return 'TLS passthrough reaches the pod encrypted: the lab has no TLS pods yet';
    if (step.kind !== 'curl') return 'hey over https is not replayed yet';
  }
  return null;
}

/**
 * Per-pod counts that follow from the config up to which host comes first: round robin under one worker and one
 * replica, one locality per cluster, no per-request weighted_clusters (Cilium's split is a random draw per request),
 * and the Envoy fresh for the step or the same as for every earlier one (the sim's LB state carries across steps).
 * Maglev and ring hash send each key to one host, but which host depends on the addresses, which the lab changes:
 * their counts compare as a multiset too.
 */
function deterministicPods(bootstrap: JsonObject, scenario: ResolvedScenario, sameEnvoy: boolean): boolean {
  const clusters = ((bootstrap.static_resources as JsonObject).clusters ?? []) as JsonObject[];
  const hashing = clusters.some((c) => c.lb_policy === 'MAGLEV' || c.lb_policy === 'RING_HASH');
  if (hashing) return clusters.every((c) => c.lb_policy === 'MAGLEV' || c.lb_policy === 'RING_HASH');
  if (scenario.gateway.workers !== 1 || scenario.gateway.replicas !== 1 || !sameEnvoy) return false;
  if (JSON.stringify(bootstrap).includes('"weighted_clusters"')) return false;
  return clusters.every((c) => {
    const policy = c.lb_policy ?? 'ROUND_ROBIN';
    const localities = ((c.load_assignment as JsonObject).endpoints ?? []) as Json[];
    return policy === 'ROUND_ROBIN' && localities.length <= 1;
  });
}

function podsOf(g: GatewayConfig): Array<{ ip: string; port: number; pod: string; namespace: string }> {
  const out = new Map<string, { ip: string; port: number; pod: string; namespace: string }>();
  for (const p of g.ports)
    for (const l of p.listeners)
      for (const vh of l.virtualHosts)
        for (const r of vh.routes) {
          if (r.action.type !== 'forward') continue;
          for (const b of [...r.action.backends, ...r.action.mirrors.map((m) => m.target)])
            for (const e of b.endpoints)
              if (e.ready)
                out.set(`${e.ip}:${e.port}`, {
                  ip: e.ip,
                  port: e.port,
                  pod: e.podName ?? e.ip,
                  namespace: b.namespace,
                });
        }
  return [...out.values()];
}

class Lab {
  readonly procs = new LabProcesses();
  readonly echoes = new Map<string, EchoServer>();
  envoy: { key: string; envoy: LabEnvoy; ports: Map<number, number>; bootstrap: JsonObject } | null = null;
  /** Envoys started so far: more than one means a later step's Envoy lost the LB state the sim's kept. */
  started = 0;
  readonly dir = mkdtempSync(join(tmpdir(), 'gwsim-twin-'));
  readonly certDir = join(this.dir, 'certs');
  constructor(
    readonly kind: EchoKind,
    readonly opts: TwinOptions,
    readonly workers: number,
  ) {}

  async configure(g: GatewayConfig, listens: Map<string, number>): Promise<NonNullable<Lab['envoy']>> {
    for (const p of podsOf(g)) {
      const key = `${p.ip}:${p.port}`;
      if (this.echoes.has(key)) continue;
      // 127.77.0.1 onwards; LabProcesses bounds the count well below 254.
      const echo = await startEcho(this.procs, this.kind, p.pod, p.namespace, `127.77.0.${this.echoes.size + 1}`);
      // A pod that listens elsewhere than its endpoint's port (HTTP_PORT changed) refuses the gateway's connections:
      // its endpoint goes to a port of its address where nothing listens.
      const listen = listens.get(p.ip);
      const port = listen === undefined || listen === p.port ? echo.port : await freePort(echo.address);
      this.echoes.set(key, { ...echo, port });
    }
    const exported = envoyBootstrap(g, { certDir: this.certDir });
    const key = JSON.stringify(exported);
    if (this.envoy?.key === key) return this.envoy;
    if (this.envoy !== null) await this.procs.stop(this.envoy.envoy.process);
    // freePort's ports are free when drawn, not when Envoy binds them: another process on the machine (a parallel
    // test's server) can take one in between, so a bind failure draws new ports and starts Envoy again (bounded).
    for (let attempt = 1; ; attempt++) {
      const ports = new Map<number, number>();
      for (const p of listenerPorts(exported)) ports.set(p, await freePort());
      const adminPort = await freePort();
      const bootstrap = relocateBootstrap(exported, {
        endpoint: (ip, port) => {
          const e = this.echoes.get(`${ip}:${port}`);
          return e === undefined ? undefined : { address: e.address, port: e.port };
        },
        listener: (p) => ports.get(p) ?? p,
        adminPort,
      });
      try {
        const envoy = await startEnvoy(this.procs, {
          envoy: this.opts.envoy,
          dir: this.dir,
          name: `${g.namespace}-${g.name}`,
          bootstrap,
          adminPort,
          workers: this.workers,
        });
        this.started++;
        this.envoy = { key, envoy, ports, bootstrap };
        return this.envoy;
      } catch (e) {
        if (attempt >= BIND_ATTEMPTS || !String((e as Error).message).includes('Address already in use')) throw e;
      }
    }
  }

  /**
   * Upstream requests per pod so far, from Envoy's admin /clusters (each host's rq_total, summed over the clusters it
   * is in): retries and mirrored copies count, as the sim counts them, and so do requests echo-basic does not log.
   */
  async counts(adminPort: number): Promise<Map<string, number>> {
    const text = await (await fetch(`http://127.0.0.1:${adminPort}/clusters`)).text();
    const byAddress = new Map<string, number>();
    for (const m of text.matchAll(/::(\d+\.\d+\.\d+\.\d+:\d+)::rq_total::(\d+)$/gm))
      byAddress.set(m[1], (byAddress.get(m[1]) ?? 0) + Number(m[2]));
    const out = new Map<string, number>();
    for (const e of this.echoes.values())
      out.set(e.pod, (out.get(e.pod) ?? 0) + (byAddress.get(`${e.address}:${e.port}`) ?? 0));
    return out;
  }

  async close(): Promise<void> {
    await this.procs.stopAll();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function realStep(
  lab: Lab,
  step: ClientStep,
  g: GatewayConfig,
  listens: Map<string, number>,
): Promise<{ real: RealStep; pods: Record<string, number>; bootstrap: JsonObject } | string> {
  const envoy = await lab.configure(g, listens);
  const port = g.implementation === 'cilium' ? step.target.port : egContainerPort(step.target.port);
  const labPort = envoy.ports.get(port);
  if (labPort === undefined) return `the Gateway has no listener on port ${step.target.port}`;
  // https: curl connects to the lab's listener with the URL's (or --resolve's) name for SNI and Host, and trusts the
  // scenario's self-signed certificates (-k).
  const tlsName = step.kind === 'curl' && step.resolve !== null ? step.resolve.host : step.target.host;
  const url =
    step.target.scheme === 'https'
      ? `https://${tlsName}:${labPort}${step.target.path}`
      : `http://127.0.0.1:${labPort}${step.target.path}`;
  const host = step.host ?? (step.target.scheme === 'https' ? tlsName : `127.0.0.1:${labPort}`);
  const tls = step.target.scheme === 'https' ? { name: tlsName, port: labPort } : null;
  const before = await lab.counts(envoy.envoy.adminPort);
  const real =
    step.kind === 'curl'
      ? await realCurl(step, url, host, tls)
      : step.kind === 'hey'
        ? await realHey(step, url, host)
        : null;
  if (real === null) return 'not a curl or hey step';
  await sleep(SETTLE_MS);
  const pods = podDelta(before, await lab.counts(envoy.envoy.adminPort));
  return { real, pods, bootstrap: envoy.bootstrap };
}

export async function runTwin(scenario: ResolvedScenario, opts: TwinOptions): Promise<TwinResult> {
  // One simulated run: its result, and after each step the configuration every Gateway holds and the port each pod
  // listens on (as the lab's echo servers must).
  const snaps: GatewaySnapshot[][] = [];
  const listens: Map<string, number>[] = [];
  const arrived: Map<string, number>[] = [];
  const sim = runScenario(scenario, {
    series: false,
    onStepEnd: (_i, world) => {
      const gws: GatewaySnapshot[] = [];
      const ports = new Map<string, number>();
      // Requests each pod has received so far (answered or still in service), as Envoy's per-host rq_total counts.
      const got = new Map<string, number>();
      for (const c of world.clusters.values()) {
        for (const gw of c.gateways.values()) if (gw.config !== null) gws.push({ cluster: c.name, config: gw.config });
        for (const rt of c.pods.values()) {
          if (rt.pod.ip !== undefined) ports.set(rt.pod.ip, listenPort(rt.pod));
          got.set(rt.pod.name, (got.get(rt.pod.name) ?? 0) + rt.server.served + rt.server.inFlight);
        }
      }
      snaps.push(gws);
      listens.push(ports);
      arrived.push(got);
    },
  });
  const kind = echoKind();
  const lab = new Lab(kind, opts, scenario.gateway.workers);
  writeSecrets(scenario, lab.certDir);
  const steps: TwinStep[] = [];
  try {
    for (const step of scenario.steps) {
      if (step.kind !== 'curl' && step.kind !== 'hey' && step.kind !== 'load') continue;
      if (opts.stopped?.()) break;
      const s = sim.steps[step.index];
      const row: TwinStep = {
        index: step.index,
        name: step.name,
        kind: step.kind,
        na: null,
        sim: { statusCounts: s.statusCounts, pods: podDelta(arrived[step.index - 1], arrived[step.index]) },
        real: null,
        checks: [],
      };
      steps.push(row);
      const snap = step.index > 0 ? snaps[step.index - 1] : [];
      row.na = notComparable(scenario, step, snap);
      if (row.na !== null) continue;
      const ref = gatewayRef(step)!;
      const g = snap.find((x) => x.config.namespace === ref.namespace && x.config.name === ref.name)!.config;
      const r = await realStep(lab, step, g, listens[step.index - 1]);
      if (typeof r === 'string' || opts.stopped?.()) {
        // Ctrl-C reaches the clients too (one process group with the terminal): a cut-short step compares nothing.
        row.na = typeof r === 'string' ? r : 'interrupted';
        continue;
      }
      row.real = { statusCounts: r.real.statusCounts, pods: r.pods };
      const statuses = statusVerdict(s.statusCounts, r.real.statusCounts);
      row.checks.push({ what: 'statuses', verdict: statuses });
      if (statuses.kind === 'exact')
        row.checks.push({ what: 'upstream', verdict: upstreamVerdict(row.sim.pods, r.pods) });
      if (Object.keys(row.sim.pods).length + Object.keys(r.pods).length > 0)
        row.checks.push({
          what: 'pods',
          verdict: podVerdict(row.sim.pods, r.pods, deterministicPods(r.bootstrap, scenario, lab.started === 1)),
        });
      if (step.kind === 'curl' && step.grep === null && !step.uniqCount) {
        const v = linesVerdict(step.output, s.lines, r.real.responses);
        if (v !== null) row.checks.push({ what: 'output', verdict: v });
      }
    }
  } finally {
    await lab.close();
  }
  return { scenario: scenario.name, echo: kind, steps, ok: steps.every((x) => x.checks.every((c) => c.verdict.ok)) };
}
