// TCP's loss recovery as Linux runs it, folded into one delivery time per message: a lost SYN or SYN-ACK is sent again
// after the initial RTO (1 s, doubling, tcp_syn_retries times), a lost data segment after the RTO of the measured RTT
// (doubling, tcp_retries2 times). Pure functions over the network's seeded draws: no state, no allocation.
import { LOST, UNREACHABLE, type Network } from './network.js';

/** include/net/tcp.h TCP_TIMEOUT_INIT (Linux 6.6): 1 s, RFC 6298 2.1's initial RTO, the first SYN retransmission's wait. */
export const TCP_TIMEOUT_INIT_NS = 1_000_000_000;
/** include/net/tcp.h TCP_RTO_MIN (HZ/5, Linux 6.6): the RTO never goes below 200 ms, however short the RTT. */
export const TCP_RTO_MIN_NS = 200_000_000;
/** include/net/tcp.h TCP_RTO_MAX (120*HZ, Linux 6.6): the exponential back-off stops doubling at 120 s. */
export const TCP_RTO_MAX_NS = 120_000_000_000;
/** Documentation/networking/ip-sysctl.rst (Linux 6.6) tcp_syn_retries default 6: connect() gives up after about 127 s. */
export const TCP_SYN_RETRIES = 6;
/** Documentation/networking/ip-sysctl.rst (Linux 6.6) tcp_retries2 default 15: data retransmissions before the reset. */
export const TCP_RETRIES2 = 15;

/**
 * The RTO after the connection's first RTT sample R: RFC 6298 2.2 sets SRTT = R and RTTVAR = R/2; Linux's
 * tcp_rtt_estimator and tcp_set_rto (net/ipv4/tcp_input.c, 6.6) take SRTT + max(4 RTTVAR, TCP_RTO_MIN).
 */
export function dataRtoNs(rttNs: number): number {
  return rttNs + Math.max(2 * rttNs, TCP_RTO_MIN_NS);
}

/**
 * The three-way handshake from `client` to `server` (host indices): the round trip, plus the client's SYN back-off
 * (1, 2, 4... s) for every attempt whose SYN or SYN-ACK the network drops. UNREACHABLE when the path is down (nothing
 * gets through: the caller's timeouts decide, as for a blackholed link), LOST when all 1 + tcp_syn_retries attempts
 * were lost (connect() fails with ETIMEDOUT about 127 s after the first SYN).
 */
export function handshakeNs(net: Network, client: number, server: number): number {
  const there = net.baseDelay(client, server);
  const back = net.baseDelay(server, client);
  if (there < 0 || back < 0) return UNREACHABLE;
  let wait = 0;
  let rto = TCP_TIMEOUT_INIT_NS;
  for (let attempt = 0; attempt <= TCP_SYN_RETRIES; attempt++) {
    if (!net.drops(client, server) && !net.drops(server, client)) return wait + there + back;
    wait += rto;
    rto = Math.min(2 * rto, TCP_RTO_MAX_NS);
  }
  return LOST;
}

/**
 * One data segment (a request or an answer of `bytes`) on an open connection: its one-way delay, plus the RTO waited
 * for each lost copy (from the connection's RTT, doubling). UNREACHABLE when the path is down, LOST once the
 * tcp_retries2 retransmissions are lost too. A loss-free link costs exactly one Network.delay() call, as before.
 * The ACK's own loss is left out: the receiver has the data then, and the next segment's ACK covers it.
 */
export function segmentNs(net: Network, from: number, to: number, bytes: number): number {
  let d = net.delay(from, to, bytes);
  if (d !== LOST) return d;
  let wait = 0;
  let rto = dataRtoNs(net.baseDelay(from, to) + net.baseDelay(to, from));
  for (let retry = 0; retry < TCP_RETRIES2; retry++) {
    wait += rto;
    rto = Math.min(2 * rto, TCP_RTO_MAX_NS);
    d = net.delay(from, to, bytes);
    if (d === UNREACHABLE) return UNREACHABLE;
    if (d >= 0) return wait + d;
  }
  return LOST;
}
