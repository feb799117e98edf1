// What one Envoy worker spends on the CPU per unit of work: a request through the HTTP connection manager and router,
// a new downstream connection, a TLS handshake (terminate), a tcp_proxy connection (passthrough), a KiB of body.
// Off by default (every cost 0) until the saturation calibration of issue 16 lands: `npm run bench -- envoy-cost`
// measures Envoy 1.40's costs on this machine (bench/RESULTS.md); a scenario sets its own in spec.gateway.cpu.

/** Nanoseconds of one worker's CPU per unit; all zero is "the gateway costs nothing" (the model off). */
export interface EnvoyCpuCosts {
  /** An HTTP request and its response through the HCM, router and LB pick (half on each way), bodies aside. */
  readonly requestNs: number;
  /** Accepting a downstream TCP connection and setting up its HTTP codec (plain HTTP). */
  readonly connectionNs: number;
  /** A full TLS handshake on a terminating listener (RSA 2048 certificate, as the labs' mkcert certificates). */
  readonly tlsHandshakeNs: number;
  /** A passthrough (tcp_proxy) connection: TLS inspector, filter chain match, upstream connect. */
  readonly tcpProxyConnectionNs: number;
  /** A request relayed over an established passthrough connection (bytes copied both ways, no HTTP parsing). */
  readonly tcpProxyRequestNs: number;
  /** Each KiB of request or response body copied through the worker. */
  readonly perKiBNs: number;
}

/** No cost for anything: the gateway adds no time and never saturates (spec.gateway.cpu with every cost 0s). */
export const FREE_GATEWAY: EnvoyCpuCosts = {
  requestNs: 0,
  connectionNs: 0,
  tlsHandshakeNs: 0,
  tcpProxyConnectionNs: 0,
  tcpProxyRequestNs: 0,
  perKiBNs: 0,
};

/** The gateway costs nothing (spec.gateway.cpu with every cost 0s). */
export function isFree(c: EnvoyCpuCosts): boolean {
  return (
    c.requestNs === 0 &&
    c.connectionNs === 0 &&
    c.tlsHandshakeNs === 0 &&
    c.tcpProxyConnectionNs === 0 &&
    c.tcpProxyRequestNs === 0 &&
    c.perKiBNs === 0
  );
}
