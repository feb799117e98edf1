// ObjectMeta and the name rules the API server applies (apimachinery validation: DNS-1123 subdomain / label).
// Owns metadata validation and defaults; not the per-kind specs.
import { z } from 'zod';
import { utf8Length } from './config-data.js';

/** DNS-1123 label: lower-case alphanumerics and '-', starts and ends alphanumeric, at most 63 chars (k8s.io/apimachinery/pkg/util/validation). */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain: dot-separated labels, at most 253 chars. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const dns1123Subdomain = z.string().max(253).regex(DNS1123_SUBDOMAIN, {
  message:
    "must be a lower-case DNS-1123 subdomain (letters a-z, digits, '-' and '.', starting and ending with a letter or digit)",
});

export const dns1123Label = z.string().max(63).regex(DNS1123_LABEL, {
  message:
    "must be a lower-case DNS-1123 label (letters a-z, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
});

/** DNS-1035 label (IsDNS1035Label): as a DNS-1123 label, but starting with a letter; Service names are these. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const dns1035Label = z.string().max(63).regex(DNS1035_LABEL, {
  message:
    "must be a DNS-1035 label (letters a-z, digits and '-', starting with a letter and ending with a letter or digit, at most 63 characters)",
});

/** Label values: at most 63 chars, alphanumerics plus '-', '_', '.', starting and ending alphanumeric, or empty. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** Label keys: optional DNS subdomain prefix + '/' + name (qualified name). */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export const labelMap = z.record(
  z.string().regex(LABEL_KEY, {
    message: 'label keys are [prefix/]name, name at most 63 characters of letters, digits, -, _, .',
  }),
  z.string().max(63).regex(LABEL_VALUE, {
    message:
      'label values are at most 63 characters of letters, digits, -, _, . (starting and ending with a letter or digit)',
  }),
);

/** apimachinery ValidateAnnotationsSize: TotalAnnotationSizeLimitB, keys and values together. */
const TOTAL_ANNOTATION_BYTES = 256 * 1024;

export const annotationMap = z.record(z.string(), z.string()).superRefine((a, ctx) => {
  let total = 0;
  for (const [k, v] of Object.entries(a)) total += utf8Length(k) + utf8Length(v);
  if (total > TOTAL_ANNOTATION_BYTES)
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `annotations total ${total} bytes, more than the API server's ${TOTAL_ANNOTATION_BYTES}-byte limit`,
    });
});

export function objectMeta(nameRule: z.ZodString = dns1123Subdomain) {
  return z.looseObject({
    name: nameRule,
    namespace: dns1123Label.optional(),
    labels: labelMap.default({}),
    annotations: annotationMap.default({}),
  });
}

export type ObjectMeta = z.infer<ReturnType<typeof objectMeta>> & {
  /** Set by ObjectStore.apply: simulated time (ns) the object was first created. */
  creationTimestampNs?: number;
  /** Set by ObjectStore.apply: 1 on create, +1 on every spec change (metadata.generation). */
  generation?: number;
};

/** A label selector (metav1.LabelSelector). */
export const labelSelector = z.strictObject({
  matchLabels: z.record(z.string(), z.string()).default({}),
  matchExpressions: z
    .array(
      z.strictObject({
        key: z.string().min(1),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type LabelSelector = z.infer<typeof labelSelector>;

/** metav1.LabelSelector semantics: every matchLabels pair AND every expression; an empty selector matches everything. */
export function selectorMatches(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const k of Object.keys(sel.matchLabels)) if (labels[k] !== sel.matchLabels[k]) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const v = labels[e.key];
    if (e.operator === 'In' && !(has && e.values.includes(v))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(v)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Plain `map[string]string` selector (Service.spec.selector): all pairs must match. */
export function mapSelectorMatches(
  sel: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  for (const k of Object.keys(sel)) if (labels[k] !== sel[k]) return false;
  return true;
}
