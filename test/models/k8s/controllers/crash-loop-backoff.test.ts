// CrashLoopBackOff's arithmetic on one back-off entry: immediate first restart, then 10 s doubling to the 300 s cap,
// and
// a fresh entry once the last one is older than twice the cap (client-go flowcontrol backoff.go, kubelet doBackOff).
import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../../src/sim/time.js';
import { planRestart, type BackoffEntry } from '../../../../src/models/k8s/controllers/crash-loop-backoff.js';
import {
  CONTAINER_RESTART_BACKOFF_MAX_NS,
  CONTAINER_RESTART_BACKOFF_NS,
} from '../../../../src/models/k8s/controllers/kube-timings.js';

const S = NS_PER_S;
const plan = (e: BackoffEntry | null, exitedAt: number, seenAt: number) =>
  planRestart(e, exitedAt, seenAt, CONTAINER_RESTART_BACKOFF_NS, CONTAINER_RESTART_BACKOFF_MAX_NS);

describe('planRestart', () => {
  it('the first exit restarts at the sync that sees it and starts the entry at 10 s', () => {
    expect(plan(null, 5 * S, 6 * S)).toEqual({ at: 6 * S, entry: { backoffNs: 10 * S, lastUpdateNs: 6 * S } });
  });

  it('a later exit waits exit + back-off, and the back-off doubles to 300 s', () => {
    let e: BackoffEntry | null = null;
    let t = 0;
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const p = plan(e, t, t + S);
      delays.push((p.at - t) / S);
      e = p.entry;
      t = p.at + 2 * S;
    }
    expect(delays).toEqual([1, 10, 20, 40, 80, 160, 300, 300, 300]);
    expect(e!.backoffNs).toBe(300 * S);
  });

  it('an entry last moved more than 600 s before the exit is stale: immediate restart, back to 10 s', () => {
    const e = { backoffNs: 300 * S, lastUpdateNs: 0 };
    expect(plan(e, 600 * S + 1, 601 * S)).toEqual({ at: 601 * S, entry: { backoffNs: 10 * S, lastUpdateNs: 601 * S } });
    expect(plan(e, 600 * S, 601 * S).at).toBe(900 * S);
  });
});
