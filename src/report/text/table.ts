// Plain-text tables: columns padded to the widest cell, numbers right-aligned, two spaces between columns.
// Owns layout only; cells arrive as strings and may carry colour (width ignores escape codes).
import { stripAnsi } from './ansi.js';

export type Align = 'left' | 'right';

/** Code points, so a name with non-ASCII letters pads right (terminal width of wide glyphs is not modelled). */
function width(s: string): number {
  return [...stripAnsi(s)].length;
}

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[],
): string[] {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(Math.max(0, widths[c] - width(cell)));
        return align[c] === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
