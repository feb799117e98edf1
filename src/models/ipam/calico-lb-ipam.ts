// Calico's LoadBalancer IP allocation (calico-kube-controllers LoadBalancer controller, v3.30+): IPPools with
// allowedUses [LoadBalancer], blocks with a virtual affinity to the pseudo-host `load-balancer`, ordinal free lists.
// One instance lives as long as the cluster: a Service keeps its address until it is deleted, whatever else comes and
// goes. Owns which Service gets which IP; it does not advertise them (bgp/calico-advertisement.ts).
import { InputError } from '../../sim/input-error.js';
import { formatIpv4, parseCidr, parseIpv4, prefixContainsAddr, prefixSize } from '../net/address.js';
import type { Prefix } from '../net/address.js';

export type IpPoolUse = 'Workload' | 'Tunnel' | 'LoadBalancer';

/** A resolved projectcalico.org/v3 IPPool (api/pkg/apis/projectcalico/v3/ippool.go). */
export interface IpPoolConfig {
  readonly name: string;
  readonly cidr: string;
  /** Block prefix length; default 26 for IPv4 (ippool.go). */
  readonly blockSize?: number;
  /** Empty or absent means [Workload, Tunnel] (ippool.go): such a pool never serves LB IPs. */
  readonly allowedUses?: readonly IpPoolUse[];
  /** Automatic (default) or Manual: a Manual pool serves only Services that name it or one of its IPs by annotation. */
  readonly assignmentMode?: 'Automatic' | 'Manual';
  readonly disabled?: boolean;
  /**
   * Index of the first block the `load-balancer` pseudo-host claims. Calico starts at a pseudo-random block (Go math/rand
   * seeded with FNV-32 of the host name, libcalico-go/lib/ipam/ipam_block_reader_writer.go `randomBlockGenerator`), which
   * gwsim does not reproduce; 0 (the pool's first block) unless a scenario sets it. Irrelevant when the pool is one block.
   */
  readonly firstBlockIndex?: number;
}

/** A LoadBalancer Service as the controller sees it. */
export interface CalicoLbServiceRequest {
  /** `namespace/name`, the IPAM handle. */
  readonly key: string;
  /** `projectcalico.org/ipv4pools` annotation: pool names or CIDRs to draw from. */
  readonly ipv4Pools?: readonly string[];
  /** `projectcalico.org/loadBalancerIPs` annotation: specific addresses. */
  readonly loadBalancerIPs?: readonly string[];
  /** spec.loadBalancerClass; v3.32 ignores Services whose class is set to anything but `calico`. */
  readonly loadBalancerClass?: string;
}

export interface CalicoLbIpamConfig {
  readonly pools: readonly IpPoolConfig[];
  /** KubeControllersConfiguration controllers.loadBalancer.assignIPs; default AllServices (kube-controllers loadbalancer controller). */
  readonly assignIPs?: 'AllServices' | 'RequestedServicesOnly';
  /** Calico minor version as [major, minor]; the controller exists from v3.30 (reference 1.5). Default [3, 30]. */
  readonly calicoVersion?: readonly [number, number];
}

export interface LbAllocation {
  /** The ingress IP, or null while the Service stays `<pending>`. */
  readonly ip: string | null;
  readonly pool?: string;
  readonly reason?: string;
}

/** Default IPv4 blockSize (api/pkg/apis/projectcalico/v3/ippool.go). */
export const CALICO_DEFAULT_BLOCK_SIZE = 26;

interface Block {
  readonly base: number;
  readonly size: number;
  /** Free ordinals in allocation order: a fresh block lists 0..N-1; frees are appended (libcalico-go ipam_block.go). */
  readonly free: number[];
}

interface Pool {
  cfg: IpPoolConfig;
  readonly prefix: Prefix;
  readonly blockSize: number;
  readonly blockCount: number;
  /** Blocks claimed by `load-balancer`, in claim order, keyed by block index. */
  readonly claimed: Map<number, Block>;
  nextBlock: number;
}

export class CalicoLbIpam {
  private pools: Pool[];
  private readonly byService = new Map<string, { ip: number; pool: Pool }>();
  private readonly assignIPs: 'AllServices' | 'RequestedServicesOnly';
  private readonly classFilter: boolean;

  constructor(config: CalicoLbIpamConfig) {
    const version = config.calicoVersion ?? [3, 30];
    if (version[0] < 3 || (version[0] === 3 && version[1] < 30))
      throw new InputError(
        `Calico v${version.join('.')} has no LoadBalancer IPAM controller`,
        { field: 'calicoVersion' },
        'v3.30 or later (kube-controllers loadbalancer controller)',
      );
    this.assignIPs = config.assignIPs ?? 'AllServices';
    this.classFilter = version[0] > 3 || version[1] >= 32;
    this.pools = config.pools.map((cfg, i) => buildPool(cfg, i));
  }

  /**
   * The IPPools changed (applied, edited, deleted). Allocations stay where they are: deleting a pool disables it,
   * releases its block affinities and deletes it, but addresses in use stay allocated (libcalico-go
   * lib/clientv3/ippool.go Delete), and the LoadBalancer controller releases a Service's address only when the Service
   * goes, stops being Calico's, or its annotations no longer allow it (kube-controllers
   * pkg/controllers/loadbalancer/loadbalancer_controller.go syncService). A disabled pool hands out no new address. A
   * pool of the same name and CIDR keeps its claimed blocks; a new pool starts with the addresses Services hold marked
   * used.
   */
  setPools(configs: readonly IpPoolConfig[]): void {
    this.pools = configs.map((cfg, i) => {
      const old = this.pools.find(
        (p) =>
          p.cfg.name === cfg.name &&
          p.cfg.cidr === cfg.cidr &&
          p.blockSize === (cfg.blockSize ?? CALICO_DEFAULT_BLOCK_SIZE),
      );
      if (old !== undefined) {
        old.cfg = cfg;
        return old;
      }
      const p = buildPool(cfg, i);
      for (const v of this.byService.values()) if (prefixContainsAddr(p.prefix, v.ip)) this.markUsed(p, v.ip);
      return p;
    });
  }

  /** The Services holding an address, in allocation order. */
  allocatedKeys(): IterableIterator<string> {
    return this.byService.keys();
  }

  /**
   * Assigns an IP to the Service, or confirms the one it holds (the controller's syncService, run on every change).
   * Rule (kube-controllers loadbalancer controller + libcalico-go AutoAssign): specific IPs from `loadBalancerIPs` if
   * free and inside an LB pool; otherwise the first eligible pool (annotation pools in their order, else every enabled
   * Automatic LB pool in the given order) with space: first a claimed block with a free ordinal, else claim the next
   * block; take the head of the block's free list. O(blocks + block size) per call.
   */
  allocate(req: CalicoLbServiceRequest): LbAllocation {
    const unmanaged =
      this.classFilter && req.loadBalancerClass !== undefined && req.loadBalancerClass !== 'calico'
        ? `loadBalancerClass ${req.loadBalancerClass} is not calico`
        : this.assignIPs === 'RequestedServicesOnly' && req.ipv4Pools === undefined && req.loadBalancerIPs === undefined
          ? 'assignIPs is RequestedServicesOnly and the Service has no Calico annotation'
          : null;
    const have = this.byService.get(req.key);
    if (have !== undefined) {
      // syncService: an address stays unless the Service is no longer Calico's or its annotations exclude it.
      if (unmanaged === null && this.stillAllowed(have.ip, req))
        return { ip: formatIpv4(have.ip), pool: have.pool.cfg.name };
      this.release(req.key);
    }
    if (unmanaged !== null) return { ip: null, reason: unmanaged };
    if (req.loadBalancerIPs !== undefined && req.loadBalancerIPs.length > 0) return this.allocateSpecific(req);
    const candidates =
      req.ipv4Pools !== undefined
        ? req.ipv4Pools.map((p) => this.poolByRef(p, req.key))
        : this.pools.filter((p) => isLbPool(p) && (p.cfg.assignmentMode ?? 'Automatic') === 'Automatic');
    for (const p of candidates) {
      if (!isLbPool(p)) continue;
      const ip = this.takeFromPool(p);
      if (ip !== null) {
        this.byService.set(req.key, { ip, pool: p });
        return { ip: formatIpv4(ip), pool: p.cfg.name };
      }
    }
    return {
      ip: null,
      reason:
        candidates.length === 0
          ? 'no IPPool with allowedUses LoadBalancer'
          : 'no free address in the LoadBalancer pools',
    };
  }

  /** Releases the Service's IP (Service deleted or no longer type LoadBalancer); the ordinal goes to the end of its block's free list. */
  release(key: string): void {
    const have = this.byService.get(key);
    if (have === undefined) return;
    this.byService.delete(key);
    // Into the pool that holds the address now (a re-created pool of the same CIDR marked it used), else its old one.
    const p = this.pools.find((q) => prefixContainsAddr(q.prefix, have.ip)) ?? have.pool;
    const bi = Math.floor((have.ip - p.prefix.addr) / 2 ** (32 - p.blockSize));
    const b = p.claimed.get(bi);
    if (b !== undefined) b.free.push(have.ip - b.base);
  }

  /** Allocates for each request in order; the same order always gives the same IPs. */
  allocateAll(reqs: readonly CalicoLbServiceRequest[]): Map<string, LbAllocation> {
    const out = new Map<string, LbAllocation>();
    for (const r of reqs) out.set(r.key, this.allocate(r));
    return out;
  }

  ipOf(key: string): string | null {
    const have = this.byService.get(key);
    return have === undefined ? null : formatIpv4(have.ip);
  }

  /**
   * Whether a held address survives the Service's current annotations (syncService): with loadBalancerIPs it must be
   * one of them; with ipv4pools inside one of those pools; with neither, not from a Manual pool. A pool that was
   * deleted or disabled meanwhile does not matter.
   */
  private stillAllowed(ip: number, req: CalicoLbServiceRequest): boolean {
    if (req.loadBalancerIPs !== undefined && req.loadBalancerIPs.length > 0)
      return req.loadBalancerIPs.some((a) => parseIpv4(a, `Service/${req.key} loadBalancerIPs`) === ip);
    if (req.ipv4Pools !== undefined)
      return req.ipv4Pools.some((r) => prefixContainsAddr(this.poolByRef(r, req.key).prefix, ip));
    const p = this.pools.find((q) => prefixContainsAddr(q.prefix, ip));
    return p === undefined || (p.cfg.assignmentMode ?? 'Automatic') !== 'Manual';
  }

  private markUsed(p: Pool, addr: number): void {
    const b = this.claimBlock(p, Math.floor((addr - p.prefix.addr) / 2 ** (32 - p.blockSize)));
    const at = b.free.indexOf(addr - b.base);
    if (at >= 0) b.free.splice(at, 1);
  }

  private allocateSpecific(req: CalicoLbServiceRequest): LbAllocation {
    const ips = req.loadBalancerIPs as readonly string[];
    const addr = parseIpv4(ips[0], `Service/${req.key} annotation projectcalico.org/loadBalancerIPs`);
    const p = this.pools.find((q) => isLbPool(q) && prefixContainsAddr(q.prefix, addr));
    if (p === undefined) return { ip: null, reason: `${ips[0]} is not inside an enabled LoadBalancer IPPool` };
    for (const v of this.byService.values())
      if (v.ip === addr) return { ip: null, reason: `${ips[0]} is already assigned` };
    const bi = Math.floor((addr - p.prefix.addr) / 2 ** (32 - p.blockSize));
    const b = this.claimBlock(p, bi);
    const ord = addr - b.base;
    const at = b.free.indexOf(ord);
    if (at < 0) return { ip: null, reason: `${ips[0]} is already assigned` };
    b.free.splice(at, 1);
    this.byService.set(req.key, { ip: addr, pool: p });
    return { ip: ips[0], pool: p.cfg.name };
  }

  private poolByRef(ref: string, key: string): Pool {
    const p = this.pools.find((q) => q.cfg.name === ref || q.cfg.cidr === ref);
    if (p === undefined)
      throw new InputError(
        `annotation projectcalico.org/ipv4pools names unknown pool ${JSON.stringify(ref)}`,
        { object: `Service/${key}` },
        this.pools.map((q) => q.cfg.name).join(', '),
      );
    return p;
  }

  private takeFromPool(p: Pool): number | null {
    for (const b of p.claimed.values()) if (b.free.length > 0) return b.base + (b.free.shift() as number);
    for (let n = 0; n < p.blockCount; n++) {
      const bi = (p.nextBlock + n) % p.blockCount;
      if (p.claimed.has(bi)) continue;
      p.nextBlock = (bi + 1) % p.blockCount;
      const b = this.claimBlock(p, bi);
      return b.base + (b.free.shift() as number);
    }
    return null;
  }

  private claimBlock(p: Pool, bi: number): Block {
    let b = p.claimed.get(bi);
    if (b === undefined) {
      const size = 2 ** (32 - p.blockSize);
      b = { base: p.prefix.addr + bi * size, size, free: Array.from({ length: size }, (_, i) => i) };
      p.claimed.set(bi, b);
    }
    return b;
  }
}

function buildPool(cfg: IpPoolConfig, i: number): Pool {
  const prefix = parseCidr(cfg.cidr, `pools[${i}].cidr`);
  const blockSize = cfg.blockSize ?? CALICO_DEFAULT_BLOCK_SIZE;
  if (!(Number.isInteger(blockSize) && blockSize >= prefix.len && blockSize <= 32))
    throw new InputError(
      `blockSize ${blockSize} does not fit pool ${cfg.cidr}`,
      { object: `IPPool/${cfg.name}`, field: 'spec.blockSize' },
      `${prefix.len}-32 (the pool must hold at least one block)`,
    );
  const blockCount = 2 ** (blockSize - prefix.len);
  const first = cfg.firstBlockIndex ?? 0;
  if (!(Number.isInteger(first) && first >= 0 && first < blockCount))
    throw new InputError(
      `firstBlockIndex ${first} out of range`,
      { object: `IPPool/${cfg.name}` },
      `0-${blockCount - 1}`,
    );
  return { cfg, prefix, blockSize, blockCount, claimed: new Map(), nextBlock: first };
}

function isLbPool(p: Pool): boolean {
  return !p.cfg.disabled && (p.cfg.allowedUses ?? []).includes('LoadBalancer') && prefixSize(p.prefix) > 0;
}
