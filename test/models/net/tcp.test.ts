// TCP retransmission over a lossy link, with the loss draws scripted: each lost SYN adds the SYN back-off (1 s, then
// 2 s...), a lost data segment the RTO of the measured RTT (at least 200 ms), a down link stays UNREACHABLE.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/sim/engine.js';
import type { Rng } from '../../../src/sim/rng.js';
import { Network, LOST, UNREACHABLE } from '../../../src/models/net/network.js';
import { nullTimeline } from '../../../src/models/metrics/timeline.js';
import { dataRtoNs, handshakeNs, segmentNs } from '../../../src/models/net/tcp.js';

/** A network whose rng returns `draws` in order (below the loss = lost), with `loss` and a 1 ms RTT from r to n1. */
function scripted(draws: number[], loss = 0.5) {
  const rest = [...draws];
  const rng = {
    random: () => {
      const v = rest.shift();
      if (v === undefined) throw new Error('more draws than scripted');
      return v;
    },
  } as unknown as Rng;
  const net = new Network(
    new Engine(),
    rng,
    {
      topology: {
        clusters: [{ name: 'c', platform: 'calico' }],
        nodes: [{ name: 'n1', cluster: 'c', address: '10.0.0.1' }],
        routers: [{ name: 'r', address: '10.0.1.10' }],
      },
      links: [{ between: ['r', 'n1'], rttNs: 1_000_000, loss }],
    },
    nullTimeline,
  );
  return { net, r: net.index('r'), n1: net.index('n1'), left: () => rest.length };
}

const KEEP = 0.9; // a draw above the loss: delivered
const DROP = 0.1; // below it: lost

describe('TCP handshake over a lossy link', () => {
  it('takes one RTT when nothing is lost, and draws once per packet (SYN, SYN-ACK)', () => {
    const s = scripted([KEEP, KEEP]);
    expect(handshakeNs(s.net, s.r, s.n1)).toBe(1_000_000);
    expect(s.left()).toBe(0);
  });

  it('a lost SYN adds exactly 1 s (TCP_TIMEOUT_INIT); two lost SYNs add 1 + 2 = 3 s; a lost SYN-ACK counts as one', () => {
    const one = scripted([DROP, KEEP, KEEP]);
    expect(handshakeNs(one.net, one.r, one.n1)).toBe(1_000_000_000 + 1_000_000);
    const two = scripted([DROP, DROP, KEEP, KEEP]);
    expect(handshakeNs(two.net, two.r, two.n1)).toBe(3_000_000_000 + 1_000_000);
    const synAck = scripted([KEEP, DROP, KEEP, KEEP]);
    expect(handshakeNs(synAck.net, synAck.r, synAck.n1)).toBe(1_000_000_000 + 1_000_000);
  });

  it('gives up (LOST) after 1 + tcp_syn_retries (6) lost attempts', () => {
    const s = scripted(Array(7).fill(DROP));
    expect(handshakeNs(s.net, s.r, s.n1)).toBe(LOST);
    expect(s.left()).toBe(0);
    const last = scripted([...Array(6).fill(DROP), KEEP, KEEP]);
    expect(handshakeNs(last.net, last.r, last.n1)).toBe(63_000_000_000 + 1_000_000); // 1+2+4+8+16+32 s
  });

  it('a link that is down stays UNREACHABLE and draws nothing', () => {
    const s = scripted([]);
    s.net.setLinkUp('r', 'n1', false);
    expect(handshakeNs(s.net, s.r, s.n1)).toBe(UNREACHABLE);
    expect(segmentNs(s.net, s.r, s.n1, 100)).toBe(UNREACHABLE);
  });
});

describe('TCP data retransmission over a lossy link', () => {
  const oneWay = 500_000 + 80; // 0.5 ms + 100 B at 10 Gbit/s
  it('the RTO after one RTT sample is SRTT + max(4 RTTVAR, 200 ms): 201 ms for a 1 ms RTT, 3 RTT when that is more', () => {
    expect(dataRtoNs(1_000_000)).toBe(201_000_000);
    expect(dataRtoNs(150_000_000)).toBe(450_000_000);
  });

  it('a lost segment arrives one RTO later; a second loss doubles it', () => {
    const none = scripted([KEEP]);
    expect(segmentNs(none.net, none.r, none.n1, 100)).toBe(oneWay);
    const one = scripted([DROP, KEEP]);
    expect(segmentNs(one.net, one.r, one.n1, 100)).toBe(201_000_000 + oneWay);
    const two = scripted([DROP, DROP, KEEP]);
    expect(segmentNs(two.net, two.r, two.n1, 100)).toBe(201_000_000 + 402_000_000 + oneWay);
  });

  it('gives up (LOST) after tcp_retries2 (15) retransmissions are lost as well', () => {
    const s = scripted(Array(16).fill(DROP));
    expect(segmentNs(s.net, s.r, s.n1, 100)).toBe(LOST);
    expect(s.left()).toBe(0);
  });

  it('a loss-free link draws nothing for the handshake and nothing extra for data', () => {
    const s = scripted([], 0);
    expect(handshakeNs(s.net, s.r, s.n1)).toBe(1_000_000);
    expect(segmentNs(s.net, s.r, s.n1, 100)).toBe(oneWay);
  });
});
