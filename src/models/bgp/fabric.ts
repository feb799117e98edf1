// BGP speakers and the sessions between them: the BGP FSM (Idle, Connect, Active, OpenSent, OpenConfirm, Established) as
// BIRD 1.6 runs it, keepalive/hold/connect/error-wait/graceful-restart timers on the engine, UPDATE/withdraw propagation
// and import filters into each speaker's Rib. It does not decide what nodes originate (calico-advertisement.ts does).
import type { Engine, EventHandle, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { InputError } from '../../sim/input-error.js';
import type { TimelineSink } from '../metrics/timeline.js';
import type { Prefix } from '../net/address.js';
import { formatPrefix, parseIpv4, prefixKey, prefixWithin } from '../net/address.js';
import { Rib } from './rib.js';
import type { BgpPath } from './rib.js';
import type { BgpTimers } from './timers.js';
import { keepaliveIntervalNs, negotiatedHoldNs } from './timers.js';

export type BgpState = 'Idle' | 'Connect' | 'Active' | 'OpenSent' | 'OpenConfirm' | 'Established';

/** How messages travel between two speakers' hosts: a one-way delay in ns, or < 0 when unreachable. `Network.baseDelay` fits. */
export interface BgpTransport {
  oneWayNs(fromHost: number, toHost: number): SimTime;
}

/** BIRD import filter `if (net ~ P) then accept;` for each P; a prefix matching none is rejected (bird-calico filter/filter.c). */
export type ImportFilter = readonly Prefix[] | 'all';

export interface BgpSpeakerConfig {
  readonly name: string;
  /** Host index in the network (for delays). */
  readonly host: number;
  readonly address: string;
  readonly asNumber: number;
  /** BGP router ID; Calico's default is the node's IPv4 (bird.cfg.template `router id`). Default: `address`. */
  readonly routerId?: string;
  readonly importFilter?: ImportFilter;
  /** Kernel `merge paths on` (ECMP into the FIB). */
  readonly mergePaths?: boolean;
  /** Emit bgp.advertised / bgp.withdrawn for routes this speaker learns (default: true). Mesh nodes usually set false. */
  readonly recordRoutes?: boolean;
}

/** One end of a session as configured on its speaker. */
export interface BgpSessionEndConfig {
  readonly speaker: string;
  /** BIRD protocol name on this speaker (`Mesh_10_0_1_21`, `Global_10_0_1_10`, or the bastion's `worker1`). */
  readonly protocol: string;
  readonly timers: BgpTimers;
  /** BIRD `passive on`: never connects out, waits for the peer. */
  readonly passive?: boolean;
}

export interface BgpSessionConfig {
  readonly ends: readonly [BgpSessionEndConfig, BgpSessionEndConfig];
}

type MsgType =
  'syn' | 'synAck' | 'rst' | 'ack' | 'open' | 'keepalive' | 'update' | 'withdraw' | 'eor' | 'notification' | 'connLost';

interface Msg {
  readonly to: End;
  readonly type: MsgType;
  readonly conn: number;
  readonly prefix?: Prefix;
  readonly holdNs?: SimTime;
  readonly code?: string;
}

interface Speaker {
  readonly cfg: BgpSpeakerConfig;
  readonly address: number;
  readonly routerId: number;
  readonly rib: Rib;
  readonly originated: Map<string, Prefix>;
  readonly ends: End[];
  /** BIRD running. */
  daemonUp: boolean;
  /** Host powered and connected: false means silence (no RST), as in a hard crash. */
  hostUp: boolean;
}

interface End {
  readonly session: Session;
  readonly speaker: Speaker;
  readonly cfg: BgpSessionEndConfig;
  peer: End;
  state: BgpState;
  /** When BIRD's protocol state (start/up/down) last changed, for `show protocols`' since column. */
  protoSince: SimTime;
  lastError: string;
  holdNs: SimTime;
  keepaliveNs: SimTime;
  /** Connection attempt id this end is working on (outgoing or accepted). */
  attempt: number;
  /** The TCP connection this end considers open (0 = none); messages of other connections are ignored. */
  conn: number;
  holdTimer: EventHandle | null;
  keepaliveTimer: EventHandle | null;
  retryTimer: EventHandle | null;
  grTimer: EventHandle | null;
  errorWaitNs: SimTime;
  lastErrorAt: SimTime;
  peerGr: boolean;
  peerRestartNs: SimTime;
}

interface Session {
  readonly id: number;
  /** Connection attempt counter, so replies to an abandoned attempt are recognised. */
  nextConn: number;
}

/** What `show protocols` and tests read about one end. */
export interface BgpEndStatus {
  readonly protocol: string;
  readonly speaker: string;
  readonly peer: string;
  readonly state: BgpState;
  /** BIRD's protocol state column: `up` when Established, `start` otherwise, `down` when the daemon is off. */
  readonly protoState: 'up' | 'start' | 'down';
  readonly since: SimTime;
  readonly lastError: string;
  readonly holdNs: SimTime;
  readonly keepaliveNs: SimTime;
}

export interface BgpFabricCallbacks {
  /** A speaker's FIB changed (after any Rib update): the integrator re-reads routes for forwarding. */
  onFibChanged?(speaker: string): void;
}

export class BgpFabric {
  private readonly speakers = new Map<string, Speaker>();
  private readonly sessions: Session[] = [];
  private readonly kMsg: EventKind<Msg>;
  private readonly kConnectNow: EventKind<End>;
  private readonly kConnectTimeout: EventKind<End>;
  private readonly kKeepalive: EventKind<End>;
  private readonly kHold: EventKind<End>;
  private readonly kStartup: EventKind<End>;
  private readonly kGr: EventKind<End>;

  constructor(
    private readonly engine: Engine,
    _rng: Rng,
    private readonly transport: BgpTransport,
    private readonly timeline: TimelineSink,
    private readonly callbacks: BgpFabricCallbacks = {},
  ) {
    this.kMsg = engine.kind('bgp.message', (m: Msg) => this.receive(m));
    this.kConnectNow = engine.kind('bgp.connect', (e: End) => this.connectNow(e));
    this.kConnectTimeout = engine.kind('bgp.connectRetry', (e: End) => this.connectTimeout(e));
    this.kKeepalive = engine.kind('bgp.keepalive', (e: End) => this.keepaliveFire(e));
    this.kHold = engine.kind('bgp.holdExpired', (e: End) => this.holdExpired(e));
    this.kStartup = engine.kind('bgp.startup', (e: End) => this.startup(e));
    this.kGr = engine.kind('bgp.grTimeout', (e: End) => this.grTimeout(e));
  }

  addSpeaker(cfg: BgpSpeakerConfig): void {
    if (this.speakers.has(cfg.name)) throw new InputError(`duplicate BGP speaker ${cfg.name}`, { field: 'bgp' });
    const address = parseIpv4(cfg.address, `bgp speaker ${cfg.name} address`);
    this.speakers.set(cfg.name, {
      cfg,
      address,
      routerId: parseIpv4(cfg.routerId ?? cfg.address, `bgp speaker ${cfg.name} routerId`),
      rib: new Rib(cfg.mergePaths ?? false),
      originated: new Map(),
      ends: [],
      daemonUp: true,
      hostUp: true,
    });
  }

  addSession(cfg: BgpSessionConfig): void {
    const session: Session = { id: this.sessions.length + 1, nextConn: 0 };
    const mk = (c: BgpSessionEndConfig): End => {
      const speaker = this.speaker(c.speaker);
      if (speaker.ends.some((e) => e.cfg.protocol === c.protocol))
        throw new InputError(`speaker ${c.speaker} already has a protocol named ${c.protocol}`, { field: 'bgp' });
      const e: End = {
        session,
        speaker,
        cfg: c,
        peer: undefined as unknown as End,
        state: 'Idle',
        protoSince: this.engine.now,
        lastError: '',
        holdNs: 0,
        keepaliveNs: 0,
        attempt: 0,
        conn: 0,
        holdTimer: null,
        keepaliveTimer: null,
        retryTimer: null,
        grTimer: null,
        errorWaitNs: 0,
        lastErrorAt: -Infinity,
        peerGr: false,
        peerRestartNs: 0,
      };
      speaker.ends.push(e);
      return e;
    };
    const a = mk(cfg.ends[0]);
    const b = mk(cfg.ends[1]);
    a.peer = b;
    b.peer = a;
    this.sessions.push(session);
  }

  /** Starts every session end (BIRD start-up: no startup delay, then Active for `connect delay time`). */
  start(): void {
    for (const s of this.speakers.values()) for (const e of s.ends) this.startup(e);
  }

  /** Starts originating `prefix` (a static route exported to BGP); peers hear an UPDATE at once (BIRD has no MRAI). */
  originate(speaker: string, prefix: Prefix): void {
    const s = this.speaker(speaker);
    const key = prefixKey(prefix);
    if (s.originated.has(key)) return;
    s.originated.set(key, prefix);
    if (!s.daemonUp || !s.hostUp) return;
    for (const e of s.ends) if (e.state === 'Established') this.send(e, 'update', prefix);
  }

  /** Stops originating `prefix`; peers hear an explicit withdraw at once (reference 1.9 rule 4). */
  withdraw(speaker: string, prefix: Prefix): void {
    const s = this.speaker(speaker);
    const key = prefixKey(prefix);
    if (!s.originated.delete(key)) return;
    if (!s.daemonUp || !s.hostUp) return;
    for (const e of s.ends) if (e.state === 'Established') this.send(e, 'withdraw', prefix);
  }

  originatedBy(speaker: string): Prefix[] {
    return [...this.speaker(speaker).originated.values()];
  }

  /** Hard failure (power off, kernel panic, partition): the speaker goes silent; peers notice only by hold-timer expiry. */
  crash(speaker: string): void {
    const s = this.speaker(speaker);
    s.hostUp = false;
    s.daemonUp = false;
    for (const e of s.ends) this.silence(e);
  }

  /** Orderly shutdown (drain, reboot, calico-node SIGTERM): NOTIFICATION Cease to every peer, so they withdraw at once (rule 3). */
  shutdown(speaker: string): void {
    const s = this.speaker(speaker);
    for (const e of s.ends)
      if (e.conn !== 0 && isOpenOrLater(e.state)) this.send(e, 'notification', undefined, 'Administrative shutdown');
    s.daemonUp = false;
    for (const e of s.ends) this.silence(e);
  }

  /** BIRD killed with its host up: the kernel resets its TCP sessions without NOTIFICATION, so GR peers keep routes stale (rule 2). */
  killDaemon(speaker: string): void {
    const s = this.speaker(speaker);
    for (const e of s.ends) if (e.conn !== 0) this.send(e, 'connLost');
    s.daemonUp = false;
    for (const e of s.ends) this.silence(e);
  }

  /** Host and BIRD back (after crash, shutdown or kill): sessions start again from Idle. */
  recover(speaker: string): void {
    const s = this.speaker(speaker);
    s.hostUp = true;
    s.daemonUp = true;
    for (const e of s.ends) {
      e.errorWaitNs = 0;
      this.startup(e);
    }
  }

  /**
   * Resets one session from `speaker`'s side: `notification` sends a Cease (peers withdraw at once), `tcpDrop` drops the
   * connection without one (peers with graceful restart keep routes stale). Both ends then reconnect.
   */
  resetSession(speaker: string, protocol: string, mode: 'notification' | 'tcpDrop'): void {
    const e = this.end(speaker, protocol);
    if (e.conn === 0) return;
    this.send(e, mode === 'notification' ? 'notification' : 'connLost', undefined, 'Administrative reset');
    this.down(e, mode === 'notification' ? 'Error: Administrative reset' : 'Socket: Connection reset', false);
  }

  status(speaker: string): BgpEndStatus[] {
    const s = this.speaker(speaker);
    return s.ends.map((e) => ({
      protocol: e.cfg.protocol,
      speaker: s.cfg.name,
      peer: e.peer.speaker.cfg.name,
      state: e.state,
      protoState: !s.daemonUp ? 'down' : e.state === 'Established' ? 'up' : 'start',
      since: e.protoSince,
      lastError: e.lastError,
      holdNs: e.holdNs,
      keepaliveNs: e.keepaliveNs,
    }));
  }

  rib(speaker: string): Rib {
    return this.speaker(speaker).rib;
  }

  speakerNames(): string[] {
    return [...this.speakers.keys()];
  }

  speakerInfo(speaker: string): {
    readonly address: number;
    readonly routerId: number;
    readonly asNumber: number;
    readonly daemonUp: boolean;
    readonly hostUp: boolean;
  } {
    const s = this.speaker(speaker);
    return {
      address: s.address,
      routerId: s.routerId,
      asNumber: s.cfg.asNumber,
      daemonUp: s.daemonUp,
      hostUp: s.hostUp,
    };
  }

  // ---- FSM ----

  /** BIRD bgp_startup: passive ends listen in Active; others wait `connect delay time` in Active, then connect. */
  private startup(e: End): void {
    if (!e.speaker.daemonUp) return;
    this.clearTimers(e);
    if (e.cfg.passive) {
      this.setState(e, 'Active');
      return;
    }
    this.setState(e, 'Active');
    e.retryTimer = this.engine.schedule(Math.max(0, e.cfg.timers.connectDelayNs), this.kConnectNow, e);
  }

  private connectNow(e: End): void {
    e.retryTimer = null;
    if (!e.speaker.daemonUp || e.state !== 'Active') return;
    this.setState(e, 'Connect');
    e.attempt = ++e.session.nextConn;
    this.deliver(e, 'syn', e.attempt);
    e.retryTimer = this.engine.schedule(e.cfg.timers.connectRetryNs, this.kConnectTimeout, e);
  }

  /** BIRD bgp_connect_timeout: give up this attempt, back to Active for another connect delay. */
  private connectTimeout(e: End): void {
    e.retryTimer = null;
    if (e.state !== 'Connect') return;
    this.backToActive(e);
  }

  private backToActive(e: End): void {
    this.clearTimers(e);
    this.setState(e, 'Active');
    if (!e.cfg.passive)
      e.retryTimer = this.engine.schedule(Math.max(0, e.cfg.timers.connectDelayNs), this.kConnectNow, e);
  }

  private receive(m: Msg): void {
    const e = m.to;
    const s = e.speaker;
    if (!s.hostUp) return; // silence: nothing answers
    if (m.type === 'syn') {
      // BIRD accepts an incoming connection while the protocol is starting (Active/Connect) and has no other connection.
      const accept =
        s.daemonUp && (e.state === 'Active' || e.state === 'Connect') && (e.conn === 0 || e.conn === m.conn);
      if (!accept) {
        this.deliver(e, 'rst', m.conn);
        return;
      }
      this.clearTimers(e); // our own (pending or outgoing) attempt loses to the one that arrived first
      e.attempt = m.conn;
      e.conn = m.conn;
      this.deliver(e, 'synAck', m.conn);
      return;
    }
    if (!s.daemonUp) return;
    switch (m.type) {
      case 'rst':
        if (e.state === 'Connect' && e.attempt === m.conn) {
          e.lastError = 'Socket: Connection refused';
          this.backToActive(e);
        }
        return;
      case 'synAck':
        if (e.state !== 'Connect' || e.attempt !== m.conn) return;
        e.conn = m.conn;
        this.clearTimers(e);
        this.deliver(e, 'ack', m.conn);
        this.sendOpen(e);
        return;
      case 'ack':
        if (e.attempt !== m.conn || e.state === 'OpenSent' || e.state === 'OpenConfirm' || e.state === 'Established')
          return;
        this.sendOpen(e);
        return;
    }
    if (m.conn !== e.conn) return; // a message of an old connection
    this.restartHold(e);
    switch (m.type) {
      case 'open':
        if (e.state !== 'OpenSent') return;
        e.holdNs = negotiatedHoldNs(e.cfg.timers, m.holdNs as number);
        e.keepaliveNs = keepaliveIntervalNs(e.cfg.timers, e.holdNs);
        e.peerGr = e.peer.cfg.timers.gracefulRestart !== 'off' && e.cfg.timers.gracefulRestart !== 'off';
        e.peerRestartNs = e.peer.cfg.timers.restartTimeNs;
        this.setState(e, 'OpenConfirm');
        this.send(e, 'keepalive');
        this.restartHold(e);
        return;
      case 'keepalive':
        if (e.state === 'OpenConfirm') this.established(e);
        return;
      case 'update':
        if (e.state === 'Established') this.importRoute(e, m.prefix as Prefix);
        return;
      case 'withdraw':
        if (e.state === 'Established') this.removeRoute(e, m.prefix as Prefix, 'withdraw');
        return;
      case 'eor':
        if (e.state === 'Established') this.flushStale(e, 'endOfRib');
        return;
      case 'notification':
        this.down(e, `Received: ${m.code ?? 'Cease'}`, false);
        return;
      case 'connLost':
        this.down(e, 'Socket: Connection closed', true);
        return;
    }
  }

  private sendOpen(e: End): void {
    this.setState(e, 'OpenSent');
    this.send(e, 'open');
    // Until the OPEN arrives the hold timer runs with the locally configured (startup) hold time.
    this.restartHoldWith(e, e.cfg.timers.holdTimeNs);
  }

  private established(e: End): void {
    this.setState(e, 'Established');
    e.errorWaitNs = 0;
    e.lastError = '';
    this.timeline.emit('bgp.established', {
      speaker: e.speaker.cfg.name,
      protocol: e.cfg.protocol,
      peer: e.peer.speaker.cfg.name,
    });
    for (const p of e.speaker.originated.values()) this.send(e, 'update', p);
    this.send(e, 'eor');
    if (e.keepaliveTimer === null) e.keepaliveTimer = this.engine.schedule(e.keepaliveNs, this.kKeepalive, e);
  }

  private keepaliveFire(e: End): void {
    e.keepaliveTimer = null;
    if (e.state !== 'Established' && e.state !== 'OpenConfirm') return;
    this.send(e, 'keepalive');
  }

  /** RFC 4271 / BIRD bgp_hold_timeout: NOTIFICATION Hold Timer Expired, routes flushed at once (reference 1.9 rule 1). */
  private holdExpired(e: End): void {
    e.holdTimer = null;
    this.send(e, 'notification', undefined, 'Hold timer expired');
    this.down(e, 'Error: Hold timer expired', false);
  }

  /**
   * Leaves the session: Idle, routes from the peer flushed (or kept stale when `gr` and graceful restart was negotiated,
   * RFC 4724 / BIRD bgp_handle_graceful_restart), then BIRD's error wait (startup delay, doubling while errors repeat
   * within `error forget time`) before starting again.
   */
  private down(e: End, why: string, gr: boolean): void {
    const wasUp = e.state === 'Established';
    e.conn = 0;
    this.clearTimers(e);
    e.lastError = why;
    this.setState(e, 'Idle');
    if (wasUp)
      this.timeline.emit('bgp.down', {
        speaker: e.speaker.cfg.name,
        protocol: e.cfg.protocol,
        peer: e.peer.speaker.cfg.name,
        reason: why,
        gracefulRestart: gr && e.peerGr,
      });
    if (gr && e.peerGr && wasUp) {
      for (const p of e.speaker.rib.pathsFrom(e.cfg.protocol)) p.stale = true;
      e.speaker.rib.resort();
      this.fibChanged(e.speaker);
      if (e.grTimer !== null) this.engine.cancel(e.grTimer);
      e.grTimer = this.engine.schedule(e.peerRestartNs, this.kGr, e);
    } else this.flushAll(e, why);
    const t = e.cfg.timers;
    const now = this.engine.now;
    e.errorWaitNs =
      e.errorWaitNs === 0 || now - e.lastErrorAt > t.errorForgetNs
        ? t.errorWaitMinNs
        : Math.min(2 * e.errorWaitNs, t.errorWaitMaxNs);
    e.lastErrorAt = now;
    e.retryTimer = this.engine.schedule(e.errorWaitNs, this.kStartup, e);
  }

  /** The speaker itself went away: its ends stop without telling anyone. */
  private silence(e: End): void {
    e.conn = 0;
    this.clearTimers(e);
    if (e.grTimer !== null) {
      this.engine.cancel(e.grTimer);
      e.grTimer = null;
    }
    const wasUp = e.state === 'Established';
    this.setState(e, 'Idle');
    if (wasUp)
      this.timeline.emit('bgp.down', {
        speaker: e.speaker.cfg.name,
        protocol: e.cfg.protocol,
        peer: e.peer.speaker.cfg.name,
        reason: 'speaker stopped',
        gracefulRestart: false,
      });
    // Its own table goes with it (BIRD exits); nothing is sent.
    for (const p of e.speaker.rib.pathsFrom(e.cfg.protocol)) e.speaker.rib.remove(p.prefix, e.cfg.protocol);
  }

  private grTimeout(e: End): void {
    e.grTimer = null;
    this.flushStale(e, 'gracefulRestartTimeout');
  }

  private importRoute(e: End, prefix: Prefix): void {
    const s = e.speaker;
    const f = s.cfg.importFilter ?? 'all';
    if (f !== 'all' && !f.some((p) => prefixWithin(prefix, p))) return;
    const peer = e.peer.speaker;
    const ebgp = peer.cfg.asNumber !== s.cfg.asNumber;
    const path: BgpPath = {
      prefix,
      protocol: e.cfg.protocol,
      peer: peer.cfg.name,
      nextHop: peer.address,
      routerId: peer.routerId,
      neighbourAddress: peer.address,
      localPref: 100,
      asPathLength: ebgp ? 1 : 0,
      origin: 0,
      med: 0,
      neighbourAs: peer.cfg.asNumber,
      ebgp,
      igpMetric: 0,
      stale: false,
      since: this.engine.now,
    };
    const wasStale = s.rib.paths(prefix).some((p) => p.protocol === e.cfg.protocol && p.stale);
    s.rib.upsert(path);
    if (s.cfg.recordRoutes ?? true)
      if (!wasStale)
        this.timeline.emit('bgp.advertised', {
          speaker: s.cfg.name,
          protocol: e.cfg.protocol,
          peer: peer.cfg.name,
          prefix: formatPrefix(prefix),
        });
    this.fibChanged(s);
  }

  private removeRoute(e: End, prefix: Prefix, reason: string): void {
    const s = e.speaker;
    if (s.rib.remove(prefix, e.cfg.protocol) === undefined) return;
    if (s.cfg.recordRoutes ?? true)
      this.timeline.emit('bgp.withdrawn', {
        speaker: s.cfg.name,
        protocol: e.cfg.protocol,
        peer: e.peer.speaker.cfg.name,
        prefix: formatPrefix(prefix),
        reason,
      });
    this.fibChanged(s);
  }

  private flushAll(e: End, reason: string): void {
    if (e.grTimer !== null) {
      this.engine.cancel(e.grTimer);
      e.grTimer = null;
    }
    for (const p of e.speaker.rib.pathsFrom(e.cfg.protocol)) this.removeRoute(e, p.prefix, reason);
  }

  private flushStale(e: End, reason: string): void {
    if (e.grTimer !== null) {
      this.engine.cancel(e.grTimer);
      e.grTimer = null;
    }
    for (const p of e.speaker.rib.pathsFrom(e.cfg.protocol, true)) this.removeRoute(e, p.prefix, reason);
  }

  // ---- messages and timers ----

  private send(e: End, type: MsgType, prefix?: Prefix, code?: string): void {
    if (type === 'open') this.deliverMsg({ to: e.peer, type, conn: e.conn, holdNs: e.cfg.timers.holdTimeNs }, e);
    else this.deliverMsg({ to: e.peer, type, conn: e.conn, prefix, code }, e);
    // RFC 4271 4.4: the keepalive timer restarts whenever a KEEPALIVE or UPDATE goes out.
    if (
      (type === 'keepalive' || type === 'update' || type === 'withdraw' || type === 'eor') &&
      e.keepaliveNs > 0 &&
      (e.state === 'Established' || e.state === 'OpenConfirm')
    ) {
      if (e.keepaliveTimer !== null) this.engine.cancel(e.keepaliveTimer);
      e.keepaliveTimer = this.engine.schedule(e.keepaliveNs, this.kKeepalive, e);
    }
  }

  private deliver(from: End, type: MsgType, conn: number): void {
    this.deliverMsg({ to: from.peer, type, conn }, from);
  }

  private deliverMsg(m: Msg, from: End): void {
    const d = this.transport.oneWayNs(from.speaker.cfg.host, m.to.speaker.cfg.host);
    if (d < 0) return; // lost: unreachable
    this.engine.schedule(d, this.kMsg, m);
  }

  private restartHold(e: End): void {
    if (e.holdNs > 0 && (e.state === 'OpenConfirm' || e.state === 'Established')) this.restartHoldWith(e, e.holdNs);
  }

  private restartHoldWith(e: End, ns: SimTime): void {
    if (e.holdTimer !== null) this.engine.cancel(e.holdTimer);
    e.holdTimer = this.engine.schedule(ns, this.kHold, e);
  }

  private clearTimers(e: End): void {
    for (const h of [e.holdTimer, e.keepaliveTimer, e.retryTimer]) if (h !== null) this.engine.cancel(h);
    e.holdTimer = null;
    e.keepaliveTimer = null;
    e.retryTimer = null;
  }

  private setState(e: End, state: BgpState): void {
    const wasUp = e.state === 'Established';
    const isUp = state === 'Established';
    if (wasUp !== isUp || (state === 'Active' && e.state === 'Idle')) e.protoSince = this.engine.now;
    e.state = state;
  }

  private fibChanged(s: Speaker): void {
    this.callbacks.onFibChanged?.(s.cfg.name);
  }

  private speaker(name: string): Speaker {
    const s = this.speakers.get(name);
    if (s === undefined)
      throw new InputError(`unknown BGP speaker ${JSON.stringify(name)}`, {}, [...this.speakers.keys()].join(', '));
    return s;
  }

  private end(speaker: string, protocol: string): End {
    const e = this.speaker(speaker).ends.find((x) => x.cfg.protocol === protocol);
    if (e === undefined)
      throw new InputError(
        `speaker ${speaker} has no BGP protocol ${JSON.stringify(protocol)}`,
        {},
        this.speaker(speaker)
          .ends.map((x) => x.cfg.protocol)
          .join(', '),
      );
    return e;
  }
}

function isOpenOrLater(s: BgpState): boolean {
  return s === 'OpenSent' || s === 'OpenConfirm' || s === 'Established';
}
