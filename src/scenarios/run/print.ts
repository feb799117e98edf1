// `print` steps: what the workshop's commands would show at this moment (per-pod request counts from the pod logs,
// the gateway's address, the bastion's routes and BGP sessions).
import type { ResolvedPrint } from '../schema/resolved.js';
import type { World } from '../wiring/world.js';
import { kubectlGet, storeObjects } from './kubectl-get.js';

export function printStep(world: World, p: ResolvedPrint): string[] {
  switch (p.what) {
    case 'podRequestCounts': {
      // `kubectl get pods -l SEL ... | while read pod; do echo "$pod: received $(( $(kubectl logs $pod | wc -l) - 2 )) requests"`:
      // pods sorted by name (kubectl's order), counts since each pod started.
      const c = world.clusters.get(p.cluster);
      if (c === undefined) return [];
      const pods = [...c.pods.values()]
        .filter(
          (rt) =>
            rt.alive &&
            rt.pod.namespace === p.namespace &&
            (p.selector === null || Object.entries(p.selector).every(([k, v]) => rt.pod.labels[k] === v)),
        )
        .sort((a, b) => (a.pod.name < b.pod.name ? -1 : a.pod.name > b.pod.name ? 1 : 0));
      return pods.map((rt) => `${rt.pod.name}: received ${rt.server.served} requests`);
    }
    case 'gatewayAddress': {
      const gw = world.gateway(p.namespace, p.gateway, p.cluster);
      // `kubectl get gateway/NAME -o jsonpath='{.status.addresses[0].value}'` prints nothing when no address is assigned.
      return [gw?.address ?? ''];
    }
    case 'routes':
    case 'bgp':
      return world.printRouter(p.what, p.router);
    case 'status': {
      // `kubectl get KIND [NAME]` in one namespace: the status the controllers wrote at their last sync.
      const c = world.clusters.get(p.cluster);
      const status = c?.translation?.status;
      if (c === undefined || status === undefined) return [`No resources found in ${p.namespace} namespace.`];
      return kubectlGet(status, storeObjects(c.store, world.engine.now), {
        kinds: [p.kind],
        namespace: p.namespace,
        ...(p.name === null ? {} : { name: p.name }),
      });
    }
  }
}
