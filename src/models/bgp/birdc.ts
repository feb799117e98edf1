// `birdc show protocols` and `birdc show route` printouts of a speaker, as BIRD 1.6.8 formats them. Pure: status -> lines.
// Owns layout only; the states and routes come from BgpFabric.
import type { SimTime } from '../../sim/time.js';
import { NS_PER_S } from '../../sim/time.js';
import { formatIpv4, formatPrefix } from '../net/address.js';
import type { BgpEndStatus } from './fabric.js';
import type { BgpPath } from './rib.js';
import type { Prefix } from '../net/address.js';

export interface BirdcOptions {
  /** Wall-clock time of day at simulated t=0, in ns since midnight (the `since` column); default 0 (00:00:00). */
  readonly clockAtZeroNs?: SimTime;
  /** The banner's version; the workshop's bastion runs 1.6.8 (seed 001). */
  readonly version?: string;
  /** Interface the bastion reaches the nodes on (`via ... on <iface>`). */
  readonly interfaceName?: string;
}

/** BIRD's time-of-day format for `since` (`%T`): hh:mm:ss, wrapping at 24 h. */
export function formatSince(t: SimTime, clockAtZeroNs = 0): string {
  const s = Math.floor((t + clockAtZeroNs) / NS_PER_S) % 86400;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/**
 * `show protocols`: BIRD 1.6 prints each protocol with "%-8s %-8s %-8s %-5s  %-10s  %s" (name, proto, table, state,
 * since, info) and a BGP protocol's info as "%-14s%s%s" (connection state, error class, last error) — bird nest/proto.c
 * `proto_cmd_show`, proto/bgp/bgp.c `bgp_get_status`. The Direct/Kernel/Device lines match the workshop's output (seed 001).
 */
export function showProtocols(sessions: readonly BgpEndStatus[], bootedAt: SimTime, opts: BirdcOptions = {}): string[] {
  const clock = opts.clockAtZeroNs ?? 0;
  const row = (name: string, proto: string, state: string, since: string, info: string): string =>
    `${pad(name, 8)} ${pad(proto, 8)} ${pad('master', 8)} ${pad(state, 5)}  ${pad(since, 10)}  ${info}`;
  const boot = formatSince(bootedAt, clock);
  const lines = [
    `BIRD ${opts.version ?? '1.6.8'} ready.`,
    `${pad('name', 8)} ${pad('proto', 8)} ${pad('table', 8)} ${pad('state', 5)}  ${pad('since', 10)}  info`,
  ];
  lines.push(
    row('direct1', 'Direct', 'up', boot, ''),
    row('kernel1', 'Kernel', 'up', boot, ''),
    row('device1', 'Device', 'up', boot, ''),
  );
  for (const s of sessions) {
    const err = s.lastError === '' || s.state === 'Established' ? '' : s.lastError;
    lines.push(
      row(
        s.protocol,
        'BGP',
        s.protoState,
        formatSince(s.since, clock),
        s.protoState === 'down' ? '' : pad(s.state, 14) + err,
      ),
    );
  }
  return lines;
}

/**
 * `show route`: one line per path, best first; the prefix only on a prefix's first line; "%-18s %s [%s %s]%s (%d/%d) [%s]"
 * with " *" marking the best path, preference 100 for BGP, the IGP metric of the recursive next hop (0 on a shared LAN),
 * and the AS path with its origin letter (`i` for IGP) — bird nest/rt-table.c `rt_show_rte`, proto/bgp/attrs.c `bgp_get_route_info`.
 */
export function showRoute(
  entries: readonly { prefix: Prefix; paths: readonly BgpPath[] }[],
  opts: BirdcOptions = {},
): string[] {
  const clock = opts.clockAtZeroNs ?? 0;
  const iface = opts.interfaceName ?? 'eth0';
  const lines: string[] = [];
  for (const { prefix, paths } of entries) {
    paths.forEach((p, i) => {
      const asPath = p.ebgp ? `AS${p.neighbourAs}` : '';
      const stale = p.stale ? ' (stale)' : '';
      lines.push(
        `${pad(i === 0 ? formatPrefix(prefix) : '', 18)} via ${formatIpv4(p.nextHop)} on ${iface} [${p.protocol} ${formatSince(p.since, clock)}]${i === 0 ? ' *' : ''} (100/${p.igpMetric}) [${asPath}i]${stale}`,
      );
    });
  }
  return lines;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
