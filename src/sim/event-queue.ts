// The pending-event set: an array-backed binary min-heap ordered by (time, seq), keys in typed arrays.
// Owns ordering, handles and lazy cancellation; knows nothing of what events mean (that is the engine's and the models').
//
// Rule: an event is (time, seq, slot). The heap keeps (time, slot) in typed arrays (struct of arrays) so a sift
// compares doubles without chasing pointers; seq, handler and payload live in the slot, taken from a free list, so
// steady state allocates nothing (seq is read only on a tie in time, so moving it with every entry was waste). Push and pop are O(log n). Cancel is O(1) and lazy: the slot is marked and
// the entry is dropped when it reaches the top; handles carry a generation, so a stale handle never cancels a
// later event that reuses its slot.
// Speed (bench/RESULTS.md): sift-down picks the smaller child without a branch (`c += (tRight < tLeft) | 0`; the
// slot past the last entry holds +Infinity so a lone left child needs no bounds test): which child is smaller is a coin
// flip, and a mispredicted branch per level cost more than the rest of the level. The sifts are kept small so V8
// inlines them into pop and push: past its size budget it makes a call per sift, measured 15-20 % slower.

/** An opaque handle to a scheduled event: slot + generation * SLOT_LIMIT. */
export type EventHandle = number;

/** Pending events are limited to 2^26 (67 million) at once, so a handle fits a double exactly with 27 bits of generation. */
const SLOT_LIMIT = 1 << 26;
const GEN_LIMIT = 1 << 27;

export const POPPED = 0;
export const EMPTY = 1;
export const AFTER_UNTIL = 2;
export type PopResult = typeof POPPED | typeof EMPTY | typeof AFTER_UNTIL;

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

export class EventQueue<H = unknown> {
  /** Entry times; every index from n on holds +Infinity, the sentinel sift-down relies on. */
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private n = 0;

  private slotHandler: (H | undefined)[];
  private slotPayload: unknown[];
  private slotSeq: Float64Array;
  private slotGen: Uint32Array;
  private slotState: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;

  private nextSeq = 0;
  private live = 0;

  /**
   * Time and seq of the event last returned by `pop()`, read through `time`/`seq` before the next pop. Kept in a typed
   * array: times pass 2^31 ns after two seconds, and a number field holding them may be boxed, one allocation per event.
   */
  private readonly last = new Float64Array(2);
  handler: H | undefined = undefined;
  payload: unknown = undefined;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity | 0);
    this.heapTime = new Float64Array(cap + 1).fill(Infinity);
    this.heapSlot = new Int32Array(cap + 1);
    this.slotHandler = new Array<H | undefined>(cap).fill(undefined);
    this.slotPayload = new Array<unknown>(cap).fill(undefined);
    this.slotSeq = new Float64Array(cap);
    this.slotGen = new Uint32Array(cap);
    this.slotState = new Uint8Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  /** Time of the event last popped. */
  get time(): number {
    return this.last[0];
  }

  /** Sequence number of the event last popped. */
  get seq(): number {
    return this.last[1];
  }

  /** Live (not cancelled) pending events. */
  get size(): number {
    return this.live;
  }

  /** The sequence number the next push will get; also the count of pushes so far. */
  get pushed(): number {
    return this.nextSeq;
  }

  /**
   * The key of the event being placed: [time, seq]. Sifts read it from here rather than take the time as an argument:
   * times pass 2^31 ns after two seconds, and a double passed to a call V8 does not inline is boxed (an allocation per
   * event). The engine writes key[0] and calls pushKeyed(); push() is the same for callers that prefer an argument.
   */
  readonly key = new Float64Array(2);

  /** Adds an event (ties on `time` pop in push order) and returns its slot; `handleOf(slot)` names it for cancel. */
  push(time: number, handler: H, payload: unknown): number {
    this.key[0] = time;
    return this.pushKeyed(handler, payload);
  }

  /** push() with the time already in key[0]. */
  pushKeyed(handler: H, payload: unknown): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotCount === this.slotGen.length) this.growSlots();
      slot = this.slotCount++;
    }
    this.slotHandler[slot] = handler;
    this.slotPayload[slot] = payload;
    this.slotState[slot] = PENDING;
    this.live++;
    if (this.n + 1 === this.heapTime.length) this.growHeap();
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    const t = this.key[0];
    const s = this.nextSeq++;
    ss[slot] = s;
    let i = this.n++;
    // Sift up: a new event usually belongs near the bottom, so this loop is short.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p];
      if (pt < t || (pt === t && ss[hl[p]] < s)) break;
      ht[i] = pt;
      hl[i] = hl[p];
      i = p;
    }
    ht[i] = t;
    hl[i] = slot;
    return slot;
  }

  /**
   * The handle of the event in `slot` (as pushed): slot + generation * 2^26. Kept out of push() so a caller that drops
   * the handle never makes it: a double past 2^31 returned from a call that is not inlined is boxed, an allocation per
   * event on the hot path.
   */
  handleOf(slot: number): EventHandle {
    return slot + this.slotGen[slot] * SLOT_LIMIT;
  }

  /** Cancels a pending event. Returns false if it already ran, was cancelled, or the handle is stale. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const gen = (handle - slot) / SLOT_LIMIT;
    if (slot < 0 || slot >= this.slotCount || this.slotGen[slot] !== gen || this.slotState[slot] !== PENDING)
      return false;
    this.slotState[slot] = CANCELLED;
    this.slotHandler[slot] = undefined;
    this.slotPayload[slot] = undefined;
    this.live--;
    return true;
  }

  /** True if the handle names an event that is still pending. */
  isPending(handle: EventHandle): boolean {
    const slot = handle % SLOT_LIMIT;
    const gen = (handle - slot) / SLOT_LIMIT;
    return slot >= 0 && slot < this.slotCount && this.slotGen[slot] === gen && this.slotState[slot] === PENDING;
  }

  /** Time of the earliest live event, or Infinity when none is pending. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.n === 0 ? Infinity : this.heapTime[0];
  }

  /**
   * Removes the earliest live event and exposes it in `time`, `seq`, `handler`, `payload`.
   * Returns false when no live event is pending.
   */
  pop(): boolean {
    return this.popUntil(Infinity) === POPPED;
  }

  /**
   * The run loop's pop: removes the earliest live event if its time is <= until (POPPED), else leaves it
   * (AFTER_UNTIL), or reports an empty queue (EMPTY). One call per event.
   */
  popUntil(until: number): PopResult {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    if (this.n > 0 && this.slotState[hl[0]] === CANCELLED) this.dropCancelledTop();
    if (this.n === 0) return EMPTY;
    if (ht[0] > until) return AFTER_UNTIL;
    const slot = hl[0];
    this.last[0] = ht[0];
    this.last[1] = this.slotSeq[slot];
    this.handler = this.slotHandler[slot];
    this.payload = this.slotPayload[slot];
    this.releaseSlot(slot);
    this.live--;
    this.removeTop();
    return POPPED;
  }

  /** Drops every pending event. */
  clear(): void {
    for (let i = 0; i < this.n; i++) this.releaseSlot(this.heapSlot[i]);
    this.heapTime.fill(Infinity, 0, this.n + 1);
    this.n = 0;
    this.live = 0;
  }

  /** Removes cancelled entries from the top (off the hot path: cancels are rare next to events). */
  private dropCancelledTop(): void {
    while (this.n > 0 && this.slotState[this.heapSlot[0]] === CANCELLED) {
      const slot = this.heapSlot[0];
      this.removeTop();
      this.releaseSlot(slot);
    }
  }

  /**
   * Removes the root: the last entry is sifted down from the root. Small enough that V8 inlines it into popUntil (a
   * call per pop measured 15-20 % slower).
   */
  private removeTop(): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const ss = this.slotSeq;
    const m = --this.n;
    const t = ht[m];
    const moved = hl[m];
    const s = ss[moved];
    ht[m] = Infinity;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= m) break;
      const tl = ht[c];
      const tr = ht[c + 1];
      // Branch-free pick of the smaller child (past the end the right one is the +Infinity sentinel); a tie on
      // time is rare, so its branch is predictable.
      if (tl === tr) {
        if (c + 1 < m && ss[hl[c + 1]] < ss[hl[c]]) c++;
      } else c += ((tr < tl) as unknown as number) | 0;
      const tc = ht[c];
      if (tc > t || (tc === t && ss[hl[c]] > s)) break;
      ht[i] = tc;
      hl[i] = hl[c];
      i = c;
    }
    if (m > 0) {
      ht[i] = t;
      hl[i] = moved;
    }
  }

  // The handler and payload references stay until the slot is reused (two stores saved per event); a slot is
  // reused within a few events in steady state, so nothing is held for long.
  private releaseSlot(slot: number): void {
    this.slotState[slot] = FREE;
    this.slotGen[slot] = (this.slotGen[slot] + 1) & (GEN_LIMIT - 1);
    this.freeSlots[this.freeCount++] = slot;
  }

  private growHeap(): void {
    const cap = (this.heapTime.length - 1) * 2;
    if (cap > SLOT_LIMIT * 2) throw new RangeError(`event queue: more than ${SLOT_LIMIT} pending events`);
    this.heapTime = grow(this.heapTime, new Float64Array(cap + 1).fill(Infinity));
    this.heapSlot = grow(this.heapSlot, new Int32Array(cap + 1));
  }

  private growSlots(): void {
    const cap = this.slotGen.length * 2;
    if (this.slotGen.length >= SLOT_LIMIT) throw new RangeError(`event queue: more than ${SLOT_LIMIT} pending events`);
    this.slotSeq = grow(this.slotSeq, new Float64Array(cap));
    this.slotGen = grow(this.slotGen, new Uint32Array(cap));
    this.slotState = grow(this.slotState, new Uint8Array(cap));
    this.freeSlots = grow(this.freeSlots, new Int32Array(cap));
    for (let i = this.slotHandler.length; i < cap; i++) {
      this.slotHandler.push(undefined);
      this.slotPayload.push(undefined);
    }
  }
}

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
