// The resolved topology: clusters, nodes (address, labels, interfaces, Ready) and routers such as the bastion.
// Owns names, addresses and host indices; reachability and delays live in network.ts, Kubernetes state changes in
// k8s/controllers/.
import { InputError } from '../../sim/input-error.js';
import { parseIpv4 } from './address.js';

export type Platform = 'calico' | 'cilium';

export interface NodeConfig {
  readonly name: string;
  readonly cluster: string;
  /** Node InternalIP, dotted quad. */
  readonly address: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Network interfaces (for Cilium L2 policy `interfaces` regexes); default `['eth0']`. */
  readonly interfaces?: readonly string[];
}

export interface ClusterConfig {
  readonly name: string;
  readonly platform: Platform;
}

export interface RouterConfig {
  readonly name: string;
  readonly address: string;
}

export interface TopologyConfig {
  readonly clusters: readonly ClusterConfig[];
  readonly nodes: readonly NodeConfig[];
  readonly routers?: readonly RouterConfig[];
}

/** A host is a node or a router; `index` addresses the network's delay matrix. */
export interface Host {
  readonly index: number;
  readonly name: string;
  readonly kind: 'node' | 'router';
  /** Cluster name for nodes, '' for routers. */
  readonly cluster: string;
  readonly address: number;
  readonly addressText: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly interfaces: readonly string[];
}

export class Topology {
  readonly hosts: readonly Host[];
  readonly clusters: readonly ClusterConfig[];
  private readonly byName = new Map<string, Host>();
  private readonly clusterByName = new Map<string, ClusterConfig>();

  constructor(config: TopologyConfig) {
    const hosts: Host[] = [];
    for (const c of config.clusters) {
      if (this.clusterByName.has(c.name))
        throw new InputError(`duplicate cluster ${JSON.stringify(c.name)}`, { field: 'topology.clusters' });
      this.clusterByName.set(c.name, c);
    }
    this.clusters = config.clusters;
    const add = (h: Host): void => {
      if (this.byName.has(h.name))
        throw new InputError(
          `duplicate host name ${JSON.stringify(h.name)}`,
          { field: 'topology' },
          'unique node and router names',
        );
      this.byName.set(h.name, h);
      hosts.push(h);
    };
    config.nodes.forEach((n, i) => {
      if (!this.clusterByName.has(n.cluster))
        throw new InputError(
          `node ${n.name} names unknown cluster ${JSON.stringify(n.cluster)}`,
          { field: `topology.nodes[${i}].cluster` },
          [...this.clusterByName.keys()].join(', '),
        );
      add({
        index: hosts.length,
        name: n.name,
        kind: 'node',
        cluster: n.cluster,
        address: parseIpv4(n.address, `topology.nodes[${i}].address`),
        addressText: n.address,
        labels: n.labels ?? {},
        interfaces: n.interfaces ?? ['eth0'],
      });
    });
    (config.routers ?? []).forEach((r, i) => {
      add({
        index: hosts.length,
        name: r.name,
        kind: 'router',
        cluster: '',
        address: parseIpv4(r.address, `topology.routers[${i}].address`),
        addressText: r.address,
        labels: {},
        interfaces: ['eth0'],
      });
    });
    this.hosts = hosts;
  }

  host(name: string): Host {
    const h = this.byName.get(name);
    if (h === undefined)
      throw new InputError(`unknown node or router ${JSON.stringify(name)}`, {}, [...this.byName.keys()].join(', '));
    return h;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  isCluster(name: string): boolean {
    return this.clusterByName.has(name);
  }

  cluster(name: string): ClusterConfig {
    const c = this.clusterByName.get(name);
    if (c === undefined)
      throw new InputError(`unknown cluster ${JSON.stringify(name)}`, {}, [...this.clusterByName.keys()].join(', '));
    return c;
  }

  nodesOf(cluster: string): Host[] {
    return this.hosts.filter((h) => h.kind === 'node' && h.cluster === cluster);
  }

  nodes(): Host[] {
    return this.hosts.filter((h) => h.kind === 'node');
  }

  /** The host with this address, or undefined. O(hosts). */
  hostByAddress(addr: number): Host | undefined {
    return this.hosts.find((h) => h.address === addr);
  }
}
