// IPv4 addresses and prefixes as unsigned 32-bit integers: parse, format, containment.
// Owns address arithmetic only; which addresses nodes or services get is decided elsewhere (ipam/, topology).
import { InputError } from '../../sim/input-error.js';

/** An IPv4 prefix `addr/len`; `addr` has its host bits cleared. */
export interface Prefix {
  readonly addr: number;
  readonly len: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad IPv4 to an unsigned 32-bit integer; throws InputError naming `field`. */
export function parseIpv4(text: string, field = 'address'): number {
  const m = IPV4.exec(text.trim());
  if (m === null)
    throw new InputError(`${JSON.stringify(text)} is not an IPv4 address`, { field }, 'a.b.c.d with each part 0-255');
  let v = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255)
      throw new InputError(`${JSON.stringify(text)} is not an IPv4 address`, { field }, 'a.b.c.d with each part 0-255');
    v = v * 256 + o;
  }
  return v >>> 0;
}

export function formatIpv4(addr: number): string {
  return `${addr >>> 24}.${(addr >>> 16) & 255}.${(addr >>> 8) & 255}.${addr & 255}`;
}

/** The netmask of a prefix length as an unsigned integer (len 0 => 0). */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** Parses `a.b.c.d/len` (a bare address means /32); rejects host bits set, as Calico and Cilium do for pool CIDRs. */
export function parseCidr(text: string, field = 'cidr', opts: { allowHostBits?: boolean } = {}): Prefix {
  const slash = text.indexOf('/');
  const addr = parseIpv4(slash < 0 ? text : text.slice(0, slash), field);
  const lenText = slash < 0 ? '32' : text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32)
    throw new InputError(`${JSON.stringify(text)} has an invalid prefix length`, { field }, '0-32');
  const len = Number(lenText);
  const net = (addr & maskOf(len)) >>> 0;
  if (net !== addr && !opts.allowHostBits)
    throw new InputError(`${JSON.stringify(text)} has host bits set`, { field }, `${formatIpv4(net)}/${len}`);
  return { addr: net, len };
}

export function formatPrefix(p: Prefix): string {
  return `${formatIpv4(p.addr)}/${p.len}`;
}

/** True when `addr` lies inside prefix `p`. O(1). */
export function prefixContainsAddr(p: Prefix, addr: number): boolean {
  return (addr & maskOf(p.len)) >>> 0 === p.addr;
}

/**
 * BIRD's `net ~ prefix` for two prefixes: `inner` is `outer` itself or a more-specific inside it
 * (bird-calico:lib/ip.h `net_in_net`: inner length >= outer length and the same leading bits).
 */
export function prefixWithin(inner: Prefix, outer: Prefix): boolean {
  return inner.len >= outer.len && prefixContainsAddr(outer, inner.addr);
}

/** Number of addresses in a prefix. */
export function prefixSize(p: Prefix): number {
  return 2 ** (32 - p.len);
}

/** A host route for one address. */
export function hostPrefix(addr: number): Prefix {
  return { addr: addr >>> 0, len: 32 };
}

/** A stable string key for maps (`10.10.10.0/26`). */
export function prefixKey(p: Prefix): string {
  return formatPrefix(p);
}
