// Every catalog scenario loads and resolves; every manifest it applies exists and says where it comes from; the ones
// that claim to be verbatim are byte-for-byte heredocs of the seed document they name.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  catalogEntry,
  catalogFiles,
  loadCatalogScenario,
  readCatalogFile,
} from '../../../src/scenarios/catalog/index.js';
import { InputError } from '../../../src/sim/input-error.js';

const seedsDir = join(dirname(fileURLToPath(import.meta.url)), 'seeds');
const SEEDS: Record<string, string> = {
  '000': '000-cluster-mesh.txt',
  '001': '001-round-robin.txt',
  '002': '002-ha-failover.txt',
  '003': '003-consistent-hash.txt',
};

/** The `kubectl apply -f - <<EOF ... EOF` blocks of a seed document, dedented as a shell user would paste them. */
function heredocs(seed: string): string[] {
  const lines = readFileSync(join(seedsDir, SEEDS[seed]), 'utf8').split('\n');
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/<<\s*EOF/.test(lines[i])) continue;
    let j = i + 1;
    while (lines[j].trim() !== 'EOF') j++;
    const body = lines.slice(i + 1, j);
    const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    blocks.push(body.map((l) => (l.trim() === '' ? '' : l.slice(indent))).join('\n') + '\n');
    i = j;
  }
  return blocks;
}

/** The manifest text below its leading comment lines. */
function body(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (lines[i].startsWith('#')) i++;
  return lines.slice(i).join('\n');
}

const manifests = catalogFiles().filter((f) => f.includes('/manifests/'));

describe('catalog', () => {
  it('lists the five workshops and their what-ifs, each name once', () => {
    expect(CATALOG.filter((e) => e.variantOf === null).map((e) => e.name)).toEqual([
      'cluster-mesh',
      'round-robin',
      'ha-failover',
      'consistent-hash',
      'cilium-lab',
    ]);
    expect(new Set(CATALOG.map((e) => e.name)).size).toBe(CATALOG.length);
    for (const e of CATALOG) if (e.variantOf !== null) expect(catalogEntry(e.variantOf)?.folder).toBe(e.folder);
    for (const name of [
      'round-robin-workers',
      'consistent-hash-scale',
      'ha-failover-default-ejection',
      'cluster-mesh-us-west-down',
      'least-request-uneven',
      'queueing-mm4',
    ]) {
      expect(catalogEntry(name)).toBeDefined();
    }
  });

  it.each(CATALOG.map((e) => e.name))('%s loads, resolves and is named as listed', (name) => {
    const s = loadCatalogScenario(name);
    expect(s.name).toBe(name);
    expect(s.source?.slice(0, 3)).toBe(catalogEntry(name)!.source.slice(0, 3));
    expect(s.steps.length).toBeGreaterThan(0);
    expect(s.expect.length).toBeGreaterThan(0);
    for (const step of s.steps) if (step.kind === 'apply') expect(step.manifests.text.length).toBeGreaterThan(0);
  });

  it('applies every manifest file at least once', () => {
    const used = new Set(
      CATALOG.flatMap((e) =>
        loadCatalogScenario(e.name).steps.flatMap((s) => (s.kind === 'apply' ? [s.manifests.file] : [])),
      ),
    );
    for (const f of manifests) expect(used, f).toContain(`catalog/${f}`);
  });

  it('labels every manifest as verbatim, reconstructed or written for a what-if', () => {
    for (const f of manifests)
      expect(readCatalogFile(f), f).toMatch(/^# (verbatim-from: \d{3} |reconstructed: |written-for: )/);
  });

  it.each(manifests.filter((f) => readCatalogFile(f).startsWith('# verbatim-from:')))(
    '%s is a verbatim heredoc of its seed',
    (f) => {
      const text = readCatalogFile(f);
      const seed = /^# verbatim-from: (\d{3})/.exec(text)![1];
      expect(heredocs(seed)).toContain(body(text));
    },
  );

  it('finds the seed heredocs it compares against (the extraction itself works)', () => {
    expect(heredocs('001')).toHaveLength(6);
    expect(heredocs('002')).toHaveLength(6);
    expect(heredocs('001')[4]).toBe(
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: load-balancing-gateway\nspec:\n  gatewayClassName: tigera-gateway-class\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n',
    );
  });

  it('rejects unknown names and files with InputErrors', () => {
    expect(() => loadCatalogScenario('round-robbin')).toThrow(InputError);
    expect(() => readCatalogFile('catalog/round-robin/nope.yaml')).toThrow(InputError);
  });

  it('resolves the round-robin replay exactly as the workshop runs it', () => {
    const s = loadCatalogScenario('round-robin');
    expect(s.steps.map((x) => x.kind)).toEqual([
      'apply',
      'apply',
      'apply',
      'apply',
      'apply',
      'apply',
      'wait',
      'print',
      'print',
      'hey',
      'print',
    ]);
    const hey = s.steps[9];
    expect(hey).toMatchObject({
      kind: 'hey',
      n: 100,
      c: 100,
      host: 'www.example.com',
      from: 'bastion',
      target: { path: '/round', port: 80, hostRef: { name: 'load-balancing-gateway', namespace: 'default' } },
    });
    expect(s.expect[3]).toMatchObject({ stepIndex: 10, lines: { count: { min: 4, max: 4 } } });
    expect(s.gateway).toEqual({ workers: 1, replicas: 1 });
  });
});
