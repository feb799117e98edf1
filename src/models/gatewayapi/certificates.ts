// The DNS names of a kubernetes.io/tls Secret's certificate (tls.crt, PEM). Only the names matter to routing (which
// certificate an SNI selects, whether a client's hostname check passes); the key is never read.
import { X509Certificate } from 'node:crypto';
import type { ObjectOf } from '../k8s/k8s-object.js';

export type CertificateNames = { ok: true; dnsNames: string[] } | { ok: false; problem: string };

export function certificateNames(secret: ObjectOf<'Secret'>): CertificateNames {
  if (secret.type !== 'kubernetes.io/tls')
    return { ok: false, problem: `Secret type is ${secret.type}, expected kubernetes.io/tls` };
  const pem =
    secret.stringData['tls.crt'] ??
    (secret.data['tls.crt'] !== undefined ? Buffer.from(secret.data['tls.crt'], 'base64').toString('utf8') : undefined);
  if (pem === undefined) return { ok: false, problem: 'Secret has no tls.crt' };
  try {
    const cert = new X509Certificate(pem);
    const san = cert.subjectAltName ?? '';
    const names = san
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.startsWith('DNS:'))
      .map((s) => s.slice(4).toLowerCase());
    if (names.length > 0) return { ok: true, dnsNames: names };
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
    return { ok: true, dnsNames: cn !== undefined ? [cn.toLowerCase()] : [] };
  } catch {
    return { ok: false, problem: 'tls.crt is not a PEM-encoded X.509 certificate' };
  }
}
