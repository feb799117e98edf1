// `gwsim status -f FILE... [--json]`: the status the controllers would write on every GatewayClass, Gateway (listeners,
// attachedRoutes) and route (per parent: Accepted, ResolvedRefs), shown like `kubectl get -o yaml`, so a user sees why a
// route did not attach.
import type { Argv } from 'yargs';
import { stringify } from 'yaml';
import type { GwsimCommand } from '../command.js';
import { EXIT_OK } from '../exit-codes.js';
import type { Io } from '../io.js';
import { asArray, controlPlane, loadManifestFiles } from './route.js';

const GROUP = 'gateway.networking.k8s.io';

export const statusCommand: GwsimCommand = {
  command: 'status',
  describe:
    'conditions of every GatewayClass, Gateway (listeners, attachedRoutes) and route, as the controllers would write them',
  builder: (y: Argv) =>
    y
      .option('f', {
        alias: 'file',
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'manifest file or directory (repeatable)',
      })
      .option('json', { type: 'boolean', default: false }),
  run: (args: Record<string, unknown>, io: Io) => {
    const objects = loadManifestFiles(asArray(args.f));
    const { translation } = controlPlane(objects);
    const s = translation.status;
    if (args.json) {
      io.out(JSON.stringify(s, null, 2) + '\n');
      return EXIT_OK;
    }
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
    io.out(docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
    return EXIT_OK;
  },
};
