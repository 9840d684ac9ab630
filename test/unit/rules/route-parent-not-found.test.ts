import { ruleTester } from '../../harness/ruleTester';

const GATEWAYS = `
        #- infra/gateways.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: infra}
        spec:
          gatewayClassName: istio
          listeners:
          - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
          - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}, allowedRoutes: {namespaces: {from: All}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: legacy, namespace: infra}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;

const SERVICES = `
        #- shop/services.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{name: http, port: 8080}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {selector: {app: api}, ports: [{name: http, port: 80}]}`;

ruleTester('route-parent-not-found', {
  valid: [
    {
      name: 'a Gateway in another namespace, by sectionName and by port',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs:
          - {name: public, namespace: infra, sectionName: https}
          - {name: public, namespace: infra, port: 80}
          rules: [{backendRefs: [{name: web, port: 8080}]}]`,
    },
    {
      name: 'a Gateway managed elsewhere: nothing known of its namespace or name',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: shared-edge, namespace: edge}]
          rules: [{backendRefs: [{name: web, port: 8080}]}]`,
    },
    {
      name: 'a mesh route: Service parent with one of its ports',
      code: `${SERVICES}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web-split, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: web, port: 8080}]
          rules: [{backendRefs: [{name: web, port: 8080}]}]`,
    },
    {
      name: 'a Service parent in a namespace the workspace shows no Services of',
      code: `${SERVICES}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata: {name: billing, namespace: billing}
        spec:
          parentRefs: [{group: "", kind: Service, name: billing}]`,
    },
    {
      name: "another controller's parent kind is not judged",
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: infra}
        spec:
          parentRefs: [{group: example.com, kind: Mesh, name: nothing}]`,
    },
  ],
  invalid: [
    {
      name: 'the Gateway is in another namespace: add the namespace',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs:
          - name: public
        #         ^^^^^^ route-parent-not-found
          rules: [{backendRefs: [{name: web, port: 8080}]}]`,
      messages: [
        "Gateway shop/public does not exist (a parentRef without namespace names a Gateway in the route's namespace, shop): the route is attached to nothing here. A Gateway named public exists in namespace infra.",
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs:
            - name: public
              namespace: infra
            rules: [{backendRefs: [{name: web, port: 8080}]}]`,
      },
    },
    {
      name: 'a typo in the Gateway name; an Istio Gateway is not a parent',
      code: `${GATEWAYS}
        #- infra/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: infra}
        spec:
          parentRefs: [{name: pubic}, {name: legacy}]
        #                     ^^^^^ route-parent-not-found
        #                                    ^^^^^^ route-parent-not-found`,
      messages: [
        "Gateway infra/pubic does not exist (a parentRef without namespace names a Gateway in the route's namespace, infra): the route is attached to nothing here. Did you mean public?",
        "Gateway infra/legacy does not exist (a parentRef without namespace names a Gateway in the route's namespace, infra): the route is attached to nothing here. infra/legacy is an Istio Gateway (networking.istio.io): parentRefs name Gateway API Gateways (gateway.networking.k8s.io).",
      ],
      output: {
        'infra/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: infra}
          spec:
            parentRefs: [{name: public}, {name: legacy}]`,
      },
    },
    {
      name: 'a sectionName no listener has',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{name: public, namespace: infra, sectionName: htps}]
        #                                                            ^^^^ route-parent-not-found`,
      messages: [
        'Gateway infra/public has no listener named "htps" (its listeners: http (HTTP 80), https (HTTPS 443)): the route is attached to nothing here. Did you mean https?',
      ],
    },
    {
      name: 'a port no listener has, with and without sectionName',
      code: `${GATEWAYS}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs:
          - {name: public, namespace: infra, port: 8080}
        #                                          ^^^^ route-parent-not-found
          - {name: public, namespace: infra, sectionName: https, port: 80}
        #                                                              ^^ route-parent-not-found`,
      messages: [
        'Gateway infra/public has no listener on port 8080 (its listeners: http (HTTP 80), https (HTTPS 443)): the route is attached to nothing here.',
        'Gateway infra/public has no listener named "https" on port 80 (its listeners: http (HTTP 80), https (HTTPS 443)): the route is attached to nothing here.',
      ],
      fix: 'Change port to 443',
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs:
            - {name: public, namespace: infra, port: 443}
            - {name: public, namespace: infra, sectionName: https, port: 80}`,
      },
    },
    {
      name: 'a mesh route to a Service that does not exist, and to a port a Service lacks',
      code: `${SERVICES}
        #- shop/route.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs:
          - {group: "", kind: Service, name: webb}
        #                                    ^^^^ route-parent-not-found
          - {group: "", kind: Service, name: api, port: 8080}
        #                                               ^^^^ route-parent-not-found`,
      messages: [
        'Service shop/webb does not exist, although the workspace defines Services in namespace shop: the route is attached to nothing here. Did you mean web?',
        'Service shop/api has no port 8080 (its ports: 80): the route applies to traffic on that port only, and there is none.',
      ],
      output: {
        'shop/route.yaml': `
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {name: web, namespace: shop}
          spec:
            parentRefs:
            - {group: "", kind: Service, name: web}
            - {group: "", kind: Service, name: api, port: 8080}`,
      },
    },
  ],
});
