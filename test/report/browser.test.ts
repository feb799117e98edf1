// Opens a generated report in Debian's Chromium (playwright-core, headless) as a reader would: no console errors, no
// failed requests, every chart drawn, laid out for a laptop and a phone. Screenshots go to test-output/.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeRunReports } from '../../src/cli/write-reports.js';
import { loadFixture } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUTPUT = resolve('test-output');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!haveChromium)('report page in Chromium', () => {
  it('loads from file:// with no console errors or failed requests, shows every chart, fits a laptop and a phone', async () => {
    const { chromium } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'gwsim-browser-'));
    const written = await writeRunReports(loadFixture('ha-failover'), dir, {
      scenarioYaml: 'apiVersion: gwsim.dev/v1alpha1\nkind: Scenario\n',
      manifests: [{ file: 'manifests/route.yaml', text: 'kind: HTTPRoute\n' }],
    });
    const charts = written.report.charts.length;
    expect(charts).toBeGreaterThan(5);
    mkdirSync(OUTPUT, { recursive: true });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      for (const [label, viewport] of [
        ['laptop', { width: 1366, height: 900 }],
        ['phone', { width: 390, height: 844 }],
      ] as const) {
        const page = await browser.newPage({ viewport });
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        const response = await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
        expect(response?.ok() ?? true).toBe(true);
        expect(problems).toEqual([]);
        expect(requests).toEqual([pathToFileURL(join(dir, 'index.html')).href]);
        // One <svg> per chart, drawn at its natural width or at least 560 px (labels stay legible; a phone scrolls the
        // figure sideways), inside a figure that fits the screen.
        const boxes = await page.$$eval('figure', (figs) =>
          figs.map((f) => {
            const svg = f.querySelector('svg')!;
            const b = svg.getBoundingClientRect();
            return {
              w: b.width,
              h: b.height,
              natural: Number(svg.getAttribute('width')),
              figureRight: f.getBoundingClientRect().right,
            };
          }),
        );
        expect(boxes).toHaveLength(charts);
        for (const b of boxes) {
          expect(b.w).toBeGreaterThanOrEqual(Math.min(b.natural, 560) - 0.5);
          expect(b.h).toBeGreaterThan(50);
          expect(b.figureRight).toBeLessThanOrEqual(viewport.width + 0.5);
        }
        // Nothing but scrolling tables may be wider than the screen.
        const overflow = Number(
          await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await page.screenshot({
          path: join(OUTPUT, `report-${label}.png`),
          fullPage: label === 'phone' ? false : true,
        });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  });
});
