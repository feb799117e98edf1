// The pick shared by Envoy's thread-aware LBs (Maglev, RingHash): the request hash, else the draw the priority layer
// made, else a fresh random 64-bit value (thread_aware_lb_impl.cc chooseHost), looked up in the shared table.
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';

export interface HashTable {
  chooseHost(hi: number, lo: number, attempt: number): Host | null;
  /** For --explain: where in the table the value landed. */
  slotOf(hi: number, lo: number): { what: 'table slot' | 'ring entry'; index: number; of: number };
}

export function chooseFromHashTable(ctx: LbContext, table: HashTable, policy: string): Host | null {
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
