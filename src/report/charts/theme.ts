// The look every chart shares: fixed fonts, sizes and colours so the SVG is identical on every machine and readable
// in a browser. Owns Vega-Lite config only.
import type { TopLevelSpec } from 'vega-lite';

export const CHART_WIDTH = 560;
export const FONT = 'Helvetica, Arial, sans-serif';

/** Status class colours: green ok, blue redirect, orange client error, red server error, grey no response. */
export const STATUS_COLORS: Record<string, string> = {
  error: '#7f7f7f',
  'no answer': '#7f7f7f',
  '1xx': '#9467bd',
  '2xx': '#2ca02c',
  '3xx': '#1f77b4',
  '4xx': '#ff7f0e',
  '5xx': '#d62728',
  '503': '#d62728',
  '504': '#8c2d04',
  'other 5xx': '#e377c2',
};

export const EVENT_BAD_COLOR = '#d62728';
export const EVENT_COLOR = '#555555';

type Config = NonNullable<TopLevelSpec['config']>;

export const CHART_CONFIG: Config = {
  font: FONT,
  background: '#ffffff',
  padding: 8,
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555555' },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 420 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  view: { stroke: null },
};

/** Pixel height for a horizontal bar chart of n bars. */
export function barHeight(n: number): number {
  return Math.max(60, 22 * n);
}

/**
 * Splits text into lines of at most maxChars at spaces (a longer word stands alone). Vega sizes a chart to its title
 * from an estimated 0.8 em per character (no font in Node), so one long subtitle line would widen the whole SVG.
 */
export function wrapLines(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Title and subtitle lines sized to CHART_WIDTH at the fonts above. */
export function chartTitle(text: string, subtitle: string): { text: string[]; subtitle: string[] } {
  return {
    text: wrapLines(text, Math.floor(CHART_WIDTH / (0.8 * 14))),
    subtitle: wrapLines(subtitle, Math.floor(CHART_WIDTH / (0.8 * 11))),
  };
}
