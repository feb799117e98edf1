// How each route rule with two or more backendRefs split a step's requests, as Envoy routed them: per rule
// configuration (the weights in force when a request was routed), the requests each backendRef got, and when the
// first of them was routed. Filled by the gateway proxy when it answers; read by the run's reports.

/** A route rule's backendRefs as one configuration push gave them (one object per push; identity = configuration). */
export interface SplitRule {
  /** `HTTPRoute/ns/name rule 0`. */
  readonly route: string;
  readonly backends: ReadonlyArray<{
    /** `Service/ns/name:port`. */
    readonly backend: string;
    readonly weight: number;
    /** The share the weights give it: weight / the rule's non-fallback weight (0 for an Envoy Gateway fallback). */
    readonly expectedShare: number;
    /** Envoy Gateway Backend `fallback`: priority 1, it only takes spill-over. */
    readonly fallback: boolean;
  }>;
}

/** Where the proxy reports a routed request: the step that sent it, the rule's configuration, the backendRef's row. */
export interface SplitSink {
  routed(step: number, rule: SplitRule, row: number): void;
}

export const NO_SPLITS: SplitSink = { routed: () => undefined };

/** One step's tallies: per rule configuration, [first routed at ns, count of row 0, count of row 1, ...]. */
export class SplitTally {
  readonly byRule = new Map<SplitRule, Float64Array>();

  add(rule: SplitRule, row: number, nowNs: number): void {
    let t = this.byRule.get(rule);
    if (t === undefined) {
      t = new Float64Array(1 + rule.backends.length);
      t[0] = nowNs;
      this.byRule.set(rule, t);
    }
    t[1 + row]++;
  }
}
