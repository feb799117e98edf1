// The portable certificate reader finds the names Node's X509Certificate finds, for every certificate in the catalog
// and the fixtures, and refuses what is not a certificate.
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateNames } from '../../../src/models/gatewayapi/certificates.js';
import type { ObjectOf } from '../../../src/models/k8s/k8s-object.js';
import { CATALOG_FILES } from '../../../src/scenarios/catalog/bundle.generated.js';

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

function nodeNames(pem: string): string[] {
  const cert = new X509Certificate(pem);
  const names = (cert.subjectAltName ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('DNS:'))
    .map((s) => s.slice(4).toLowerCase());
  if (names.length > 0) return names;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn !== undefined ? [cn.toLowerCase()] : [];
}

const secret = (crt: { stringData?: string; data?: string }): ObjectOf<'Secret'> =>
  ({
    type: 'kubernetes.io/tls',
    stringData: crt.stringData === undefined ? {} : { 'tls.crt': crt.stringData },
    data: crt.data === undefined ? {} : { 'tls.crt': crt.data },
  }) as unknown as ObjectOf<'Secret'>;

function fixturePems(): string[] {
  const texts = [...Object.values(CATALOG_FILES)];
  const dir = join(import.meta.dirname, '../../fixtures/seeds/004-cilium-gateway-api');
  for (const f of readdirSync(dir)) if (f.endsWith('.yaml')) texts.push(readFileSync(join(dir, f), 'utf8'));
  texts.push(readFileSync(join(import.meta.dirname, 'fixtures/conformance-base.yaml'), 'utf8'));
  return texts.flatMap((t) => [
    ...[...t.matchAll(PEM)].map((m) => m[0].replace(/^\s+/gm, '')),
    ...[...t.matchAll(/tls\.crt: ([A-Za-z0-9+/=]{40,})/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')),
  ]);
}

describe('certificateNames', () => {
  it('gives the names node:crypto reads, as PEM and as base64 data', () => {
    const pems = fixturePems();
    expect(pems.length).toBeGreaterThan(0);
    for (const pem of pems) {
      expect(certificateNames(secret({ stringData: pem }))).toEqual({ ok: true, dnsNames: nodeNames(pem) });
      expect(certificateNames(secret({ data: btoa(pem) }))).toEqual({ ok: true, dnsNames: nodeNames(pem) });
    }
  });

  it('refuses text that is not a certificate', () => {
    for (const bad of ['hello', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', ''])
      expect(certificateNames(secret({ stringData: bad })).ok).toBe(false);
    expect(certificateNames(secret({})).ok).toBe(false);
  });
});
