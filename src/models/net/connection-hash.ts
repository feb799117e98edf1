// The kernel's per-connection choices (SO_REUSEPORT's worker, kube-proxy's endpoint kept by conntrack) as one seeded
// hash of the connection id: uniform over connections, fixed for a connection's life, no table and no allocation.

/** A uniform choice in [0, n) for `connection`, fixed per (connection, seed). */
export function connectionChoice(connection: number, seed: number, n: number): number {
  let h = Math.imul(connection ^ seed, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) % n;
}
