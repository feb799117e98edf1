// Unit checks for the schema's building blocks: spelling suggestions, references and URLs, include paths,
// source positions and the defaults resolve fills in.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sim/input-error.js';
import { NS_PER_MS, NS_PER_S } from '../../../src/sim/time.js';
import { resolveIncludePath } from '../../../src/scenarios/load/include-path.js';
import { loadScenario, parseScenarioDoc } from '../../../src/scenarios/load/load-scenario.js';
import { closestName, editDistance } from '../../../src/scenarios/schema/suggest.js';
import { parseTarget } from '../../../src/scenarios/schema/target.js';
import { expandRefs, parseRefs } from '../../../src/scenarios/schema/var-refs.js';

describe('suggestions', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('cuont', 'count')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
  it('suggests only close names', () => {
    expect(closestName('intervall', ['interval', 'count'])).toBe('interval');
    expect(closestName('concurency', ['n', 'c', 'q'])).toBeUndefined();
    expect(closestName('zzzz', ['count', 'url'])).toBeUndefined();
  });
});

describe('references and targets', () => {
  it('reads ${gateway:NAME} and ${gateway:NS/NAME}', () => {
    expect(parseRefs('http://${gateway:gw}/x')).toEqual({ ok: true, refs: [{ kind: 'gateway', namespace: 'default', name: 'gw', text: '${gateway:gw}' }] });
    expect(parseRefs('${gateway:infra/gw}')).toMatchObject({ ok: true, refs: [{ namespace: 'infra', name: 'gw' }] });
    expect(parseRefs('${gateway:Bad_Name}').ok).toBe(false);
    expect(parseRefs('http://${GATEWAY}/').ok).toBe(false);
  });
  it('expands references with the run-time lookup', () => {
    expect(expandRefs('http://${gateway:gw}:8080/x', (r) => (r.name === 'gw' ? '10.10.10.0' : '?'))).toBe('http://10.10.10.0:8080/x');
  });
  it('splits URLs into scheme, host, port and path', () => {
    expect(parseTarget('http://172.18.255.200?great=example')).toMatchObject({ ok: true, target: { scheme: 'http', host: '172.18.255.200', port: 80, path: '/?great=example', hostRef: null } });
    expect(parseTarget('https://nginx.cilium.rocks:443')).toMatchObject({ ok: true, target: { scheme: 'https', port: 443, path: '/' } });
    expect(parseTarget('http://x${gateway:gw}/').ok).toBe(false);
    expect(parseTarget('ftp://h/').ok).toBe(false);
  });
});

describe('include paths', () => {
  it('resolves relative to the scenario file and stays inside its tree', () => {
    expect(resolveIncludePath('scen/a.yaml', 'manifests/b.yaml')).toBe('scen/manifests/b.yaml');
    expect(resolveIncludePath('/abs/scen/a.yaml', './m/../m/b.yaml')).toBe('/abs/scen/m/b.yaml');
    expect(resolveIncludePath('a.yaml', 'b.yaml')).toBe('b.yaml');
    expect(resolveIncludePath('cat/x/a.yaml', 'm.yaml', 'cat/x')).toBe('cat/x/m.yaml');
  });
  it.each(['../b.yaml', 'm/../../b.yaml', '/etc/passwd', 'C:/x.yaml', 'm\\b.yaml', 'http://h/b.yaml', '.', 'm/..'])('rejects %s', (rel) => {
    expect(() => resolveIncludePath('scen/a.yaml', rel)).toThrow(InputError);
  });
  it('rejects a scenario directory named like the root prefix', () => {
    expect(() => resolveIncludePath('cat/x/a.yaml', '../xy/m.yaml', 'cat/x')).toThrow(InputError);
  });
});

const minimal = `apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata:
  name: min
spec:
  steps:
    - apply:
        yaml: |
          apiVersion: v1
          kind: Namespace
    - curl: {url: "http://10.0.0.1/"}
`;

describe('resolve defaults', () => {
  it('fills every default explicitly', () => {
    const s = loadScenario(minimal, { file: 'min.yaml', readFile: () => '' });
    expect(s.seed).toBe(1);
    expect(s.topology.clusters).toEqual([{ name: 'cluster-1', platform: 'calico', region: 'cluster-1', nodes: [
      { name: 'control1', address: '10.0.1.20' }, { name: 'worker1', address: '10.0.1.21' }, { name: 'worker2', address: '10.0.1.22' },
    ] }]);
    expect(s.topology.routers).toEqual([{ name: 'bastion', address: '10.0.1.10', asNumber: 64512, mergePaths: false }]);
    expect(s.steps[0]).toEqual({ kind: 'apply', index: 0, name: null, line: 7, cluster: 'cluster-1', manifests: { file: 'min.yaml', text: 'apiVersion: v1\nkind: Namespace\n', firstLine: 9, inline: true } });
    expect(s.steps[1]).toMatchObject({ kind: 'curl', count: 1, intervalNs: 0, method: 'GET', output: 'none', head: false, host: null, connectTimeoutNs: 300 * NS_PER_S, maxTimeNs: null, background: false, from: 'bastion' });
  });
  it('converts durations and rtt to integer nanoseconds', () => {
    const text = minimal.replace('spec:\n', 'spec:\n  topology:\n    clusters: [{name: a, platform: cilium, nodes: [n]}]\n    links: [{between: [a, n], rtt: 3ms, jitter: 250us}]\n');
    const s = loadScenario(text, { file: 'x.yaml', readFile: () => '' });
    expect(s.topology.links[0]).toEqual({ between: ['a', 'n'], latencyNs: 1.5 * NS_PER_MS, jitterNs: 250_000, bandwidthBps: null, loss: 0 });
    expect(s.topology.routers[0]).toMatchObject({ name: 'client', asNumber: null });
  });
  it('maps fields to their lines', () => {
    const { source } = parseScenarioDoc(minimal, 'min.yaml');
    expect(source.position(['spec', 'steps', 1, 'curl', 'url'])?.line).toBe(11);
    expect(source.position(['spec', 'steps', 1, 'curl', 'nothing'])?.line).toBe(11);
    expect(source.contentLine(['spec', 'steps', 0, 'apply', 'yaml'])).toBe(9);
  });
});
