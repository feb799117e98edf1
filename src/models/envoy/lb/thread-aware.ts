// Envoy's thread-aware LBs (Maglev, RingHash), as ThreadAwareLoadBalancerBase (source/common/upstream/
// thread_aware_lb_impl.cc, Envoy 1.40): one table built per host-set change and shared by every worker; a pick takes the
// request hash, else the draw the priority layer made, else a fresh random 64-bit value, and looks it up in the table.
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';
import type { LbConfig, LoadBalancer } from './load-balancer.js';

export interface HashTable {
  chooseHost(hi: number, lo: number, attempt: number): Host | null;
  /** For --explain: where in the table the value landed. */
  slotOf(hi: number, lo: number): { what: 'table slot' | 'ring entry'; index: number; of: number };
}

function chooseFromHashTable(ctx: LbContext, table: HashTable, policy: string): Host | null {
  let hi: number;
  let lo: number;
  if (ctx.hasHash) {
    hi = ctx.hashHi;
    lo = ctx.hashLo;
  } else if (ctx.hasDraw) {
    hi = ctx.drawHi;
    lo = ctx.drawLo;
  } else {
    hi = ctx.rng.u32();
    lo = ctx.rng.u32();
  }
  const h = table.chooseHost(hi, lo, ctx.attempt);
  if (ctx.trace !== null) {
    const value = ((BigInt(hi) << 32n) | BigInt(lo)).toString();
    ctx.trace.record({
      kind: 'lb.hash',
      policy,
      hashed: ctx.hasHash,
      value,
      host: h === null ? null : h.key,
      slot: table.slotOf(hi, lo),
    });
  }
  return h;
}

/** The LB of one hashing policy over a table built by `build` (one per priority, shared by the proxy's workers). */
export abstract class ThreadAwareLoadBalancer<T extends HashTable> implements LoadBalancer {
  abstract readonly policy: 'Maglev' | 'RingHash';
  table: T;

  constructor(readonly config: LbConfig) {
    this.table = this.build([]);
  }

  /** The policy's table over `hosts` (Maglev's permutation table, RingHash's ring). */
  protected abstract build(hosts: readonly Host[]): T;

  rebuild(hosts: readonly Host[]): void {
    this.table = this.build(hosts);
  }

  chooseHost(ctx: LbContext): Host | null {
    return chooseFromHashTable(ctx, this.table, this.policy);
  }
}
