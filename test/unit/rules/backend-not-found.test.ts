import { ruleTester } from '../../harness/ruleTester';

const SERVICES = `
        #- shop/services.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-canary, namespace: shop}
        spec: {selector: {app: web, track: canary}, ports: [{name: http, port: 80, targetPort: 8080}]}`;

function route(backends: string, ns = 'shop'): string {
  return `
        #- ${ns}/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: ${ns}}
        spec:
          parentRefs: [{group: "", kind: Service, name: web}]
          rules:
          - backendRefs: ${backends}`;
}

ruleTester('backend-not-found', {
  valid: [
    {
      name: 'a weighted split between two Services of the namespace',
      code: `${SERVICES}${route('[{name: web, port: 80, weight: 90}, {name: web-canary, port: 80, weight: 10}]')}`,
    },
    {
      name: 'a backend in a namespace the workspace shows no Services of',
      code: `${SERVICES}${route('[{name: payments, namespace: billing, port: 443}]')}`,
    },
    {
      name: 'another kind of backend is not judged',
      code: `${SERVICES}${route('[{group: networking.istio.io, kind: Hostname, name: api.example.com, port: 443}]')}`,
    },
    {
      name: 'a templated Service in the namespace could be the one',
      code: `${SERVICES}${route('[{name: checkout, port: 80}]')}
        #- chart/templates/svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: {{ .Values.name }}, namespace: shop}
        spec: {ports: [{port: 80}]}`,
    },
  ],
  invalid: [
    {
      name: 'a typo in the Service name',
      code: `${SERVICES}${route('[{name: web-canery, port: 80}]')}
        #                        ^^^^^^^^^^ backend-not-found`,
      messages: [
        'Service shop/web-canery does not exist, although the workspace defines Services in namespace shop: requests routed to this backend fail. Did you mean web-canary?',
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs: [{group: "", kind: Service, name: web}]
            rules:
            - backendRefs: [{name: web-canary, port: 80}]`,
      },
    },
    {
      name: 'the container port instead of the Service port',
      code: `${SERVICES}${route('[{name: web, port: 8080}]')}
        #                                   ^^^^ backend-not-found`,
      messages: [
        'Service shop/web has no port 8080 (its ports: 80 (http)): requests routed to this backend fail. 8080 is the targetPort (container port) of Service port 80: backendRefs address the Service port.',
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs: [{group: "", kind: Service, name: web}]
            rules:
            - backendRefs: [{name: web, port: 80}]`,
      },
    },
    {
      name: 'a hostname instead of the Service name',
      code: `${SERVICES}${route('[{name: web.shop.svc.cluster.local, port: 80}]')}
        #                        ^^^^^^^^^^^^^^^^^^^^^^^^^^ backend-not-found`,
      messages: [
        'backendRefs name a Service by its name, not its hostname: Istio rejects "web.shop.svc.cluster.local" (use name: web).',
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs: [{group: "", kind: Service, name: web}]
            rules:
            - backendRefs: [{name: web, port: 80}]`,
      },
    },
    {
      name: 'a mirror backend that does not exist, the Service existing in another namespace',
      code: `${SERVICES}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: web}]
          rules:
          - backendRefs: [{name: web, port: 80}]
            filters:
            - type: RequestMirror
              requestMirror: {backendRef: {name: shadow, port: 80}}
        #                                        ^^^^^^ backend-not-found
        #- staging/shadow.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: shadow, namespace: staging}
        spec: {ports: [{port: 80}]}`,
      messages: [
        'Service shop/shadow does not exist, although the workspace defines Services in namespace shop: requests routed to this backend fail. A Service named shadow exists in namespace staging.',
      ],
    },
  ],
});
