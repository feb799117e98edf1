// `gwsim status [<scenario>] [--at STEP] [-f FILE...] [-o table|wide|yaml|json] [--json]`: the status the controllers
// would write on every GatewayClass, Gateway (listeners, attachedRoutes) and route (per parent: Accepted, ResolvedRefs),
// as `kubectl get` tables by default (-o wide: why a condition is not True) or as `kubectl get -o yaml|json`; for
// manifests (-f, applied at time 0) or for a scenario as a step leaves it (with the addresses its LB IPAM gave).
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import type { GwsimCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { Io } from '../io.js';
import { asArray, controlPlane, loadManifestFiles } from './route.js';
import type { ControllerStatus } from '../../models/gatewayapi/status.js';
import { InputError } from '../../sim/input-error.js';
import { kubectlGet, storeObjects } from '../../scenarios/run/kubectl-get.js';
import { statusAfterStep, type ClusterStatus } from '../../scenarios/run/status-snapshot.js';
import { loadScenarioArg } from '../scenario-source.js';
import { parseAt } from './export.js';

const OUTPUTS = ['table', 'wide', 'yaml', 'json'] as const;

const GROUP = 'gateway.networking.k8s.io';

export const statusCommand: GwsimCommand = {
  command: 'status [scenario]',
  describe:
    'conditions of every GatewayClass, Gateway (listeners, attachedRoutes) and route, as the controllers would write them',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', describe: 'catalog name (see gwsim list) or scenario file' })
      .option('f', {
        alias: 'file',
        type: 'string',
        array: true,
        describe: 'manifest file or directory (repeatable), applied at time 0, instead of a scenario',
      })
      .option('at', {
        type: 'string',
        describe: 'with a scenario: the state after this step (index or name); default: the last',
      })
      .option('o', { alias: 'output', type: 'string', describe: 'table (default, as kubectl get), wide, yaml or json' })
      .option('json', { type: 'boolean', default: false, describe: 'the same as -o json' }),
  run: (args: Record<string, unknown>, io: Io) => {
    const output = args.json ? 'json' : String(args.o ?? 'table');
    if (!(OUTPUTS as readonly string[]).includes(output))
      throw new InputError(`${JSON.stringify(output)} is not an output format`, { file: '-o' }, OUTPUTS.join(', '));
    const clusters = statusesOf(args);
    if (output === 'table' || output === 'wide') {
      const many = clusters.length > 1;
      const lines = clusters.flatMap((c, i) => [
        ...(i > 0 ? [''] : []),
        ...(many ? [`cluster ${c.cluster}:`] : []),
        ...kubectlGet(c.status, c.objects, { wide: output === 'wide' }),
      ]);
      io.out(lines.join('\n') + '\n');
      return EXIT_OK;
    }
    if (output === 'json') {
      // One cluster: its status as before; several: by cluster name.
      const body =
        clusters.length === 1 ? clusters[0].status : Object.fromEntries(clusters.map((c) => [c.cluster, c.status]));
      io.out(JSON.stringify(body, null, 2) + '\n');
      return EXIT_OK;
    }
    io.out(clusters.map((c) => yamlDocs(c.status)).join('---\n'));
    return EXIT_OK;
  },
};

/** The status of the manifests given with -f, or of each cluster of a scenario after a step. */
function statusesOf(args: Record<string, unknown>): ClusterStatus[] {
  const files = args.f === undefined ? [] : asArray(args.f);
  if ((args.scenario === undefined) === (files.length === 0))
    throw new InputError(
      'needs a scenario or -f FILE (one of them, not both)',
      { file: 'gwsim status' },
      'gwsim status round-robin --at 3, or gwsim status -f manifests/',
    );
  if (files.length > 0) {
    if (args.at !== undefined)
      throw new InputError('--at needs a scenario (manifests are applied at time 0)', { file: '--at' });
    const { store, translation } = controlPlane(loadManifestFiles(files));
    return [{ cluster: 'cli', status: translation.status, objects: storeObjects(store, 0) }];
  }
  const loaded = loadScenarioArg(String(args.scenario));
  const at = parseAt(args.at === undefined ? undefined : String(args.at), loaded.scenario.steps);
  const found = statusAfterStep(loaded.scenario, at);
  if (found.length === 0)
    throw new InputError('no cluster has any Gateway API object yet at that step', { file: '--at' });
  return found;
}

/** `kubectl get -o yaml` of every object the controllers wrote status on. */
function yamlDocs(s: ControllerStatus): string {
  const docs: unknown[] = [
    ...s.gatewayClasses.map((c) => ({
      apiVersion: `${GROUP}/v1`,
      kind: 'GatewayClass',
      metadata: { name: c.name, ...(c.builtIn ? { annotations: { 'gwsim.dev/built-in': 'true' } } : {}) },
      spec: { controllerName: c.controllerName },
      status: { conditions: c.conditions },
    })),
    ...s.gateways.map((g) => ({
      apiVersion: `${GROUP}/v1`,
      kind: 'Gateway',
      metadata: { name: g.name, namespace: g.namespace, generation: g.generation },
      spec: { gatewayClassName: g.gatewayClassName },
      status: { addresses: g.addresses, conditions: g.conditions, listeners: g.listeners },
    })),
    ...s.routes.map((r) => ({
      apiVersion: `${GROUP}/${r.kind === 'TLSRoute' ? 'v1alpha2' : 'v1'}`,
      kind: r.kind,
      metadata: { name: r.name, namespace: r.namespace, generation: r.generation },
      status: { parents: r.parents.length > 0 ? r.parents : [] },
    })),
    ...s.policies.map((p) => ({
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: p.kind,
      metadata: { name: p.name, namespace: p.namespace },
      status: { conditions: p.conditions },
    })),
  ];
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}
