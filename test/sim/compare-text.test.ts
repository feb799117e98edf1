import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/sim/compare-text.js';

describe('compareText', () => {
  it('orders by code unit, as Go and kubectl do, whatever the host locale', () => {
    const names = ['default/b', 'default/B', 'default/a-b', 'default/ab', 'kube-system/x', 'default/a'];
    expect([...names].sort(compareText)).toEqual([
      'default/B',
      'default/a',
      'default/a-b',
      'default/ab',
      'default/b',
      'kube-system/x',
    ]);
    expect(compareText('x', 'x')).toBe(0);
  });
});
