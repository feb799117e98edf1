import { describe, expect, it } from 'vitest';
import { parseCalicoSelector } from '../../../../src/models/k8s/controllers/federation.js';

describe("Calico federation's service selector", () => {
  it('parses ==, != and has() joined by &&', () => {
    expect(parseCalicoSelector('app == "backend" && federation.tigera.io/remoteClusterName == "us-west"')).toEqual([
      { key: 'app', op: '==', value: 'backend' },
      { key: 'federation.tigera.io/remoteClusterName', op: '==', value: 'us-west' },
    ]);
    expect(parseCalicoSelector("tier != 'db' && has(app)")).toEqual([
      { key: 'tier', op: '!=', value: 'db' },
      { key: 'app', op: 'has' },
    ]);
  });

  it('rejects what it does not understand (the Service then gets no endpoints)', () => {
    expect(parseCalicoSelector('app in {"a", "b"}')).toBeNull();
    expect(parseCalicoSelector('app == backend')).toBeNull();
  });
});
