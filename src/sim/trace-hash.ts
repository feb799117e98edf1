// An incremental 64-bit (two 32-bit lanes) hash of the processed event sequence: the fingerprint two runs
// compare to know they executed the same events at the same times. Not cryptographic; allocation-free per update.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;

export class TraceHash {
  private a = 0x9747b28c;
  private b = 0x5bd1e995;
  private count = 0;

  /** Mixes one 32-bit word into both lanes (MurmurHash3's block step, with a second independent lane). */
  word(w: number): void {
    let k = Math.imul(w | 0, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let j = Math.imul(w ^ 0x2545f491, C3);
    j = (j << 17) | (j >>> 15);
    j = Math.imul(j, C4);
    let b = this.b ^ j;
    b = (b << 11) | (b >>> 21);
    this.b = (Math.imul(b, 9) + 0x52dce729) | 0;
    this.count++;
  }

  /**
   * Mixes one event: its time (integer below 2^53) and kind id folded into one word, then one multiply per lane (an
   * FNV-1a step and a multiplicative step); digest() avalanches. This runs once per event, so it is kept to the minimum
   * that still separates runs whose event sequences differ.
   */
  event(time: number, kindId: number): void {
    this.mix((time >>> 0) ^ Math.imul((time / 4294967296) >>> 0, 0x9e3779b1), kindId);
  }

  /** event() with the time already folded to an int32 word (the engine's hot path passes small integers only). */
  mix(timeWord: number, kindId: number): void {
    const w = timeWord ^ Math.imul(kindId, 0x85ebca77);
    this.a = Math.imul(this.a ^ w, 0x01000193);
    const b = (this.b + w) | 0;
    this.b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
    this.count++;
  }

  /** Mixes a non-negative integer below 2^53 (such as a SimTime) as two words. */
  uint53(x: number): void {
    this.word(x >>> 0);
    this.word((x / 4294967296) >>> 0);
  }

  /** The hash so far as 16 lowercase hex digits. */
  digest(): string {
    return hex(fmix(this.a ^ this.count)) + hex(fmix(this.b ^ Math.imul(this.count, 31)));
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, C3);
  h ^= h >>> 13;
  h = Math.imul(h, C4);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex(x: number): string {
  return x.toString(16).padStart(8, '0');
}
