// The TLS Secrets a scenario's manifests carry, written where the exported Envoy config reads them
// (`<certDir>/<namespace>/<name>/tls.crt` and `tls.key`, src/models/envoy/export/listeners.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectOf } from '../../models/k8s/k8s-object.js';
import { loadManifests } from '../../models/k8s/load-manifests.js';
import type { ResolvedScenario } from '../../scenarios/schema/resolved.js';

export function writeSecrets(s: ResolvedScenario, certDir: string): void {
  for (const st of s.steps) {
    if (st.kind !== 'apply') continue;
    for (const o of loadManifests(st.manifests.text, st.manifests.file)) {
      if (o.kind !== 'Secret') continue;
      const secret = o as ObjectOf<'Secret'>;
      const dir = join(certDir, secret.metadata.namespace ?? 'default', secret.metadata.name);
      for (const key of ['tls.crt', 'tls.key']) {
        const text =
          secret.stringData[key] ??
          (secret.data[key] !== undefined ? Buffer.from(secret.data[key], 'base64').toString() : undefined);
        if (text === undefined) continue;
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, key), text);
      }
    }
  }
}
