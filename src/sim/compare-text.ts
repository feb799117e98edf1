// Ordering of names as Kubernetes and Go order them: by code unit, the same on every machine. `localeCompare` follows
// the host's locale and ICU version, which would let the same scenario sort (and so run) differently on two machines.

/** -1, 0 or 1 by UTF-16 code unit (byte order for ASCII, as Go's string comparison). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
