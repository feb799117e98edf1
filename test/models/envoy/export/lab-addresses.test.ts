// The twin's relocation of an export: endpoints to the pods' lab addresses, listeners and admin to 127.0.0.1.
import { describe, expect, it } from 'vitest';
import { listenerPorts, relocateBootstrap } from '../../../../src/models/envoy/export/lab-addresses.js';
import { socketAddress } from '../../../../src/models/envoy/export/envoy-json.js';

describe('relocateBootstrap', () => {
  const bootstrap = {
    admin: { address: socketAddress('127.0.0.1', 19000) },
    static_resources: {
      listeners: [{ name: 'l', address: socketAddress('0.0.0.0', 10080) }],
      clusters: [
        {
          name: 'c',
          load_assignment: {
            endpoints: [
              { lb_endpoints: [{ endpoint: { address: socketAddress('10.0.0.1', 3000) } }] },
              { lb_endpoints: [{ endpoint: { address: socketAddress('10.0.0.2', 3000) } }] },
            ],
          },
        },
      ],
    },
  };
  it('moves every address and leaves the input alone', () => {
    const out = relocateBootstrap(bootstrap, {
      endpoint: (ip, port) => (ip === '10.0.0.1' ? { address: '127.77.0.1', port: port + 1 } : undefined),
      listener: (p) => p + 30000,
      adminPort: 41000,
    });
    expect(listenerPorts(out)).toEqual([40080]);
    expect(JSON.stringify(out)).toContain('{"address":"127.77.0.1","port_value":3001}');
    expect(JSON.stringify(out)).toContain('{"address":"10.0.0.2","port_value":3000}');
    expect(out.admin).toEqual({ address: socketAddress('127.0.0.1', 41000) });
    expect(listenerPorts(bootstrap)).toEqual([10080]);
  });
});
