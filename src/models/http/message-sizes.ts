// The bytes a request and its answer put on the wire and through Envoy's worker (link serialisation, the CPU's
// per-KiB cost): echo-basic's JSON reply is about 500 bytes with its headers, a curl or hey GET about 100.
export const REQUEST_BYTES = 100;
export const RESPONSE_BYTES = 500;
