// Number formats shared by every report (text, HTML, CSV): fixed decimals so output is identical on every machine.
// Owns formatting only; no locale, no Intl (its output varies with the ICU build).

/** Milliseconds with 3 decimals below 10 ms, 2 below 1000 ms, else 1. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 10) return ms.toFixed(3);
  if (ms < 1000) return ms.toFixed(2);
  return ms.toFixed(1);
}

/** A share in [0, 1] as a percentage with one or two decimals (two below 10 %, so 1 % vs 1.2 % reads right). */
export function formatShare(share: number): string {
  const pct = share * 100;
  return `${pct < 10 ? pct.toFixed(2) : pct.toFixed(1)}%`;
}

/** A p-value: 4 decimals, or scientific below 1e-4, so tiny values stay legible. */
export function formatPValue(p: number | null): string {
  if (p === null) return '-';
  if (p === 0) return '0';
  if (p < 1e-4) return p.toExponential(1);
  return p.toFixed(4);
}

/** Simulated seconds with millisecond resolution. */
export function formatSeconds(s: number): string {
  return `${s.toFixed(3)}s`;
}

/** An integer count (counts are whole numbers; a non-integer is shown with 2 decimals rather than hidden). */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}
