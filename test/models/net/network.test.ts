import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { NS_PER_MS } from '../../../src/sim/time.js';
import { InputError } from '../../../src/sim/input-error.js';
import { Network, UNREACHABLE, LOST } from '../../../src/models/net/network.js';
import { nullTimeline } from '../../../src/models/metrics/timeline.js';
import {
  SAME_NODE_ONE_WAY_NS,
  SAME_CLUSTER_ONE_WAY_NS,
  CROSS_CLUSTER_ONE_WAY_NS,
  BASTION_ONE_WAY_NS,
} from '../../../src/models/net/defaults.js';
import { parseCidr, prefixWithin, formatIpv4, parseIpv4 } from '../../../src/models/net/address.js';

function net(links = {}) {
  return new Network(
    new Engine(),
    new RngRoot(3).fork('net'),
    {
      topology: {
        clusters: [
          { name: 'us-east', platform: 'calico' },
          { name: 'us-west', platform: 'calico' },
        ],
        nodes: [
          { name: 'e1', cluster: 'us-east', address: '10.0.1.21' },
          { name: 'e2', cluster: 'us-east', address: '10.0.1.22' },
          { name: 'w1', cluster: 'us-west', address: '10.0.2.21' },
        ],
        routers: [{ name: 'bastion', address: '10.0.1.10' }],
      },
      ...links,
    },
    nullTimeline,
  );
}

describe('network delays', () => {
  it('defaults per hop class, plus serialization at 10 Gbit/s', () => {
    const n = net();
    const [e1, e2, w1, b] = ['e1', 'e2', 'w1', 'bastion'].map((x) => n.index(x));
    expect(n.delay(e1, e1, 0)).toBe(SAME_NODE_ONE_WAY_NS);
    expect(n.delay(e1, e2, 0)).toBe(SAME_CLUSTER_ONE_WAY_NS);
    expect(n.delay(e1, w1, 0)).toBe(CROSS_CLUSTER_ONE_WAY_NS);
    expect(n.delay(b, e2, 0)).toBe(BASTION_ONE_WAY_NS);
    expect(n.delay(e1, e2, 1500)).toBe(SAME_CLUSTER_ONE_WAY_NS + 1200); // 1500 B x 8 / 10 Gbit/s = 1.2 us
  });

  it('rtt config gives RTT/2 one way; jitter stays within [latency, latency + jitter)', () => {
    const n = net({ links: [{ between: ['us-east', 'us-west'], rttNs: 70 * NS_PER_MS, jitterNs: 2 * NS_PER_MS }] });
    const [e1, w1] = [n.index('e1'), n.index('w1')];
    for (let i = 0; i < 1000; i++) {
      const d = n.delay(e1, w1, 0);
      expect(d).toBeGreaterThanOrEqual(35 * NS_PER_MS);
      expect(d).toBeLessThan(37 * NS_PER_MS);
    }
  });

  it('loss draws from the rng: 10 % +- 1 % over 20000 packets, reproducible', () => {
    const count = () => {
      const n = net({ links: [{ between: ['e1', 'e2'], loss: 0.1 }] });
      let lost = 0;
      for (let i = 0; i < 20000; i++) if (n.delay(n.index('e1'), n.index('e2'), 100) === LOST) lost++;
      return lost;
    };
    const a = count();
    expect(Math.abs(a / 20000 - 0.1)).toBeLessThan(0.01);
    expect(count()).toBe(a);
  });

  it('a down host is unreachable both ways', () => {
    const n = net();
    n.setHostUp('e2', false);
    expect(n.delay(n.index('e1'), n.index('e2'), 0)).toBe(UNREACHABLE);
    expect(n.delay(n.index('e2'), n.index('bastion'), 0)).toBe(UNREACHABLE);
  });

  it('bad link config is an InputError', () => {
    expect(() => net({ links: [{ between: ['e1', 'e2'], loss: 2 }] })).toThrow(InputError);
    expect(() => net({ links: [{ between: ['us-east', 'e2'] }] })).toThrow(InputError);
  });
});

describe('addresses', () => {
  it('BIRD net ~ prefix accepts the prefix and more-specifics only', () => {
    const f = parseCidr('10.10.10.0/26');
    expect(prefixWithin(parseCidr('10.10.10.0/26'), f)).toBe(true);
    expect(prefixWithin(parseCidr('10.10.10.63/32'), f)).toBe(true);
    expect(prefixWithin(parseCidr('10.10.10.64/32'), f)).toBe(false);
    expect(prefixWithin(parseCidr('10.10.10.0/24'), f)).toBe(false);
  });

  it('parse/format round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (a) => parseIpv4(formatIpv4(a)) === a),
      { seed: 42, numRuns: 300 },
    );
    expect(() => parseIpv4('10.0.0.256')).toThrow(InputError);
  });
});
