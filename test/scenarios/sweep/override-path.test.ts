// --set paths: parsing, resolution against the scenario document, and the errors that name --set.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sim/input-error.js';
import {
  describePath,
  itemName,
  parseOverridePath,
  resolveSegments,
} from '../../../src/scenarios/sweep/override-path.js';

const doc = {
  spec: {
    gateway: { workers: 2 },
    topology: { links: [{ between: ['a', 'b'], rtt: '10ms' }] },
    steps: [
      { apply: { file: 'x.yaml' } },
      { wait: '30s' },
      { load: { name: 'probe', rate: 900 } },
      { print: { podRequestCounts: null, name: 'counts' } },
    ],
  },
};

function resolve(path: string, root: unknown = doc): string {
  const t = parseOverridePath(path);
  return describePath(resolveSegments(path, t.segments, root));
}

function problem(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).where.file).toBe('--set');
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseOverridePath', () => {
  it('reads keys, indexes and names', () => {
    expect(parseOverridePath('spec.steps[3].load.rate')).toEqual({
      kind: 'doc',
      segments: [{ key: 'spec' }, { key: 'steps' }, { index: 3 }, { key: 'load' }, { key: 'rate' }],
    });
    expect(parseOverridePath('spec.steps[probe].load.rate')).toEqual({
      kind: 'doc',
      segments: [{ key: 'spec' }, { key: 'steps' }, { name: 'probe' }, { key: 'load' }, { key: 'rate' }],
    });
  });

  it('reads manifest paths relative to the object spec', () => {
    expect(parseOverridePath('deployment/backend.replicas')).toEqual({
      kind: 'manifest',
      alias: 'deployment',
      objectKind: 'Deployment',
      name: 'backend',
      segments: [{ key: 'replicas' }],
    });
    expect(parseOverridePath('policy/rr.loadBalancer.type')).toMatchObject({
      objectKind: 'BackendTrafficPolicy',
      name: 'rr',
      segments: [{ key: 'loadBalancer' }, { key: 'type' }],
    });
  });

  it('rejects what it cannot read, naming --set and what is allowed', () => {
    expect(problem(() => parseOverridePath('gateway.workers'))).toContain('starts with spec.');
    expect(problem(() => parseOverridePath('spec'))).toContain('starts with spec.');
    expect(problem(() => parseOverridePath('spec.steps[3.rate'))).toContain('no matching "]"');
    expect(problem(() => parseOverridePath('spec..x'))).toContain('not a field name');
    expect(problem(() => parseOverridePath('secret/x.data'))).toContain('not a manifest kind');
    expect(problem(() => parseOverridePath('deployment/backend'))).toContain('KIND/NAME.FIELD');
    expect(problem(() => parseOverridePath('spec.steps[a b].x'))).toContain('allowed: spec.FIELD');
  });
});

describe('resolveSegments', () => {
  it('selects steps by index and by name, links by index; missing map keys are created later', () => {
    expect(resolve('spec.steps[2].load.rate')).toBe('spec.steps[2].load.rate');
    expect(resolve('spec.steps[probe].load.rate')).toBe('spec.steps[2].load.rate');
    expect(resolve('spec.steps[counts].print.name')).toBe('spec.steps[3].print.name');
    expect(resolve('spec.topology.links[0].rtt')).toBe('spec.topology.links[0].rtt');
    expect(resolve('spec.backends')).toBe('spec.backends');
    expect(resolve('spec.gateway.replicas')).toBe('spec.gateway.replicas');
  });

  it('names the list, its size and its names when an item is missing', () => {
    expect(problem(() => resolve('spec.steps[9].load.rate'))).toContain('spec.steps has 4 items; [9] is out of range');
    expect(problem(() => resolve('spec.steps[nope].load.rate'))).toContain('names: probe, counts');
    expect(problem(() => resolve('spec.gateway.workers.x'))).toContain('spec.gateway.workers is a value');
    expect(problem(() => resolve('spec.backends[0].concurrency'))).toContain('not written in the scenario');
  });

  it('itemName looks in the item and in its one-key body', () => {
    expect(itemName({ name: 'a' })).toBe('a');
    expect(itemName({ load: { name: 'b' } })).toBe('b');
    expect(itemName({ wait: '1s' })).toBeUndefined();
    expect(itemName('x')).toBeUndefined();
  });
});
