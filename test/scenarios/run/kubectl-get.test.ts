// kubectl's own formatting, reproduced: AGE by apimachinery's HumanDuration, tables by its tabwriter, the messages
// for nothing found and for a missing named object.
import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../src/scenarios/run/human-duration.js';
import { kubectlGet, tabulate } from '../../../src/scenarios/run/kubectl-get.js';
import type { ControllerStatus } from '../../../src/models/gatewayapi/status.js';

const S = 1e9;

describe('humanDuration (kubectl AGE)', () => {
  it('is exact below 2 minutes, then minutes and seconds, then coarser', () => {
    expect([0, 45 * S, 119 * S, 120 * S, 330 * S, 600 * S, 179 * 60 * S].map(humanDuration)).toEqual([
      '0s',
      '45s',
      '119s',
      '2m',
      '5m30s',
      '10m',
      '179m',
    ]);
    expect([3 * 3600 * S, 7.5 * 3600 * S, 30 * 3600 * S, 3.25 * 86400 * S, 400 * 86400 * S].map(humanDuration)).toEqual(
      ['3h', '7h30m', '30h', '3d6h', '400d'],
    );
    expect(humanDuration(-1.5 * S)).toBe('0s'); // a second of clock skew is "now"
    expect(humanDuration(-3 * S)).toBe('<invalid>');
  });
});

describe('kubectlGet', () => {
  const status: ControllerStatus = {
    gatewayClasses: [],
    gateways: [
      {
        namespace: 'default',
        name: 'my-gateway',
        gatewayClassName: 'cilium',
        generation: 1,
        addresses: [{ type: 'IPAddress', value: '172.18.255.200' }],
        conditions: [{ type: 'Programmed', status: 'True', reason: 'Programmed', message: '' }],
        listeners: [],
      },
    ],
    routes: [],
    policies: [],
  };
  const objects = { hostnames: () => [], ageNs: () => 500 * S };

  it('prints one kind in one namespace as `kubectl get gateway` does (the Cilium lab transcript)', () => {
    expect(kubectlGet(status, objects, { kinds: ['gateway'], namespace: 'default' })).toEqual([
      'NAME         CLASS    ADDRESS          PROGRAMMED   AGE',
      'my-gateway   cilium   172.18.255.200   True         8m20s',
    ]);
  });

  it('says what kubectl says when nothing is found', () => {
    expect(kubectlGet(status, objects, { kinds: ['httproute'], namespace: 'default' })).toEqual([
      'No resources found in default namespace.',
    ]);
    expect(kubectlGet(status, objects, { kinds: ['gateway'], namespace: 'default', name: 'nope' })).toEqual([
      'Error from server (NotFound): gateways.gateway.networking.k8s.io "nope" not found',
    ]);
  });

  it('pads every column but the last by 3, to at least 6', () => {
    expect(
      tabulate([
        ['A', 'B', 'C'],
        ['long-name', 'x', 'y'],
      ]),
    ).toEqual(['A' + ' '.repeat(11) + 'B     C', 'long-name   x     y']);
  });
});
