// Where Envoy Gateway puts the infrastructure it creates for a Gateway (its proxy Deployment, pods and Service).

/** The controller's namespace, where its proxies run (envoyproxy/gateway internal/infrastructure/kubernetes, v1.6). */
export const ENVOY_GATEWAY_NAMESPACE = 'envoy-gateway-system';
