// Kubernetes-style generated names for ReplicaSets and Pods: `<deployment>-<pod-template-hash>-<5 chars>`.
// Owns the hash and the suffix alphabet; not scheduling or IPs.
import type { Rng } from '../../sim/rng.js';
import { canonicalJson } from './canonical-json.js';

/** k8s.io/apimachinery/pkg/util/rand: the consonant-and-digit alphabet of generated names (no vowels, no 0/1/3). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32-bit (hash/fnv New32a): offset basis 2166136261, prime 16777619, over UTF-8 bytes. */
export function fnv32a(text: string): number {
  const bytes = new TextEncoder().encode(text);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each byte of the string becomes NAME_ALPHABET[byte % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/**
 * pod-template-hash. Kubernetes (pkg/controller/controller_utils.go ComputeHash) hashes the pod template printed by
 * go-spew with FNV-32a, appends the collision count, and safe-encodes the decimal Sum32. gwsim hashes the template's
 * canonical JSON instead of spew's rendering (no seed involved): the value differs from a real cluster's, but it has the
 * same form (6-10 chars from {4-9,b,c,d,f}), changes exactly when the template changes, and is stable across runs.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const h = fnv32a(canonicalJson(template) + (collisionCount > 0 ? `#${collisionCount}` : ''));
  return safeEncodeString(String(h));
}

/** generateName suffix: 5 chars from NAME_ALPHABET (utilrand.String(5)), drawn from the caller's named stream. */
export function randomSuffix(rng: Rng, length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_ALPHABET[rng.below(NAME_ALPHABET.length)];
  return s;
}

/** names.SimpleNameGenerator: base truncated to 58 chars so base + 5-char suffix fits 63. */
export function generateName(base: string, rng: Rng): string {
  return base.slice(0, 58) + randomSuffix(rng);
}

/** A version-4 UUID (metadata.uid, k8s.io/apimachinery util/uuid NewUUID: google/uuid NewRandom) from a named stream. */
export function uuid(rng: Rng): string {
  let h = '';
  for (let i = 0; i < 32; i++) h += '0123456789abcdef'[rng.below(16)];
  const v = '89ab'[rng.below(4)];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
