// `gwsim export envoy <name|file> [--at STEP] [--gateway NS/NAME] [-o yaml|json] [--cert-dir DIR]`: the Envoy v3
// bootstrap (static listeners, routes and clusters) gwsim derives for one Gateway as the scenario leaves it after a
// step, the answer to "what does my Gateway API produce" (as Envoy Gateway's `egctl x translate` gives on a cluster).
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import { DEFAULT_CERT_DIR, envoyBootstrap } from '../../models/envoy/export/bootstrap.js';
import { gatewaysAfterStep, type GatewaySnapshot } from '../../scenarios/run/gateway-snapshots.js';
import type { ResolvedStep } from '../../scenarios/schema/resolved.js';
import { InputError } from '../../sim/input-error.js';
import type { GwsimCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import { loadScenarioArg } from '../scenario-source.js';

/** `--at`: a step index or a step name; null = after the last step. */
export function parseAt(text: string | undefined, steps: readonly ResolvedStep[]): number | null {
  if (text === undefined) return null;
  const step = /^\d+$/.test(text) ? steps.find((s) => s.index === Number(text)) : steps.find((s) => s.name === text);
  if (step === undefined)
    throw new InputError(
      `the scenario has no step ${JSON.stringify(text)}`,
      { file: '--at' },
      steps.map((s) => (s.name !== null ? `${s.index} (${s.name})` : String(s.index))).join(', '),
    );
  return step.index;
}

const label = (s: GatewaySnapshot) => `${s.config.namespace}/${s.config.name}`;

/** `--gateway NS/NAME` (or NAME in default, or CLUSTER/NS/NAME when two clusters have it); the only one when omitted. */
export function pickSnapshot(snaps: readonly GatewaySnapshot[], flag: string | undefined, at: string): GatewaySnapshot {
  const all = (xs: readonly GatewaySnapshot[]) =>
    xs.map((s) => (snaps.filter((o) => label(o) === label(s)).length > 1 ? `${s.cluster}/${label(s)}` : label(s)));
  if (snaps.length === 0)
    throw new InputError(`no Gateway is programmed ${at}, so there is no Envoy configuration to export`, {
      file: '--at',
    });
  if (flag === undefined) {
    if (snaps.length === 1) return snaps[0];
    throw new InputError(
      `${snaps.length} Gateways are programmed ${at}; name one`,
      { file: '--gateway' },
      all(snaps).join(', '),
    );
  }
  const parts = flag.split('/');
  if (parts.length > 3 || parts.some((p) => p.trim() === ''))
    throw new InputError(`${JSON.stringify(flag)} is not NAMESPACE/NAME`, { file: '--gateway' }, all(snaps).join(', '));
  const [cluster, ns, name] =
    parts.length === 3 ? parts : parts.length === 2 ? [undefined, ...parts] : [undefined, 'default', parts[0]];
  const hits = snaps.filter(
    (s) => s.config.namespace === ns && s.config.name === name && (cluster === undefined || s.cluster === cluster),
  );
  if (hits.length === 1) return hits[0];
  if (hits.length === 0)
    throw new InputError(`no programmed Gateway ${flag} ${at}`, { file: '--gateway' }, all(snaps).join(', '));
  throw new InputError(
    `Gateway ${flag} is in ${hits.length} clusters; prefix the cluster`,
    { file: '--gateway' },
    all(hits).join(', '),
  );
}

export const exportCommand: GwsimCommand = {
  command: 'export <format> <scenario>',
  describe: 'the Envoy bootstrap (listeners, routes, clusters) gwsim derives for a Gateway at a step of a scenario',
  builder: (y: Argv) =>
    y
      .positional('format', { type: 'string', describe: 'what to export: envoy' })
      .positional('scenario', { type: 'string', describe: 'catalog name (see gwsim list) or scenario file' })
      .option('at', { type: 'string', describe: 'the state after this step (index or name); default: the last step' })
      .option('gateway', { type: 'string', describe: 'NAMESPACE/NAME of the Gateway (needed when several)' })
      .option('o', { alias: 'output', type: 'string', default: 'yaml', describe: 'yaml or json' })
      .option('cert-dir', {
        type: 'string',
        default: DEFAULT_CERT_DIR,
        describe: 'where the config expects each TLS Secret: DIR/<namespace>/<secret>/tls.crt and tls.key',
      }),
  run: (args: Record<string, unknown>, io) => {
    if (args.format !== 'envoy')
      throw new InputError(`cannot export ${JSON.stringify(args.format)}`, { file: 'gwsim export' }, 'envoy');
    const output = String(args.o);
    if (output !== 'yaml' && output !== 'json')
      throw new InputError(`${JSON.stringify(output)} is not an output format`, { file: '-o' }, 'yaml, json');
    const loaded = loadScenarioArg(String(args.scenario));
    const steps = loaded.scenario.steps;
    const at = parseAt(args.at === undefined ? undefined : String(args.at), steps);
    const stepIndex = at ?? steps.length - 1;
    const where = `after step ${stepIndex}${steps[stepIndex]?.name ? ` (${steps[stepIndex].name})` : ''}`;
    const snap = pickSnapshot(
      gatewaysAfterStep(loaded.scenario, at),
      args.gateway === undefined ? undefined : String(args.gateway),
      where,
    );
    const bootstrap = envoyBootstrap(snap.config, { certDir: String(args['cert-dir']) });
    if (output === 'json') io.out(JSON.stringify(bootstrap, null, 2) + '\n');
    else
      io.out(
        `# gwsim export envoy: ${loaded.scenario.name} ${where}, Gateway ${label(snap)} (cluster ${snap.cluster})\n` +
          stringify(bootstrap, { lineWidth: 0 }),
      );
    return EXIT_OK;
  },
};
