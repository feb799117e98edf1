// MetricsRecorder: per-step request counts, status counts, per-pod counts and latency histograms, and a time series
// (requests by pod and by status class, latency percentiles) in 1 s bins. Streaming: memory never grows with the
// number of requests; the series keeps at most MAX_BINS bins by doubling the bin width and merging pairs when a long
// run would exceed it, so an hour-long capacity run costs the same memory as a two-minute workshop.
import type { Engine } from '../../sim/engine.js';
import { NS_PER_S } from '../../sim/time.js';
import { LatencyHistogram } from './latency-histogram.js';
import { NO_RESPONSE } from '../http/request.js';
import { SplitTally, type SplitRule, type SplitSink } from './split-tally.js';

/** Who served a request, as reports name it. */
export interface PodRef {
  name: string;
  namespace: string;
  service: string;
  node: string;
  cluster: string;
}

export class StepStats {
  requests = 0;
  /** Count per HTTP status (index = status; 0 = no response). */
  readonly status = new Float64Array(600);
  /** Count per pod index (see MetricsRecorder.pods). */
  byPod: Float64Array = new Float64Array(16);
  readonly latency = new LatencyHistogram(3);
  /** Requests the gateway answered itself (404, 500, 503 without a pod). */
  noPod = 0;
  /** How the multi-backend route rules split this step's requests, as Envoy routed them. */
  readonly splits = new SplitTally();
  /** Request ordinals (1-based, in the order answers were recorded) whose pod a fault will ask for, and their pods. */
  watched: Map<number, number> | null = null;

  addPod(pod: number): void {
    if (pod >= this.byPod.length) {
      const grown = new Float64Array(Math.max(pod + 1, this.byPod.length * 2));
      grown.set(this.byPod);
      this.byPod = grown;
    }
    this.byPod[pod]++;
  }

  /** Status counts as an object keyed by status string, in ascending status order ("0" = no response). */
  statusCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let s = 0; s < this.status.length; s++) if (this.status[s] > 0) out[String(s)] = this.status[s];
    return out;
  }
}

/** One bin of the time series. */
export class SeriesBin {
  requests = 0;
  /** By status class: [no response, 1xx, 2xx, 3xx, 4xx, 5xx]. */
  readonly byClass = new Float64Array(6);
  /** Of the 5xx: Envoy's 503 (no healthy upstream, refused, overflow) and 504 (route timeout), told apart in charts. */
  s503 = 0;
  s504 = 0;
  byPod: number[] = [];
  readonly latency = new LatencyHistogram(2, true);

  /** Folds another bin into this one. */
  merge(o: SeriesBin): void {
    this.requests += o.requests;
    for (let i = 0; i < 6; i++) this.byClass[i] += o.byClass[i];
    this.s503 += o.s503;
    this.s504 += o.s504;
    o.byPod.forEach((c, pod) => {
      this.byPod[pod] = (this.byPod[pod] ?? 0) + c;
    });
    this.latency.add(o.latency);
  }
}

/** The most bins the series keeps; past it the bin width doubles. */
export const MAX_BINS = 512;

export class MetricsRecorder implements SplitSink {
  readonly pods: PodRef[] = [];
  private readonly podIndex = new Map<string, number>();
  private readonly steps: StepStats[] = [];
  readonly series: SeriesBin[] = [];
  private currentBinNs: number;

  constructor(
    private readonly engine: Engine,
    binNs: number = NS_PER_S,
    /** False skips the time series (benchmarks that only need step totals). */
    private readonly keepSeries = true,
  ) {
    this.currentBinNs = binNs;
  }

  /** The width of one series bin now (it doubles on long runs). */
  get binNs(): number {
    return this.currentBinNs;
  }

  /** The index of a pod by namespace/name, registering it on first sight. */
  pod(ref: PodRef): number {
    const key = `${ref.namespace}/${ref.name}`;
    let i = this.podIndex.get(key);
    if (i === undefined) {
      i = this.pods.length;
      this.pods.push(ref);
      this.podIndex.set(key, i);
    }
    return i;
  }

  step(index: number): StepStats {
    while (this.steps.length <= index) this.steps.push(new StepStats());
    return this.steps[index];
  }

  /** Keeps which pod answers the step's `n`-th recorded request (a fault targets it: servedRequest). */
  watchRequest(step: number, n: number): void {
    const s = this.step(step);
    (s.watched ??= new Map()).set(n, -2);
  }

  /** The pod index that served the step's `n`-th request (watched), -1 for none, undefined when not recorded yet. */
  servedBy(step: number, n: number): number | undefined {
    const v = this.steps[step]?.watched?.get(n);
    return v === undefined || v === -2 ? undefined : v;
  }

  /** The stats of a step if it recorded anything. */
  stepIfAny(index: number): StepStats | undefined {
    return this.steps[index];
  }

  /**
   * Records one completed request: the step whose client sent it, the pod that served it (-1 for none), its status and
   * latency; the series bins it `inNs` from now (when the client gets the answer; 0 = now). A delay rather than an
   * absolute time: absolute times pass 2^31 ns and would be boxed on every call.
   */
  record(step: number, pod: number, status: number, latencyNs: number, inNs = 0): void {
    const s = this.steps[step] ?? this.step(step);
    s.requests++;
    s.status[status < 600 && status >= 0 ? status : NO_RESPONSE]++;
    if (pod >= 0) s.addPod(pod);
    else s.noPod++;
    if (s.watched !== null && s.watched.has(s.requests)) s.watched.set(s.requests, pod);
    s.latency.record(latencyNs);
    if (!this.keepSeries) return;
    const b = this.bin(Math.floor((this.engine.now + inNs) / this.currentBinNs));
    b.requests++;
    b.byClass[status >= 100 && status < 600 ? (status / 100) | 0 : 0]++;
    if (status === 503) b.s503++;
    else if (status === 504) b.s504++;
    if (pod >= 0) b.byPod[pod] = (b.byPod[pod] ?? 0) + 1;
    b.latency.record(latencyNs);
  }

  /** A request of `step` routed by `rule` to its backendRef `row` (the proxy reports it when it answers). */
  routed(step: number, rule: SplitRule, row: number): void {
    (this.steps[step] ?? this.step(step)).splits.add(rule, row, this.engine.now);
  }

  /** The bin of index `i` at the current width (widening first if `i` is past MAX_BINS). */
  private bin(i: number): SeriesBin {
    while (i >= MAX_BINS) {
      this.widenBins();
      i >>= 1;
    }
    while (this.series.length <= i) this.series.push(new SeriesBin());
    return this.series[i];
  }

  private widenBins(): void {
    const merged: SeriesBin[] = [];
    for (let j = 0; j < this.series.length; j += 2) {
      const a = this.series[j];
      const b = this.series[j + 1];
      if (b !== undefined) a.merge(b);
      merged.push(a);
    }
    this.series.length = 0;
    this.series.push(...merged);
    this.currentBinNs *= 2;
  }
}
