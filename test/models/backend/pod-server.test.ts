import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { ACCEPTED, OVERLOADED, PodServer, REFUSED } from '../../../src/models/backend/pod-server.js';
import { DEFAULT_BEHAVIOUR } from '../../../src/models/backend/behaviour.js';

type Req = { status: number; id: number };

function server(
  engine: Engine,
  over: Partial<typeof DEFAULT_BEHAVIOUR> = {},
  done: (r: Req) => void = () => undefined,
) {
  return new PodServer<Req>(
    engine,
    new RngRoot(1).fork('pod'),
    { ...DEFAULT_BEHAVIOUR, serviceTime: { distribution: 'constant', meanNs: 100 }, ...over },
    [3000],
    done,
    'p',
  );
}

describe('PodServer', () => {
  it('refuses connections to a port nothing listens on, and while not running', () => {
    const e = new Engine();
    const s = server(e);
    expect(s.accept({ status: 0, id: 1 }, 5000)).toBe(REFUSED);
    s.running = false;
    expect(s.accept({ status: 0, id: 2 }, 3000)).toBe(REFUSED);
  });

  it('serves FIFO behind its concurrency limit and counts what it served', () => {
    const e = new Engine();
    const log: string[] = [];
    const s = server(e, { concurrency: 1 }, (r) => log.push(`${e.now}:${r.id}:${r.status}`));
    for (let i = 1; i <= 3; i++) expect(s.accept({ status: 0, id: i }, 3000)).toBe(ACCEPTED);
    expect(s.inFlight).toBe(3);
    e.run();
    expect(log).toEqual(['100:1:200', '200:2:200', '300:3:200']);
    expect(s.served).toBe(3);
  });

  it('answers 503 when its queue is full', () => {
    const e = new Engine();
    const s = server(e, { concurrency: 1, queueLimit: 1 });
    expect(s.accept({ status: 0, id: 1 }, 3000)).toBe(ACCEPTED);
    expect(s.accept({ status: 0, id: 2 }, 3000)).toBe(ACCEPTED);
    expect(s.accept({ status: 0, id: 3 }, 3000)).toBe(OVERLOADED);
  });

  it('fails the configured fraction of requests (within 4 standard errors over 20 000)', () => {
    const e = new Engine();
    let errors = 0;
    const s = server(e, { errorRate: 0.1, errorStatus: 503 }, (r) => {
      if (r.status === 503) errors++;
    });
    for (let i = 0; i < 20_000; i++) s.accept({ status: 0, id: i }, 3000);
    e.run();
    expect(Math.abs(errors / 20_000 - 0.1)).toBeLessThan(4 * Math.sqrt((0.1 * 0.9) / 20_000));
  });
});
