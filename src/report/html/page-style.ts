// The report page's CSS: one column that reads on a phone and a laptop, tables that scroll sideways instead of
// overflowing, charts that scale down with their container. Owns presentation only.

export const PAGE_CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #d9dce1; --bg-soft: #f5f6f8; --ok: #1e7d32; --bad: #c62828; --warn: #a15c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 16px 16px 48px; }
h1 { font-size: 1.6rem; margin: 0.4em 0 0.2em; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 1.8em 0 0.5em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4em 0 0.4em; overflow-wrap: anywhere; }
.source { color: var(--muted); margin: 0 0 0.8em; }
.muted { color: var(--muted); }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0.6em 0; font-size: 0.9rem; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.banner { padding: 8px 12px; border-radius: 6px; margin: 0.8em 0; font-weight: 600; }
.banner.ok { background: #e8f5e9; color: var(--ok); }
.banner.bad { background: #ffebee; color: var(--bad); }
.banner.warn { background: #fff4e5; color: var(--warn); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.4em 0 0.8em; }
table { border-collapse: collapse; font-size: 0.9rem; min-width: 50%; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.ok { color: var(--ok); font-weight: 600; }
td.bad, .bad { color: var(--bad); font-weight: 600; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; overflow-wrap: anywhere; }
pre { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow: auto; max-height: 28em; font: 0.82rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; tab-size: 8; }
figure { margin: 0.8em 0 1.4em; overflow-x: auto; -webkit-overflow-scrolling: touch; }
/* Charts keep their natural size on a laptop; on a phone they shrink to no less than 560 px and scroll sideways,
   so their 11 px labels never fall below ~7 px. */
figure svg { display: block; max-width: max(100%, 560px); height: auto; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 2px; }
details { border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 0.5em 0; }
details > summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
details[open] > summary { margin-bottom: 6px; }
nav.toc { font-size: 0.9rem; display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav.toc a { white-space: nowrap; }
footer { margin-top: 3em; color: var(--muted); font-size: 0.85rem; }
@media (max-width: 600px) { body { font-size: 14px; } main { padding: 10px 10px 32px; } h1 { font-size: 1.3rem; } th, td { padding: 3px 6px; } }
`;
