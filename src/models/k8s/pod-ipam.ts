// Pod IP allocation per node, as the two CNIs do it. Owns address arithmetic and per-node blocks; not LB IPs (src/models/ipam).
//  - Calico IPAM (libcalico-go lib/ipam/ipam.go): a node claims a /26 block (blockSize 26) of the default pool 192.168.0.0/16
//    (the operator's default-ipv4-ippool); a new claim starts at a random block of the pool (randomBlockGenerator) and takes
//    the next free one; inside a block addresses go out by ordinal from 0, and a released ordinal joins the end of the
//    block's free list, so a new pod gets the next never-used address before any predecessor's (ipam_block.go). A full
//    block makes the node claim another.
//  - Cilium cluster-pool IPAM (operator/pkg/ipam/allocator/clusterpool; docs concepts/networking/ipam/cluster-pool):
//    clusterPoolIPv4PodCIDRList 10.0.0.0/8, clusterPoolIPv4MaskSize 24: nodes get consecutive /24s in registration order
//    (here: the order of the caller's node list). The agent takes addresses at random from the node's /24 (the k8s
//    ipallocator's random scan), skipping network and broadcast; the first goes to cilium_host (the router IP).
import type { Rng } from '../../sim/rng.js';

export type PodNetwork = 'calico' | 'cilium';

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}
export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export interface PodIpam {
  /** An address for a pod on `node`, or undefined when the pool is exhausted. */
  allocate(node: string): string | undefined;
  release(ip: string): void;
  /** The node's CIDR blocks, for routing (e.g. Calico advertises them over BGP). */
  blocksOf(node: string): string[];
}

export const CALICO_DEFAULT_POOL = '192.168.0.0/16';
export const CALICO_BLOCK_SIZE = 26;
export const CILIUM_CLUSTER_POOL = '10.0.0.0/8';
export const CILIUM_MASK_SIZE = 24;

export class CalicoIpam implements PodIpam {
  private readonly base = ipToInt(CALICO_DEFAULT_POOL.split('/')[0]);
  private readonly blockLen = 2 ** (32 - CALICO_BLOCK_SIZE);
  private readonly blockCount = 2 ** (CALICO_BLOCK_SIZE - 16);
  private readonly owner = new Map<number, string>(); // block index -> node
  private readonly blocks = new Map<string, number[]>(); // node -> block indexes in claim order
  /** Per claimed block, its free ordinals in hand-out order (the block's `Unallocated` list). */
  private readonly free = new Map<number, number[]>();

  constructor(private readonly rng: Rng) {}

  allocate(node: string): string | undefined {
    for (const b of this.blocks.get(node) ?? []) {
      const ip = this.take(b);
      if (ip !== undefined) return ip;
    }
    const start = this.rng.below(this.blockCount);
    for (let k = 0; k < this.blockCount; k++) {
      const b = (start + k) % this.blockCount;
      if (this.owner.has(b)) continue;
      this.owner.set(b, node);
      this.blocks.set(node, [...(this.blocks.get(node) ?? []), b]);
      this.free.set(
        b,
        Array.from({ length: this.blockLen }, (_, i) => i),
      );
      return this.take(b);
    }
    return undefined;
  }

  /** The head of the block's free list (libcalico-go ipam_block.go autoAssign walks `Unallocated` from the front). */
  private take(block: number): string | undefined {
    const ord = this.free.get(block)?.shift();
    return ord === undefined ? undefined : intToIp(this.base + block * this.blockLen + ord);
  }

  /** The ordinal goes to the end of its block's free list (ipam_block.go release: `append(b.Unallocated, ordinal)`). */
  release(ip: string): void {
    const off = ipToInt(ip) - this.base;
    this.free.get(Math.floor(off / this.blockLen))?.push(off % this.blockLen);
  }

  blocksOf(node: string): string[] {
    return (this.blocks.get(node) ?? []).map((b) => `${intToIp(this.base + b * this.blockLen)}/${CALICO_BLOCK_SIZE}`);
  }
}

export class CiliumClusterPoolIpam implements PodIpam {
  private readonly base = ipToInt(CILIUM_CLUSTER_POOL.split('/')[0]);
  private readonly nodeIndex = new Map<string, number>();
  private readonly used = new Set<number>();

  constructor(
    nodes: readonly string[],
    private readonly rng: Rng,
  ) {
    nodes.forEach((n, i) => this.nodeIndex.set(n, i));
    for (const n of nodes) this.allocate(n); // cilium_host router IP
  }

  allocate(node: string): string | undefined {
    let i = this.nodeIndex.get(node);
    if (i === undefined) {
      i = this.nodeIndex.size;
      this.nodeIndex.set(node, i);
    }
    const first = this.base + i * 256;
    const start = 1 + this.rng.below(254);
    for (let k = 0; k < 254; k++) {
      const a = first + 1 + ((start - 1 + k) % 254);
      if (!this.used.has(a)) {
        this.used.add(a);
        return intToIp(a);
      }
    }
    return undefined;
  }

  release(ip: string): void {
    this.used.delete(ipToInt(ip));
  }

  blocksOf(node: string): string[] {
    const i = this.nodeIndex.get(node);
    return i === undefined ? [] : [`${intToIp(this.base + i * 256)}/${CILIUM_MASK_SIZE}`];
  }
}
