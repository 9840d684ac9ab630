import { ruleTester } from '../../harness/ruleTester';

const GATEWAY = `
        #- infra/gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]`;

const BACKENDS = `
        #- backend/services.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: orders, namespace: backend}
        spec: {ports: [{name: http, port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: backend}
        spec: {ports: [{name: http, port: 80}]}`;

function grant(name: string, from: string, to: string): string {
  return `
        #- backend/grant-${name}.yaml
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: ${name}, namespace: backend}
        spec:
          from: [${from}]
          to: [${to}]`;
}

const ROUTE = `
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          rules:
          - backendRefs: [{name: orders, namespace: backend, port: 80}]`;

ruleTester('missing-reference-grant', {
  valid: [
    {
      name: 'a grant for HTTPRoutes from the namespace to every Service',
      code: `${GATEWAY}${BACKENDS}${ROUTE}${grant('shop', '{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}', '{group: "", kind: Service}')}`,
    },
    {
      name: 'a grant restricted by name to the Service used',
      code: `${GATEWAY}${BACKENDS}${ROUTE}${grant('orders-only', '{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}', '{group: "", kind: Service, name: orders}')}`,
    },
    {
      name: 'a mesh route (Service parent): Istio does not require a grant',
      code: `${BACKENDS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: checkout}]
          rules: [{backendRefs: [{name: orders, namespace: backend, port: 80}]}]`,
    },
    {
      name: 'the target namespace is not managed in this workspace',
      code: `${GATEWAY}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          rules: [{backendRefs: [{name: payments, namespace: billing, port: 443}]}]`,
    },
    {
      name: "a Gateway's certificate in another namespace, granted",
      code: `
        #- infra/gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners: [{name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: shop-cert, namespace: certs}]}}]
        #- certs/grant.yaml
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: gateways, namespace: certs}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
          to: [{group: "", kind: Secret}]`,
    },
  ],
  invalid: [
    {
      name: 'no grant at all: add one next to the Service',
      code: `${GATEWAY}${BACKENDS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          rules:
          - backendRefs: [{name: orders, namespace: backend, port: 80}]
        #                                           ^^^^^^^ missing-reference-grant`,
      messages: [
        'No ReferenceGrant in namespace backend lets HTTPRoutes from namespace shop use Service backend/orders: Istio refuses this backend and requests routed to it fail.',
      ],
      output: {
        'backend/services.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: orders, namespace: backend}
          spec: {ports: [{name: http, port: 80}]}
          ---
          apiVersion: v1
          kind: Service
          metadata: {name: ledger, namespace: backend}
          spec: {ports: [{name: http, port: 80}]}
          ---
          apiVersion: gateway.networking.k8s.io/v1beta1
          kind: ReferenceGrant
          metadata:
            name: allow-httproutes-from-shop
            namespace: backend
          spec:
            from:
              - group: gateway.networking.k8s.io
                kind: HTTPRoute
                namespace: shop
            to:
              - group: ""
                kind: Service
                name: orders
          `,
      },
    },
    {
      name: 'a grant restricted by name to another Service',
      code: `${GATEWAY}${BACKENDS}${grant('ledger-only', '{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}', '{group: "", kind: Service, name: ledger}')}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          rules:
          - backendRefs: [{name: orders, namespace: backend, port: 80}]
        #                                           ^^^^^^^ missing-reference-grant`,
      messages: [
        'No ReferenceGrant in namespace backend lets HTTPRoutes from namespace shop use Service backend/orders (ReferenceGrant backend/ledger-only admits only Service ledger): Istio refuses this backend and requests routed to it fail.',
      ],
    },
    {
      name: 'a grant for another kind and namespace',
      code: `${GATEWAY}${BACKENDS}${grant('grpc', '{group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: shop}', '{group: "", kind: Service}')}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: TCPRoute
        metadata: {name: checkout, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra}]
          rules:
          - backendRefs: [{name: orders, namespace: backend, port: 80}]
        #                                           ^^^^^^^ missing-reference-grant`,
      messages: [
        'No ReferenceGrant in namespace backend lets TCPRoutes from namespace shop use Service backend/orders (ReferenceGrant backend/grpc admits GRPCRoutes from shop): Istio refuses this backend and requests routed to it fail.',
      ],
    },
    {
      name: "a Gateway's certificateRef into a namespace whose grant admits other Secrets",
      code: `
        #- infra/gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - name: https
            port: 443
            protocol: HTTPS
            tls: {certificateRefs: [{name: shop-cert, namespace: certs}]}
        #                                                        ^^^^^ missing-reference-grant
        #- certs/grant.yaml
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: gateways, namespace: certs}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: infra}]
          to: [{group: "", kind: Secret, name: api-cert}]`,
      messages: [
        'No ReferenceGrant in namespace certs lets Gateways from namespace infra use Secret certs/shop-cert (ReferenceGrant certs/gateways admits only Secret api-cert): Istio refuses the certificate and listener https serves no TLS.',
      ],
    },
  ],
});
