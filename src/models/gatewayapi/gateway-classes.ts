// GatewayClasses and which controller serves them. A cluster with the platform installed already has its class:
// Calico Ingress Gateway's `tigera-gateway-class` served by Envoy Gateway (controllerName
// gateway.envoyproxy.io/gatewayclass-controller, Envoy Gateway's default), and Cilium's `cilium` (io.cilium/gateway-controller,
// as `kubectl get GatewayClass` shows in the Cilium lab). A GatewayClass in the input replaces a built-in of the same name.
import type { ObjectOf } from '../k8s/k8s-object.js';
import { cond, type Condition } from './conditions.js';
import type { Implementation } from './gateway-config.js';

export const ENVOY_GATEWAY_CONTROLLER = 'gateway.envoyproxy.io/gatewayclass-controller';
export const CILIUM_CONTROLLER = 'io.cilium/gateway-controller';

export const CONTROLLERS: Readonly<Record<string, Implementation>> = {
  [ENVOY_GATEWAY_CONTROLLER]: 'envoy-gateway',
  [CILIUM_CONTROLLER]: 'cilium',
};

export interface GatewayClassInfo {
  name: string;
  controllerName: string;
  implementation: Implementation | null;
  builtIn: boolean;
  generation: number;
  conditions: Condition[];
}

export const BUILT_IN_GATEWAY_CLASSES: readonly { name: string; controllerName: string }[] = [
  { name: 'tigera-gateway-class', controllerName: ENVOY_GATEWAY_CONTROLLER },
  { name: 'cilium', controllerName: CILIUM_CONTROLLER },
];

export function resolveGatewayClasses(
  objects: readonly ObjectOf<'GatewayClass'>[],
  builtIns: readonly { name: string; controllerName: string }[] = BUILT_IN_GATEWAY_CLASSES,
): Map<string, GatewayClassInfo> {
  const out = new Map<string, GatewayClassInfo>();
  const mk = (name: string, controllerName: string, builtIn: boolean, generation: number): GatewayClassInfo => {
    const implementation = CONTROLLERS[controllerName] ?? null;
    // A class whose controller is not running keeps the API server's initial status (Accepted Unknown/Pending).
    const conditions =
      implementation === null
        ? [
            cond(
              'Accepted',
              'Unknown',
              'Pending',
              `no controller named ${controllerName} runs in this cluster (gwsim models ${Object.keys(CONTROLLERS).join(' and ')})`,
              generation,
            ),
          ]
        : [
            cond('Accepted', 'True', 'Accepted', `Valid GatewayClass, handled by ${controllerName}`, generation),
            cond('SupportedVersion', 'True', 'SupportedVersion', 'Gateway API CRD version is supported', generation),
          ];
    return { name, controllerName, implementation, builtIn, generation, conditions };
  };
  for (const b of builtIns) out.set(b.name, mk(b.name, b.controllerName, true, 1));
  for (const gc of objects)
    out.set(gc.metadata.name, mk(gc.metadata.name, gc.spec.controllerName, false, gc.metadata.generation ?? 1));
  return out;
}
