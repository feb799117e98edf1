// Timeline events drawn on a time chart: a rule per event (red when something broke) and a rotated text label per
// cluster of nearby events, so a burst of events reads as one label instead of a smear. Pure: events in, layers out.
import type { TimelineEvent } from '../../models/metrics/timeline.js';
import { eventLabel, isBadEvent, isChartEvent } from '../describe-event.js';
import { EVENT_BAD_COLOR, EVENT_COLOR } from './theme.js';

/** Labels closer than this fraction of the time span are merged into one label ("+N more"). */
const MIN_LABEL_GAP = 1 / 30;
const LABEL_MARK = {
  type: 'text',
  angle: 270,
  align: 'right',
  baseline: 'bottom',
  dx: -4,
  dy: -3,
  fontSize: 10,
} as const;
/** At most this many labels on one chart. */
const MAX_LABELS = 16;

export interface EventMark {
  t: number;
  kind: string;
  label: string;
  bad: boolean;
}

/** Events inside [t0, t1], each with a label and a colour class. */
export function eventMarks(events: readonly TimelineEvent[], t0: number, t1: number): EventMark[] {
  return events
    .filter((e) => isChartEvent(e) && e.t >= t0 && e.t <= t1)
    .map((e) => ({ t: e.t, kind: e.kind, label: eventLabel(e, 40), bad: isBadEvent(e.kind) }));
}

/** One label per run of events within MIN_LABEL_GAP of the run's first event: O(n). */
export function eventLabels(
  marks: readonly EventMark[],
  t0: number,
  t1: number,
): Array<{ t: number; label: string; bad: boolean }> {
  const gap = (t1 - t0) * MIN_LABEL_GAP;
  const out: Array<{ t: number; label: string; bad: boolean; n: number }> = [];
  for (const m of marks) {
    const last = out[out.length - 1];
    if (last !== undefined && m.t - last.t < gap) {
      last.n++;
      // A failure leads its cluster's label: "outlier.ejected ..." matters more than the push beside it.
      if (m.bad && !last.bad) {
        last.label = m.label;
        last.bad = true;
      }
    } else out.push({ t: m.t, label: m.label, bad: m.bad, n: 1 });
  }
  return out
    .slice(0, MAX_LABELS)
    .map((l) => ({ t: l.t, label: l.n > 1 ? `${l.label} (+${l.n - 1})` : l.label, bad: l.bad }));
}

/** Vega-Lite layers for the event rules and labels on an x axis of simulated seconds. */
export function eventLayers(events: readonly TimelineEvent[], t0: number, t1: number): object[] {
  const marks = eventMarks(events, t0, t1);
  if (marks.length === 0) return [];
  const labels = eventLabels(marks, t0, t1);
  const color = { condition: { test: 'datum.bad', value: EVENT_BAD_COLOR }, value: EVENT_COLOR };
  return [
    {
      data: { values: marks },
      mark: { type: 'rule', strokeDash: [3, 2], strokeWidth: 1.2 },
      encoding: {
        x: { field: 't', type: 'quantitative' },
        color,
        tooltip: [{ field: 't', title: 'time (s)' }, { field: 'kind' }, { field: 'label', title: 'event' }],
      },
    },
    // The same label twice: a thick white outline first, so the text stays legible over bars.
    {
      data: { values: labels },
      mark: { ...LABEL_MARK, stroke: '#ffffff', strokeWidth: 3, strokeJoin: 'round', opacity: 0.9 },
      encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
    {
      data: { values: labels },
      mark: LABEL_MARK,
      encoding: {
        x: { field: 't', type: 'quantitative' },
        y: { value: 0 },
        text: { field: 'label', type: 'nominal' },
        color,
      },
    },
  ];
}
