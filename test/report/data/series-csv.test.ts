import { describe, it, expect } from 'vitest';
import { seriesCsv } from '../../../src/report/data/series-csv.js';
import { csvCell } from '../../../src/report/data/csv.js';
import { loadFixture } from '../fixtures.js';

describe('seriesCsv', () => {
  it('one row per bin: requests by status class and by pod, p50/p99 (cluster mesh)', () => {
    const csv = seriesCsv(loadFixture('cluster-mesh'));
    expect(csv.split('\r\n')).toEqual([
      't_s,bin_s,requests,status_error,status_1xx,status_2xx,status_3xx,status_4xx,status_5xx,pod:backend-us-east-7f76b6f796-9dclj,pod:backend-us-west-5cb5fb745d-8dqzr,p50_ms,p99_ms',
      '30,1,334,0,0,334,0,0,0,330,4,2.08,71.9',
      '31,1,166,0,0,166,0,0,0,164,2,2.08,72.4',
      '',
    ]);
  });
  it('counts in each row add up to the requests of the bin', () => {
    for (const row of seriesCsv(loadFixture('ha-failover')).trim().split('\r\n').slice(1)) {
      const n = row.split(',').map(Number);
      expect(n[3] + n[4] + n[5] + n[6] + n[7] + n[8]).toBe(n[2]);
    }
  });
  it('quotes commas, quotes and newlines (RFC 4180) and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\ny')).toBe('"x\ny"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(1.5)).toBe('1.5');
  });
});
