// Status as the Gateway API controllers write it (`kubectl get -o yaml` .status), collected for all objects of a translation.
import type { Condition } from './conditions.js';

export interface ParentRefStatus {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

export interface RouteParentStatus {
  parentRef: ParentRefStatus;
  /** null when no controller would write this entry (the Gateway or its class is missing); shown to explain non-attachment. */
  controllerName: string | null;
  conditions: Condition[];
}

export interface RouteStatus {
  kind: 'HTTPRoute' | 'TLSRoute';
  namespace: string;
  name: string;
  generation: number;
  parents: RouteParentStatus[];
}

export interface ListenerStatus {
  name: string;
  supportedKinds: { group: string; kind: string }[];
  attachedRoutes: number;
  conditions: Condition[];
}

export interface GatewayStatus {
  namespace: string;
  name: string;
  gatewayClassName: string;
  generation: number;
  addresses: { type: string; value: string }[];
  conditions: Condition[];
  listeners: ListenerStatus[];
}

export interface GatewayClassStatus {
  name: string;
  controllerName: string;
  builtIn: boolean;
  conditions: Condition[];
}

export interface PolicyStatus {
  kind: 'BackendTrafficPolicy';
  namespace: string;
  name: string;
  conditions: Condition[];
}

export interface ControllerStatus {
  gatewayClasses: GatewayClassStatus[];
  gateways: GatewayStatus[];
  routes: RouteStatus[];
  policies: PolicyStatus[];
}
