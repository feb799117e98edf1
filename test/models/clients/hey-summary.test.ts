import { describe, expect, it } from 'vitest';
import { formatHeySummary } from '../../../src/models/clients/hey-summary.js';
import { LatencyHistogram } from '../../../src/models/metrics/latency-histogram.js';
import { uniqCount } from '../../../src/models/clients/curl.js';

describe("hey's summary layout", () => {
  it('prints the sections, %4.4f seconds, an 11-row histogram scaled to 40 bars, percentiles and sorted status codes', () => {
    const h = new LatencyHistogram(3);
    for (let i = 0; i < 90; i++) h.record(10_000_000); // 10 ms
    for (let i = 0; i < 10; i++) h.record(20_000_000); // 20 ms
    const lines = formatHeySummary({
      totalNs: 500_000_000,
      results: 102,
      latency: h,
      averageNs: 11_000_000,
      dial: { averageNs: 500_000, minNs: 0, maxNs: 500_000 },
      statusCounts: [
        [200, 98],
        [503, 2],
      ],
      errors: [['Get "http://10.0.0.1/": dial tcp 10.0.0.1:80: connect: connection refused', 2]],
      sizePerRequest: 0,
    });
    expect(lines.slice(0, 8)).toEqual([
      '',
      'Summary:',
      '  Total:\t0.5000 secs',
      '  Slowest:\t0.0200 secs',
      '  Fastest:\t0.0100 secs',
      '  Average:\t0.0110 secs',
      '  Requests/sec:\t204.0000',
      '  ',
    ]);
    const hist = lines.slice(
      lines.indexOf('Response time histogram:') + 1,
      lines.indexOf('Response time histogram:') + 12,
    );
    expect(hist[0]).toBe(`  0.010 [90]\t|${'■'.repeat(40)}`);
    expect(hist[10]).toBe(`  0.020 [10]\t|${'■'.repeat(4)}`);
    expect(hist.slice(1, 10).every((l) => / \[0\]\t\|$/.test(l))).toBe(true);
    expect(lines).toContain('  10% in 0.0100 secs');
    expect(lines).toContain('  99% in 0.0200 secs');
    expect(
      lines.slice(lines.indexOf('Status code distribution:') + 1, lines.indexOf('Status code distribution:') + 3),
    ).toEqual(['  [200]\t98 responses', '  [503]\t2 responses']);
    expect(lines).toContain('Error distribution:');
    expect(lines).toContain('  [2]\tGet "http://10.0.0.1/": dial tcp 10.0.0.1:80: connect: connection refused');
  });
});

describe('sort | uniq -c', () => {
  it('counts sorted distinct lines right-aligned in 7 columns, as GNU uniq prints them', () => {
    expect(uniqCount(['b', 'a', 'b', 'b'])).toEqual(['      1 a', '      3 b']);
    expect(uniqCount([])).toEqual([]);
  });
});
