// M/M/c FIFO queue (c = 4, lambda = 3.6, mu = 1: utilisation 0.9), the engine's queueing check against Erlang C.
// Built on the engine's Resource; waits measured per customer; 20 batch means give the standard error.
import { Engine } from '../../src/sim/engine.js';
import { Resource, GRANTED } from '../../src/sim/resource.js';
import { RngRoot } from '../../src/sim/rng.js';
import { NS_PER_S, toSeconds } from '../../src/sim/time.js';

export interface MmcResult {
  customers: number;
  events: number;
  finalTime: number;
  traceHash: string;
  /** Mean wait in queue, in units of the mean service time. */
  wq: number;
  /** Batch-means standard error of wq. */
  se: number;
  pWait: number;
  /** Erlang C's exact mean wait for these parameters. */
  erlangWq: number;
  erlangPWait: number;
}

const BATCHES = 20;

/** Erlang C: probability of waiting and mean wait for c servers, arrival rate lambda, service rate mu. */
export function erlangC(c: number, lambda: number, mu: number): { pWait: number; wq: number } {
  const a = lambda / mu;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (c / (c - a));
  const pWait = top / (sum + top);
  return { pWait, wq: pWait / (c * mu - lambda) };
}

export function runMmc(opts: { customers: number; seed: number; c?: number; lambda?: number; mu?: number }): MmcResult {
  const c = opts.c ?? 4;
  const lambda = opts.lambda ?? 3.6;
  const mu = opts.mu ?? 1;
  const n = opts.customers;
  const engine = new Engine();
  const root = new RngRoot(opts.seed);
  const arrivalsRng = root.fork('mmc/arrivals');
  const serviceRng = root.fork('mmc/service');
  const arrivedAt = new Float64Array(n);
  const batchSum = new Float64Array(BATCHES);
  const batchCount = new Float64Array(BATCHES);
  let arrivals = 0;
  let started = 0;
  let delayed = 0;

  const startService = (id: number) => {
    const wait = engine.now - arrivedAt[id];
    if (wait > 0) delayed++;
    const b = Math.floor((started * BATCHES) / n);
    batchSum[b] += wait;
    batchCount[b]++;
    started++;
    engine.schedule(serviceRng.exponential(1 / mu) * NS_PER_S, departure, id);
  };
  const granted = engine.kind<number>('mmc.granted', startService);
  const servers = new Resource<number>(engine, c, granted);
  const departure = engine.kind<number>('mmc.departure', () => servers.release());
  const arrival = engine.kind<number>('mmc.arrival', (id) => {
    arrivedAt[id] = engine.now;
    if (arrivals < n) engine.schedule(arrivalsRng.exponential(1 / lambda) * NS_PER_S, arrival, arrivals++);
    if (servers.acquire(id) === GRANTED) startService(id);
  });
  engine.schedule(arrivalsRng.exponential(1 / lambda) * NS_PER_S, arrival, arrivals++);
  engine.run();

  const means = Array.from(batchSum, (s, i) => s / batchCount[i] / NS_PER_S);
  const wq = means.reduce((s, x) => s + x, 0) / BATCHES;
  const variance = means.reduce((s, x) => s + (x - wq) ** 2, 0) / (BATCHES - 1);
  const exact = erlangC(c, lambda, mu);
  return {
    customers: n,
    events: engine.events,
    finalTime: toSeconds(engine.now),
    traceHash: engine.traceHash,
    wq,
    se: Math.sqrt(variance / BATCHES),
    pWait: delayed / started,
    erlangWq: exact.wq,
    erlangPWait: exact.pWait,
  };
}
