// Vega-Lite spec -> SVG text in Node, without a browser or canvas: compile to Vega, run a headless View
// (renderer 'none'), serialise with toSVG. Byte-identical for the same spec on every machine: text widths are
// estimated from character counts (never measured with a font), SVG def ids are reset per chart and prefixed.
//
// vega and vega-lite load on the first render, not at import: vega's canvas probe is a top-level await, which would make
// every importer of gwsim/report asynchronous and its require() fail (issue 20 item 2).
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

type Vega = typeof VegaModule;
type VegaLite = typeof VegaLiteModule;
let libs: Promise<{ vega: Vega; compile: VegaLite['compile'] }> | null = null;

function loadVega(): Promise<{ vega: Vega; compile: VegaLite['compile'] }> {
  libs ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({ vega, compile: vl.compile }));
  return libs;
}

/** Renders are serialised: Vega's SVG def-id counters are module globals, so two renders must not interleave. */
let queue: Promise<unknown> = Promise.resolve();

/** Makes `clip1`, `gradient_0` ids unique per chart so several SVGs can be inlined in one HTML page. */
function prefixIds(svg: string, prefix: string): string {
  return svg.replace(/id="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
}

async function renderNow(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const { vega, compile } = await loadVega();
  // Vega's text metrics object is exported but not typed; canvas(false) selects the font-free width estimate.
  (vega as unknown as { textMetrics: { canvas(use: boolean): void } }).textMetrics.canvas(false);
  vega.resetSVGDefIds();
  const vgSpec = compile(spec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    return prefixIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

/** Renders one chart; idPrefix must be unique among the charts of one page (letters, digits, '-'). */
export function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(idPrefix))
    throw new RangeError(`idPrefix ${JSON.stringify(idPrefix)} must be letters, digits and '-'`);
  const next = queue.then(() => renderNow(spec, idPrefix));
  queue = next.catch(() => undefined);
  return next;
}
