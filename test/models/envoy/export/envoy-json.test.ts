import { describe, expect, it } from 'vitest';
import { duration, sortKeys } from '../../../../src/models/envoy/export/envoy-json.js';

describe('envoy-json', () => {
  it('writes durations as proto JSON seconds', () => {
    expect([0, 1e9, 10e9, 25e6, 1_500_000_000, 1].map(duration)).toEqual([
      '0s',
      '1s',
      '10s',
      '0.025s',
      '1.5s',
      '0.000000001s',
    ]);
  });
  it('sorts keys at every depth and keeps array order', () => {
    const sorted = sortKeys({ b: 1, a: [{ z: 1, '@type': 'x', y: { d: 1, c: 2 } }, 3] });
    expect(JSON.stringify(sorted)).toBe('{"a":[{"@type":"x","y":{"c":2,"d":1},"z":1},3],"b":1}');
  });
});
