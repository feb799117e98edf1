// Words for one timeline event: its subject (the pod, node, host, peer... it is about) and its other fields.
// Shared by the text timeline, the HTML table and chart labels; owns no layout.
import type { TimelineEvent } from '../models/metrics/timeline.js';

/** Fields that name what an event is about, in order of preference for a short label. */
const SUBJECT_FIELDS = [
  'pod',
  'node',
  'host',
  'endpoint',
  'peer',
  'router',
  'link',
  'gateway',
  'prefix',
  'cluster',
  'target',
  'name',
  'step',
];

function fieldText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return JSON.stringify(v) ?? String(v);
}

/** The event's fields other than t and kind, as `key=value` in the event's own key order. */
export function eventDetails(e: TimelineEvent): string {
  return Object.keys(e)
    .filter((k) => k !== 't' && k !== 'kind')
    .map((k) => `${k}=${fieldText(e[k])}`)
    .join(' ');
}

/** The value of the first subject field present, or ''. */
export function eventSubject(e: TimelineEvent): string {
  for (const f of SUBJECT_FIELDS) {
    const v = e[f];
    if (v !== undefined && v !== null && v !== '') return fieldText(v);
  }
  return '';
}

/** `kind subject`, short enough for a chart label. */
export function eventLabel(e: TimelineEvent, maxChars = 48): string {
  const subject = eventSubject(e);
  const label = subject === '' ? e.kind : `${e.kind} ${subject}`;
  return label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label;
}

/** Kinds worth a rule on a time chart: faults, BGP, L2, ejections, health and config changes; not step markers. */
export function isChartEvent(e: TimelineEvent): boolean {
  return e.kind !== 'step';
}

/** Kinds that mean something broke or was taken out of service (`outlier.ejected`, not `outlier.unejected`). */
const BAD_KIND = /\.(down|withdrawn|ejected|unhealthy|notReady|evicted|crashed|removed|leaseLost|degraded)$|^fault$/;

export function isBadEvent(kind: string): boolean {
  return BAD_KIND.test(kind);
}

/** Failures that make a run a story told over time (a failover, a withdrawal, a node loss); not mere endpoint churn. */
const DISRUPTION_KIND = /\.(down|withdrawn|ejected|unhealthy|evicted|crashed|leaseLost)$|^fault$/;

export function isDisruption(kind: string): boolean {
  return DISRUPTION_KIND.test(kind);
}
