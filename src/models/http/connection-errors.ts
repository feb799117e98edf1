// What a client hears when the gateway ends a connection without an HTTP answer: the kernel's RST to a SYN, or Envoy
// closing a connection no filter chain takes. The request path reports these at once (no timeout runs out).
import type { ConnectionEnd } from '../gatewayapi/gateway-config.js';

/** The kernel answers the SYN with RST: nothing listens on the port (ECONNREFUSED). */
export const CONNECTION_REFUSED = 'Connection refused';
/**
 * A TLS ClientHello Envoy closes the connection on before any handshake (no filter chain matches its SNI, or the
 * TCP proxy behind the chain has no upstream): the client's TLS handshake ends in EOF or RST.
 */
export const TLS_HANDSHAKE_CLOSED = 'TLS handshake closed by the peer';
/** Plain HTTP sent to a TLS listener: Envoy closes the connection with the request unread, so the kernel sends RST. */
export const CONNECTION_RESET = 'Connection reset by peer';

/** The client's message for a connection the gateway rejected. */
export function connectionEndMessage(end: ConnectionEnd): string {
  return end === 'refused' ? CONNECTION_REFUSED : end === 'reset' ? CONNECTION_RESET : TLS_HANDSHAKE_CLOSED;
}

/** Whether the client learns of the failure at once (a RST or an ICMP error) rather than by waiting. */
export function isImmediate(message: string): boolean {
  return (
    message === CONNECTION_REFUSED ||
    message === 'No route to host' ||
    message === TLS_HANDSHAKE_CLOSED ||
    message === CONNECTION_RESET
  );
}
