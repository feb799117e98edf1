// BGP session timers: BIRD 1.6 defaults, the values Calico renders into its bird.cfg, and Cilium's BGP defaults.
// Owns the numbers and their sources; the FSM that runs them is in fabric.ts.
import type { SimTime } from '../../sim/time.js';
import { NS_PER_S } from '../../sim/time.js';

export type GracefulRestartMode = 'enabled' | 'aware' | 'off';

/** One speaker's timer configuration for one session (BIRD `protocol bgp` options). */
export interface BgpTimers {
  /** Hold time offered in OPEN; the session uses the smaller of the two offers (RFC 4271 4.2). */
  readonly holdTimeNs: SimTime;
  /** Keepalive interval; undefined = negotiated hold / 3 (BIRD `keepalive time` default). */
  readonly keepaliveNs?: SimTime;
  /** BIRD `connect delay time`: wait in Active before the first outgoing connect. */
  readonly connectDelayNs: SimTime;
  /** BIRD `connect retry time`: how long an outgoing connect may stay in Connect before retrying. */
  readonly connectRetryNs: SimTime;
  /** BIRD `error wait time min,max`: startup delay after a session error, doubling while errors repeat. */
  readonly errorWaitMinNs: SimTime;
  readonly errorWaitMaxNs: SimTime;
  /** BIRD `error forget time`: an error older than this resets the error wait to its minimum. */
  readonly errorForgetNs: SimTime;
  /** BIRD `graceful restart` mode: enabled (able to restart), aware (receiver side only), off. */
  readonly gracefulRestart: GracefulRestartMode;
  /** Restart time advertised in the GR capability: how long peers keep our routes stale. */
  readonly restartTimeNs: SimTime;
}

/** BIRD 1.6 `hold time` default 240 s (bird-calico:proto/bgp/config.Y; doc/bird.sgml). */
export const BIRD_HOLD_TIME_NS = 240 * NS_PER_S;
/** BIRD 1.6 `connect delay time` default 5 s (same file). */
export const BIRD_CONNECT_DELAY_NS = 5 * NS_PER_S;
/** BIRD 1.6 `connect retry time` default 120 s (same file). */
export const BIRD_CONNECT_RETRY_NS = 120 * NS_PER_S;
/** BIRD 1.6 `error wait time` default 60 s, 300 s (same file). */
export const BIRD_ERROR_WAIT_MIN_NS = 60 * NS_PER_S;
export const BIRD_ERROR_WAIT_MAX_NS = 300 * NS_PER_S;
/** BIRD 1.6 `error forget time` default 300 s (same file). */
export const BIRD_ERROR_FORGET_NS = 300 * NS_PER_S;
/** BIRD 1.6 `graceful restart time` default 120 s (same file). */
export const BIRD_RESTART_TIME_NS = 120 * NS_PER_S;

/** Calico's bird.cfg.template `bgp_template`: `connect delay time 2; connect retry time 5; error wait time 5,30; graceful restart;` (calico@v3.28.0..v3.32.0 confd/etc/calico/confd/templates/bird.cfg.template). */
export const CALICO_CONNECT_DELAY_NS = 2 * NS_PER_S;
export const CALICO_CONNECT_RETRY_NS = 5 * NS_PER_S;
export const CALICO_ERROR_WAIT_MIN_NS = 5 * NS_PER_S;
export const CALICO_ERROR_WAIT_MAX_NS = 30 * NS_PER_S;

/** Calico's default AS number (api/pkg/apis/projectcalico/v3/bgpconfig.go `asNumber`). */
export const CALICO_DEFAULT_AS = 64512;

/** A plain BIRD 1.6 speaker, as on the workshop's bastion: every timer at its default, GR `aware`. */
export const BIRD_DEFAULT_TIMERS: BgpTimers = {
  holdTimeNs: BIRD_HOLD_TIME_NS,
  connectDelayNs: BIRD_CONNECT_DELAY_NS,
  connectRetryNs: BIRD_CONNECT_RETRY_NS,
  errorWaitMinNs: BIRD_ERROR_WAIT_MIN_NS,
  errorWaitMaxNs: BIRD_ERROR_WAIT_MAX_NS,
  errorForgetNs: BIRD_ERROR_FORGET_NS,
  gracefulRestart: 'aware',
  restartTimeNs: BIRD_RESTART_TIME_NS,
};

/**
 * What calico-node's BIRD runs with: BIRD defaults for hold (240 s, Calico exposes no hold knob) and keepalive (hold/3,
 * BGPPeer keepaliveTime from v3.32), Calico's connect/error timers, `graceful restart;` enabled with 120 s unless
 * BGPPeer maxRestartTime / BGPConfiguration nodeMeshMaxRestartTime say otherwise (bgppeer.go, bgpconfig.go).
 */
export const CALICO_NODE_TIMERS: BgpTimers = {
  holdTimeNs: BIRD_HOLD_TIME_NS,
  connectDelayNs: CALICO_CONNECT_DELAY_NS,
  connectRetryNs: CALICO_CONNECT_RETRY_NS,
  errorWaitMinNs: CALICO_ERROR_WAIT_MIN_NS,
  errorWaitMaxNs: CALICO_ERROR_WAIT_MAX_NS,
  errorForgetNs: BIRD_ERROR_FORGET_NS,
  gracefulRestart: 'enabled',
  restartTimeNs: BIRD_RESTART_TIME_NS,
};

/** Negotiated hold time: the smaller offer (RFC 4271 4.2; BIRD bgp_rx_open). */
export function negotiatedHoldNs(local: BgpTimers, peerHoldNs: SimTime): SimTime {
  return Math.min(local.holdTimeNs, peerHoldNs);
}

/** Keepalive interval for a session: the configured one, else hold/3 (BIRD `keepalive time` default). */
export function keepaliveIntervalNs(local: BgpTimers, holdNs: SimTime): SimTime {
  return local.keepaliveNs ?? Math.floor(holdNs / 3);
}
