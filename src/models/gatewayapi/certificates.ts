// The DNS names of a kubernetes.io/tls Secret's certificate (tls.crt, PEM). Only the names matter to routing (which
// certificate an SNI selects, whether a client's hostname check passes); the key is never read. The certificate's
// DER is walked here (RFC 5280: tbsCertificate's subject and the subjectAltName extension) with no crypto library, so
// the same code runs in Node and in a browser.
import type { ObjectOf } from '../k8s/k8s-object.js';

export type CertificateNames = { ok: true; dnsNames: string[] } | { ok: false; problem: string };

export function certificateNames(secret: ObjectOf<'Secret'>): CertificateNames {
  if (secret.type !== 'kubernetes.io/tls')
    return { ok: false, problem: `Secret type is ${secret.type}, expected kubernetes.io/tls` };
  let pem = secret.stringData['tls.crt'];
  if (pem === undefined && secret.data['tls.crt'] !== undefined) {
    try {
      pem = new TextDecoder().decode(base64Bytes(secret.data['tls.crt']));
    } catch {
      pem = '';
    }
  }
  if (pem === undefined) return { ok: false, problem: 'Secret has no tls.crt' };
  try {
    const { sanDnsNames, subjectCn } = readCertificate(pemBody(pem));
    if (sanDnsNames.length > 0) return { ok: true, dnsNames: sanDnsNames.map((n) => n.toLowerCase()) };
    return { ok: true, dnsNames: subjectCn !== undefined ? [subjectCn.toLowerCase()] : [] };
  } catch {
    return { ok: false, problem: 'tls.crt is not a PEM-encoded X.509 certificate' };
  }
}

/** The DER bytes of the first CERTIFICATE block of a PEM text. Throws when there is none. */
function pemBody(pem: string): Uint8Array {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (m === null) throw new Error('no CERTIFICATE block');
  return base64Bytes(m[1].replace(/\s+/g, ''));
}

function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Error('not base64');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

interface Tlv {
  tag: number;
  /** Offset of the contents and one past their end. */
  start: number;
  end: number;
}

/** One DER element at `at` inside `[at, limit)`. Throws on a truncated or indefinite-length element. */
function tlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error('truncated');
  const tag = der[at];
  if ((tag & 0x1f) === 0x1f) throw new Error('high tag numbers are not used in certificates');
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new Error('truncated');
  return { tag, start, end };
}

/** The elements inside a constructed element. */
function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

function oid(der: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let v = 0;
  for (let i = t.start; i < t.end; i++) {
    v = v * 128 + (der[i] & 0x7f);
    if ((der[i] & 0x80) === 0) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

const SEQUENCE = 0x30;
const CN = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';

function readCertificate(der: Uint8Array): { sanDnsNames: string[]; subjectCn: string | undefined } {
  const cert = tlv(der, 0, der.length);
  if (cert.tag !== SEQUENCE) throw new Error('not a SEQUENCE');
  const [tbs] = children(der, cert);
  if (tbs?.tag !== SEQUENCE) throw new Error('no tbsCertificate');
  const fields = children(der, tbs);
  // version [0] is optional; then serialNumber, signature, issuer, validity, subject.
  const first = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[first + 4];
  if (subject?.tag !== SEQUENCE || fields.length < first + 6) throw new Error('no subject');
  const text = (t: Tlv) => new TextDecoder().decode(der.subarray(t.start, t.end));
  let subjectCn: string | undefined;
  for (const rdn of children(der, subject))
    for (const atv of children(der, rdn)) {
      const [type, value] = children(der, atv);
      if (type !== undefined && value !== undefined && oid(der, type) === CN) subjectCn = text(value);
    }
  const sanDnsNames: string[] = [];
  const extensions = fields.find((f) => f.tag === 0xa3);
  if (extensions !== undefined) {
    const [list] = children(der, extensions);
    for (const ext of list === undefined ? [] : children(der, list)) {
      const parts = children(der, ext);
      if (parts.length < 2 || oid(der, parts[0]) !== SUBJECT_ALT_NAME) continue;
      const octets = parts[parts.length - 1];
      const names = tlv(der, octets.start, octets.end);
      // GeneralName dNSName is [2] IMPLICIT IA5String.
      for (const n of children(der, names)) if (n.tag === 0x82) sanDnsNames.push(text(n));
    }
  }
  return { sanDnsNames, subjectCn };
}
