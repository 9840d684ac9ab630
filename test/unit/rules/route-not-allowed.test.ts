import { ruleTester } from '../../harness/ruleTester';

/** One Gateway per allowedRoutes flavour: Same (the default), All, a Selector, and kinds. */
const GATEWAYS = `
        #- infra/gateways.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: same, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: shared, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
          - {name: tcp, port: 9000, protocol: TCP, allowedRoutes: {namespaces: {from: All}}}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: selected, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - name: http
            port: 80
            protocol: HTTP
            allowedRoutes:
              namespaces:
                from: Selector
                selector: {matchLabels: {expose: "true"}}
              kinds: [{kind: HTTPRoute}]`;

const NAMESPACES = `
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {expose: "true"}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: internal}`;

function route(kind: string, ns: string, parent: string): string {
  return `
        #- ${ns}/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: ${kind}
        metadata: {name: web, namespace: ${ns}}
        spec:
          parentRefs: [${parent}]`;
}

ruleTester('route-not-allowed', {
  valid: [
    {
      name: 'Same: a route in the Gateway namespace',
      code: `${GATEWAYS}${route('HTTPRoute', 'infra', '{name: same}')}`,
    },
    {
      name: 'All: a route from any namespace, on the listener that takes its kind',
      code: `${GATEWAYS}${route('TCPRoute', 'shop', '{name: shared, namespace: infra}')}`,
    },
    {
      name: 'Selector: the Namespace carries the label',
      code: `${GATEWAYS}${NAMESPACES}${route('HTTPRoute', 'shop', '{name: selected, namespace: infra}')}`,
    },
    {
      name: 'Selector: silent when the route namespace is not in the workspace',
      code: `${GATEWAYS}${route('HTTPRoute', 'elsewhere', '{name: selected, namespace: infra}')}`,
    },
    {
      name: 'Selector on kubernetes.io/metadata.name is judged without the Namespace object',
      code: `
        #- infra/gw.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: by-name, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - name: http
            port: 80
            protocol: HTTP
            allowedRoutes: {namespaces: {from: Selector, selector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop, web]}]}}}
        ${route('HTTPRoute', 'shop', '{name: by-name, namespace: infra}')}`,
    },
  ],
  invalid: [
    {
      name: 'Same (the default) refuses a route from another namespace',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: same, namespace: infra}]
        #                     ^^^^ route-not-allowed`,
      messages: [
        'Gateway infra/same does not admit routes from namespace shop: listener http admits routes from its own namespace infra only (allowedRoutes.namespaces.from: Same, the default). The route is not attached to it.',
      ],
    },
    {
      name: 'Selector: the Namespace lacks the label',
      code: `${GATEWAYS}${NAMESPACES}
        #- internal/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: internal}
        spec:
          parentRefs: [{name: selected, namespace: infra}]
        #                     ^^^^^^^^ route-not-allowed`,
      messages: [
        'Gateway infra/selected does not admit routes from namespace internal: listener http admits namespaces labelled expose=true, and Namespace internal is not. The route is not attached to it.',
      ],
    },
    {
      name: 'kinds: a GRPCRoute on a listener restricted to HTTPRoute, a TLSRoute on HTTP and TCP listeners',
      code: `${GATEWAYS}${NAMESPACES}
        #- shop/routes.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: grpc, namespace: shop}
        spec:
          parentRefs: [{name: selected, namespace: infra}]
        #                     ^^^^^^^^ route-not-allowed
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: TLSRoute
        metadata: {name: tls, namespace: shop}
        spec:
          parentRefs: [{name: shared, namespace: infra}]
        #                     ^^^^^^ route-not-allowed`,
      messages: [
        'Gateway infra/selected does not admit GRPCRoutes: listener http (HTTP) admits HTTPRoute with its allowedRoutes.kinds. The route is not attached to it.',
        'Gateway infra/shared does not admit TLSRoutes: listener http (HTTP) admits HTTPRoute, GRPCRoute; listener tcp (TCP) admits TCPRoute. The route is not attached to it.',
      ],
    },
    {
      name: 'a sectionName picks the one listener that refuses the kind',
      code: `${GATEWAYS}${route('HTTPRoute', 'shop', '{name: shared, namespace: infra, sectionName: tcp}')}
        #                     ^^^^^^ route-not-allowed`,
      messages: [
        'Gateway infra/shared (listener tcp) does not admit HTTPRoutes: listener tcp (TCP) admits TCPRoute. The route is not attached to it.',
      ],
    },
  ],
});
