// The max_ejection_percent gate of Envoy's outlier detector, as current Envoy applies it, and the older rule for comparison.
// Owns the arithmetic only; the detector calls it before every ejection.
//
// Rule (envoy source/common/upstream/outlier_detection_impl.cc, DetectorImpl::ejectHost, since the 1.27/1.28 change):
//   allowed iff 100.0 * (ejected + 1) / hosts <= min(100, max_ejection_percent) (doubles), hosts = every monitored host
//   of the cluster across all priorities; with always_eject_one_host (1.31+) also allowed when nothing is ejected.
//   Consequence: with the default 10 %, fewer than 10 hosts eject nothing. Before 1.27: 100.0 * ejected / hosts < percent.

/** Whether one more host may be ejected now. */
export function ejectionAllowed(
  ejected: number,
  hosts: number,
  maxEjectionPercent: number,
  alwaysEjectOneHost: boolean,
): boolean {
  const allowed = (100.0 * (ejected + 1)) / hosts <= Math.min(100, maxEjectionPercent);
  return alwaysEjectOneHost ? ejected === 0 || allowed : allowed;
}

/** The pre-1.27 rule (`100 * ejected / hosts < percent`), which always let the first host go. */
export function ejectionAllowedBefore127(ejected: number, hosts: number, maxEjectionPercent: number): boolean {
  return (100.0 * ejected) / hosts < Math.min(100, maxEjectionPercent);
}

/** How many hosts can be ejected at once under a gate (apply it repeatedly from zero). */
export function maxSimultaneouslyEjected(hosts: number, allowed: (ejected: number) => boolean): number {
  let n = 0;
  while (n < hosts && allowed(n)) n++;
  return n;
}
