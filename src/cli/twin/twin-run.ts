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
import { gatewaysAfterEachStep, type GatewaySnapshot } from '../../scenarios/run/gateway-snapshots.js';
import { runScenario } from '../../scenarios/run/run-scenario.js';
import type { StepResult } from '../../scenarios/run/run-result.js';
import type { ClientStep, ResolvedScenario } from '../../scenarios/schema/resolved.js';
import { echoKind, startEcho, type EchoKind, type EchoServer } from './echo-servers.js';
import { realCurl, realHey, type RealStep } from './lab-clients.js';
import { startEnvoy, type LabEnvoy } from './lab-envoy.js';
import { freePort, LabProcesses, sleep } from './lab-processes.js';
import { linesVerdict } from './verdict-lines.js';
import { podVerdict, statusVerdict, type Verdict } from './verdict.js';

export interface TwinCheck {
  what: 'statuses' | 'pods' | 'output';
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

/** Requests each pod's echo server logs in this much time after the client is done (the log is a pipe). */
const SETTLE_MS = 150;

function simPods(s: StepResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of s.byBackend) out[b.pod] = (out[b.pod] ?? 0) + b.count;
  return out;
}

/** Why a client step is not comparable in loopback mode, or null. */
function notComparable(scenario: ResolvedScenario, step: ClientStep, snap: GatewaySnapshot[]): string | null {
  if (step.kind === 'load') return 'open-loop load is not driven in loopback mode yet';
  if (step.background) return 'a background step overlaps others; loopback mode replays steps one at a time';
  if (step.target.scheme === 'https' || (step.kind === 'curl' && step.resolve !== null))
    return 'TLS (https, --resolve) is not in loopback mode yet';
  const ref = step.target.hostRef;
  if (ref === null || ref.kind !== 'gateway') return 'the target is not a Gateway';
  const hits = snap.filter((s) => s.config.namespace === ref.namespace && s.config.name === ref.name);
  if (hits.length === 0) return `Gateway ${ref.namespace}/${ref.name} is not programmed when the step starts`;
  if (hits.length > 1 || scenario.topology.clusters.length > 1)
    return 'several clusters: the lab has one (see the network twin issue)';
  if (step.kind === 'curl' && step.cookieJar) return 'a cookie jar is not replayed yet';
  return null;
}

/** Per-pod picks that follow from the config alone: round robin under one worker, one locality per cluster. */
function deterministicPods(bootstrap: JsonObject, workers: number): boolean {
  if (workers !== 1) return false;
  const clusters = ((bootstrap.static_resources as JsonObject).clusters ?? []) as JsonObject[];
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
  readonly dir = mkdtempSync(join(tmpdir(), 'gwsim-twin-'));
  constructor(
    readonly kind: EchoKind,
    readonly opts: TwinOptions,
    readonly workers: number,
  ) {}

  async configure(g: GatewayConfig): Promise<NonNullable<Lab['envoy']>> {
    for (const p of podsOf(g)) {
      const key = `${p.ip}:${p.port}`;
      if (this.echoes.has(key)) continue;
      const n = this.echoes.size + 1;
      if (n > 250) throw new Error('the lab has room for 250 pods');
      this.echoes.set(key, await startEcho(this.procs, this.kind, p.pod, p.namespace, `127.77.0.${n}`));
    }
    const exported = envoyBootstrap(g, { certDir: join(this.dir, 'certs') });
    const key = JSON.stringify(exported);
    if (this.envoy?.key === key) return this.envoy;
    if (this.envoy !== null) await this.procs.stop(this.envoy.envoy.process);
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
    const envoy = await startEnvoy(this.procs, {
      envoy: this.opts.envoy,
      dir: this.dir,
      name: `${g.namespace}-${g.name}`,
      bootstrap,
      adminPort,
      workers: this.workers,
    });
    this.envoy = { key, envoy, ports, bootstrap };
    return this.envoy;
  }

  counts(): Map<string, number> {
    return new Map([...this.echoes.values()].map((e) => [e.pod, e.requests()]));
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
): Promise<{ real: RealStep; pods: Record<string, number>; bootstrap: JsonObject } | string> {
  const envoy = await lab.configure(g);
  const port = g.implementation === 'cilium' ? step.target.port : egContainerPort(step.target.port);
  const labPort = envoy.ports.get(port);
  if (labPort === undefined) return `the Gateway has no listener on port ${step.target.port}`;
  const url = `http://127.0.0.1:${labPort}${step.target.path}`;
  const host = step.host ?? `127.0.0.1:${labPort}`;
  const before = lab.counts();
  const real =
    step.kind === 'curl'
      ? await realCurl(step, url, host)
      : step.kind === 'hey'
        ? await realHey(step, url, host)
        : null;
  if (real === null) return 'not a curl or hey step';
  await sleep(SETTLE_MS);
  const pods: Record<string, number> = {};
  for (const [pod, n] of lab.counts()) if (n - (before.get(pod) ?? 0) > 0) pods[pod] = n - (before.get(pod) ?? 0);
  return { real, pods, bootstrap: envoy.bootstrap };
}

export async function runTwin(scenario: ResolvedScenario, opts: TwinOptions): Promise<TwinResult> {
  const sim = runScenario(scenario, { series: false });
  const snaps = gatewaysAfterEachStep(scenario);
  const kind = echoKind();
  const lab = new Lab(kind, opts, scenario.gateway.workers);
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
        sim: { statusCounts: s.statusCounts, pods: simPods(s) },
        real: null,
        checks: [],
      };
      steps.push(row);
      const snap = step.index > 0 ? snaps[step.index - 1] : [];
      row.na = notComparable(scenario, step, snap);
      if (row.na !== null) continue;
      const ref = step.target.hostRef!;
      const g = snap.find((x) => x.config.namespace === ref.namespace && x.config.name === ref.name)!.config;
      const r = await realStep(lab, step, g);
      if (typeof r === 'string') {
        row.na = r;
        continue;
      }
      row.real = { statusCounts: r.real.statusCounts, pods: r.pods };
      row.checks.push({ what: 'statuses', verdict: statusVerdict(s.statusCounts, r.real.statusCounts) });
      if (Object.keys(row.sim.pods).length + Object.keys(r.pods).length > 0)
        row.checks.push({
          what: 'pods',
          verdict: podVerdict(row.sim.pods, r.pods, deterministicPods(r.bootstrap, scenario.gateway.workers)),
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
