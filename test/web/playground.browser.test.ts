/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The playground in a real browser (Debian's Chromium through playwright-core), on the built site (web/dist, built
// here with Vite) served by a tiny static server on 127.0.0.1. Skips where /usr/bin/chromium is missing, unless the
// run requires it (GWSIM_REQUIRE_TWIN=1 or CI, as .ci/run sets: .ci/install.d/10-chromium.sh installs it).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveStatic } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
const required = process.env.GWSIM_REQUIRE_TWIN === '1' || process.env.CI === 'true';
const present = existsSync(CHROMIUM);
const outDir = join(root, 'test-output/playground');

describe.skipIf(!present && !required)('the playground in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  const offsite: string[] = [];

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is missing (.ci/install.d/10-chromium.sh installs it)`);
    const { build } = await import('vite');
    await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'error' });
    server = await serveStatic(join(root, 'web/dist'));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--disable-background-networking'],
      headless: true,
    });
    mkdirSync(outDir, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh context whose every request must stay on 127.0.0.1 (others are recorded and aborted). */
  async function fresh(viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
      offsite.push(url.href);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => offsite.push(`page error: ${e.message}`));
    return { context, page };
  }

  async function runAndRead(page: Page): Promise<string> {
    await page.click('#run');
    await page.waitForFunction(
      () => /trace [0-9a-f]+/.test(document.querySelector('#output')?.textContent ?? ''),
      null,
      {
        timeout: 30_000,
      },
    );
    const error = await page.$eval('#error', (e) => ((e as HTMLElement).hidden ? '' : e.textContent));
    expect(error).toBe('');
    return (await page.textContent('#output')) ?? '';
  }

  it('lists the catalog, runs round-robin and prints four "received 25 requests" lines, as gwsim run does', async () => {
    const { context, page } = await fresh();
    await page.goto(server.url);
    await page.click('a[data-lesson="round-robin"]');
    const text = await runAndRead(page);
    expect(text.split('\n').filter((l) => /^ {2}backend-\S+: received 25 requests$/.test(l))).toHaveLength(4);
    // The golden text is `gwsim run round-robin` stamped with version "golden"; the site stamps package.json's.
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(text).toBe(
      readFileSync(join(root, 'test/golden/round-robin.txt'), 'utf8').replace(
        ', gwsim golden\n',
        `, gwsim ${version}\n`,
      ),
    );
    await page.waitForSelector('#charts svg', { timeout: 20_000 });
    await page.selectOption('#explain-step', '9');
    await page.click('#explain-run');
    await page.waitForFunction(() => (document.querySelector('#explain-out')?.textContent ?? '').length > 0);
    expect(await page.textContent('#explain-out')).toMatch(/\S/);
    await context.close();
  });

  it('cluster-mesh edited from 99/1 to 50/50 splits near 250/250, and its share link gives the same in a fresh page', async () => {
    const { context, page } = await fresh();
    await page.goto(`${server.url}#lesson=cluster-mesh`);
    const file = 'catalog/cluster-mesh/manifests/30-route.yaml';
    await page.click(`.file-tab[data-file="${file}"]`);
    const original = readFileSync(join(root, 'src/scenarios/catalog/cluster-mesh/manifests/30-route.yaml'), 'utf8');
    const edited = original.replace('weight: 99', 'weight: 50').replace('weight: 1\n', 'weight: 50\n');
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(edited);
    const text = await runAndRead(page);
    const counts = [...text.matchAll(/^ +(\d+) backend-us-(east|west)-/gm)].map((m) => Number(m[1]));
    expect(counts).toHaveLength(2);
    for (const n of counts) expect(n).toBeGreaterThan(200);
    for (const n of counts) expect(n).toBeLessThan(300);
    await page.click('#share');
    const link = await page.inputValue('#share-link');
    expect(link).toMatch(/#s=/);
    await context.close();

    const again = await fresh();
    await again.page.goto(link);
    expect(await runAndRead(again.page)).toBe(text);
    await again.context.close();
  });

  it("shows a broken manifest's error on its line, and is usable at 390 px", async () => {
    const { context, page } = await fresh({ width: 390, height: 844 });
    await page.goto(`${server.url}#lesson=round-robin`);
    const file = 'catalog/round-robin/manifests/20-gateway.yaml';
    await page.click(`.file-tab[data-file="${file}"]`);
    const original = readFileSync(join(root, 'src/scenarios/catalog/round-robin/manifests/20-gateway.yaml'), 'utf8');
    const broken = original.replace(/^kind: Gateway$/m, 'kind: Gateway\nspec: [');
    await page.click('.cm-content');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(broken);
    await page.click('#run');
    await page.waitForSelector('#error:not([hidden])', { timeout: 30_000 });
    const message = (await page.textContent('#error')) ?? '';
    const m = new RegExp(`${file.replace(/[.]/g, '\\.')}:(\\d+)`).exec(message);
    expect(m, message).not.toBeNull();
    await page.waitForSelector('.cm-lint-marker-error');
    // The marker sits in the gutter row of the line the loader named.
    const markerLine = await page.evaluate(() => {
      const marker = document.querySelector('.cm-lint-marker-error')!.getBoundingClientRect();
      const numbers = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')];
      const row = numbers.find((n) => {
        const r = n.getBoundingClientRect();
        return r.height > 0 && marker.top + marker.height / 2 >= r.top && marker.top + marker.height / 2 <= r.bottom;
      });
      return Number(row?.textContent);
    });
    expect(markerLine).toBe(Number(m![1]));
    await page.screenshot({ path: join(outDir, 'broken-manifest-390.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });

  it('sent no request off 127.0.0.1 and raised no page error', () => {
    expect(offsite).toEqual([]);
  });
});
