// PHOLD, the classic discrete-event benchmark (Fujimoto 1990): N logical processes with M events each in flight;
// each executed event schedules one new event at now + lookahead + Exp(1) at a uniformly chosen process.
// Time unit = 1 simulated second (integer ns inside, as ns-3 rounds to ns), same parameters as bench/anchors.
import { Engine } from '../../src/sim/engine.js';
import { RngRoot } from '../../src/sim/rng.js';
import { NS_PER_S, toSeconds } from '../../src/sim/time.js';

export interface PholdResult {
  events: number;
  finalTime: number;
  traceHash: string;
  lpSum: number;
}

export function runPhold(opts: {
  events: number;
  seed: number;
  lps?: number;
  perLp?: number;
  lookahead?: number;
}): PholdResult {
  const lps = opts.lps ?? 1000;
  const perLp = opts.perLp ?? 16;
  const lookahead = opts.lookahead ?? 0.1;
  const engine = new Engine({ initialCapacity: lps * perLp + 16 });
  const rng = new RngRoot(opts.seed).fork('phold');
  const lpCount = new Float64Array(lps);
  const event = engine.kind<number>('phold.event', (lp) => {
    lpCount[lp]++;
    const dst = rng.below(lps);
    engine.schedule((lookahead + rng.exponential(1)) * NS_PER_S, event, dst);
  });
  for (let lp = 0; lp < lps; lp++)
    for (let j = 0; j < perLp; j++) engine.schedule((lookahead + rng.exponential(1)) * NS_PER_S, event, lp);
  const out = engine.run({ maxEvents: opts.events });
  let lpSum = 0;
  for (let i = 0; i < lps; i++) lpSum += lpCount[i];
  return { events: out.events, finalTime: toSeconds(engine.now), traceHash: engine.traceHash, lpSum };
}
