// The JSON shape of an exported Envoy config and the value formats Envoy's proto JSON wants (durations as "1.5s",
// typed configs with "@type"), plus the deep key sort that makes every export's key order alphabetical and stable.
import { compareText } from '../../../sim/compare-text.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A google.protobuf.Duration as proto JSON writes it: seconds with up to nine decimals ("10s", "0.25s"). */
export function duration(ns: number): string {
  const whole = Math.floor(ns / 1e9);
  const frac = Math.round(ns - whole * 1e9);
  return frac === 0 ? `${whole}s` : `${whole}.${String(frac).padStart(9, '0').replace(/0+$/, '')}s`;
}

/** An extension's typed_config: its proto type URL first, then its fields. */
export function typed(type: string, fields: JsonObject = {}): JsonObject {
  return { '@type': `type.googleapis.com/${type}`, ...fields };
}

/** A named extension (filter, predicate) with its typed config. */
export function extension(name: string, type: string, fields: JsonObject = {}): JsonObject {
  return { name, typed_config: typed(type, fields) };
}

/** The value with every object's keys in code-point order, recursively (arrays keep their order). */
export function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const k of Object.keys(value).sort(compareText)) out[k] = sortKeys(value[k]);
  return out;
}

/** A socket address. */
export function socketAddress(address: string, port: number): JsonObject {
  return { socket_address: { address, port_value: port } };
}
