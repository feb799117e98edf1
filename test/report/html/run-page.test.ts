import { describe, it, expect } from 'vitest';
import { renderRunReport } from '../../../src/report/run-report.js';
import { escapeHtml } from '../../../src/report/html/escape.js';
import { EVIL, evilFixture, loadFixture } from '../fixtures.js';

describe('HTML report', () => {
  it('shows every user-provided string as text, never as markup (pod, route, scenario, lines, timeline, YAML)', async () => {
    const report = await renderRunReport(evilFixture(), {
      scenarioYaml: `metadata:\n  name: "${EVIL}"\n`,
      manifests: [{ file: `manifests/${EVIL}.yaml`, text: `kind: Service\nmetadata: {name: "${EVIL}"}\n` }],
    });
    const html = report.files.find((f) => f.path === 'index.html')!.content;
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // In the split table, the pod counts chart, the timeline, the YAML and the manifest's summary.
    expect(html.split('&lt;script&gt;alert(1)&lt;/script&gt;').length).toBeGreaterThan(10);
    for (const f of report.files.filter((x) => x.path.endsWith('.svg')))
      expect(f.content.toLowerCase(), f.path).not.toContain('<script');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('is self-contained: no external resources, a viewport for phones, every chart inline', async () => {
    const report = await renderRunReport(loadFixture('ha-failover'), {
      scenarioYaml: 'kind: Scenario\n',
      manifests: [{ file: 'manifests/a.yaml', text: 'kind: Service\n' }],
    });
    const html = report.files.find((f) => f.path === 'index.html')!.content;
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<(script|link|iframe|img)\b/i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect((html.match(/<svg /g) ?? []).length).toBe(report.charts.length);
    expect(html).toContain('<details><summary>scenario.yaml</summary><pre>kind: Scenario\n</pre></details>');
    expect(html).toContain('<details><summary>manifests/a.yaml</summary>');
    const r = loadFixture('ha-failover');
    expect(html).toContain(
      `<dt>seed</dt><dd>1</dd><dt>scenario sha256</dt><dd>${r.scenarioHash}</dd><dt>gwsim</dt><dd>0.1.0</dd>`,
    );
  });

  it('lists the files of a report in a stable order', async () => {
    const report = await renderRunReport(loadFixture('round-robin'), { scenarioYaml: null, manifests: [] });
    expect(report.files.map((f) => f.path)).toEqual([
      'result.json',
      'report.txt',
      'series.csv',
      'charts/step-8-pods.vl.json',
      'charts/step-8-pods.svg',
      'charts/step-8-latency-histogram.vl.json',
      'charts/step-8-latency-histogram.svg',
      'charts/step-8-latency-cdf.vl.json',
      'charts/step-8-latency-cdf.svg',
      'index.html',
    ]);
    expect(report.files[0].content).toBe(JSON.stringify(loadFixture('round-robin'), null, 2) + '\n');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
