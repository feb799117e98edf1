import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mdText, writeGallery, type GalleryEntry } from '../../src/cli/gallery.js';
import { InputError } from '../../src/sim/input-error.js';
import { loadFixture, type FixtureName } from '../report/fixtures.js';

function entry(name: FixtureName, title: string, variantOf: string | null = null): GalleryEntry {
  const result = loadFixture(name);
  return {
    name,
    title,
    source: result.source,
    variantOf,
    result,
    scenarioYaml: `metadata: {name: ${name}}\n`,
    manifests: [],
  };
}

describe('writeGallery', () => {
  it('writes each report and an index with the chart that makes each point', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gwsim-gal-'));
    mkdirSync(join(out, 'round-robin', 'charts'), { recursive: true });
    writeFileSync(join(out, 'round-robin', 'charts', 'stale.svg'), 'old');
    const md = await writeGallery(
      [
        entry('round-robin', 'Round robin over 4 pods'),
        entry('cluster-mesh', 'Cluster mesh 99:1'),
        entry('ha-failover', 'Failover'),
        entry('consistent-hash', 'What if the cookie sticks', 'round-robin'),
      ],
      out,
    );
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe(md);
    expect(existsSync(join(out, 'round-robin', 'charts', 'stale.svg'))).toBe(false);
    for (const img of [
      'round-robin/charts/step-8-pods.svg',
      'cluster-mesh/charts/step-10-split-0.svg',
      'ha-failover/charts/series-by-pod.svg',
      'consistent-hash/charts/step-7-pods.svg',
    ]) {
      expect(md).toContain(`](${img})`);
      expect(existsSync(join(out, img))).toBe(true);
    }
    expect(md.indexOf('## Workshop replays')).toBeLessThan(md.indexOf('### Round robin over 4 pods'));
    expect(md.indexOf('## What if')).toBeLessThan(md.indexOf('### What if the cookie sticks'));
    expect(md).toContain(
      '`consistent-hash` varies [round-robin](round-robin/index.html), from *003: Calico Ingress Gateway - Consistent Hash Load Balancing*.',
    );
    expect(md).toContain('100 requests, 60.023 s simulated, all 3 expectations hold; seed 1');
  });

  it('refuses entry names that are not plain folder names', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gwsim-gal-'));
    const bad = { ...entry('round-robin', 'x'), name: '../up' };
    await expect(writeGallery([bad], out)).rejects.toThrow(InputError);
  });

  it('mdText keeps markup characters literal', () => {
    expect(mdText('a [b](c) <d> *e*')).toBe('a \\[b\\]\\(c\\) &lt;d&gt; \\*e\\*');
  });
});
