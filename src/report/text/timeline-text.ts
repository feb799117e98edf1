// The run's timeline as text: time, kind and the event's fields, one line each, capped so a long run stays readable.
import type { TimelineEvent } from '../../models/metrics/timeline.js';
import { eventDetails, isBadEvent } from '../describe-event.js';
import { formatSeconds } from '../format.js';
import type { Styles } from './ansi.js';

/** More lines than this are summarised: a terminal report is read, not searched (the JSON has them all). */
export const MAX_TIMELINE_LINES = 200;

export function timelineLines(events: readonly TimelineEvent[], st: Styles): string[] {
  const width = Math.max(0, ...events.slice(0, MAX_TIMELINE_LINES).map((e) => e.kind.length));
  const out = events.slice(0, MAX_TIMELINE_LINES).map((e) => {
    const kind = e.kind.padEnd(width);
    return `  ${formatSeconds(e.t).padStart(10)}  ${isBadEvent(e.kind) ? st.red(kind) : st.cyan(kind)}  ${eventDetails(e)}`.trimEnd();
  });
  if (events.length > MAX_TIMELINE_LINES)
    out.push(st.dim(`  ... ${events.length - MAX_TIMELINE_LINES} more events in the JSON result`));
  return out;
}
