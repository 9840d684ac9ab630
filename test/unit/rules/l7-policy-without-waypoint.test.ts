import { ruleTester } from '../../harness/ruleTester';

const AMBIENT = `
        #- namespaces.yaml
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: pay, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}
        #- shop/app.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{name: http, port: 80}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {template: {metadata: {labels: {app: web}}}}
        #- pay/app.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: pay}
        spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: waypoint, namespace: pay}
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{name: mesh, port: 15008, protocol: HBONE}]`;

ruleTester('l7-policy-without-waypoint', {
  valid: [
    {
      name: 'an L4-only policy in ambient mode (ztunnel enforces principals and ports)',
      code: `${AMBIENT}
        #- shop/authz.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          rules:
          - from: [{source: {principals: [cluster.local/ns/front/sa/front]}}]
            to: [{operation: {ports: ["80"]}}]
            when: [{key: source.namespace, values: [front]}]`,
    },
    {
      name: 'an L7 policy attached to the waypoint with targetRefs',
      code: `${AMBIENT}
        #- pay/authz.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: pay}
        spec:
          targetRefs: [{group: gateway.networking.k8s.io, kind: Gateway, name: waypoint}]
          rules: [{to: [{operation: {methods: [GET], paths: [/api/*]}}]}]`,
    },
    {
      name: 'routes for a Service whose namespace uses a waypoint',
      code: `${AMBIENT}
        #- pay/routes.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: pay}
        spec:
          hosts: [api]
          http: [{route: [{destination: {host: api}}], timeout: 5s}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: api, namespace: pay}
        spec:
          parentRefs: [{group: "", kind: Service, name: api}]
          rules: [{backendRefs: [{name: api, port: 80}]}]`,
    },
    {
      name: 'an L7 policy in a namespace not in ambient mode, and a VirtualService bound to a gateway only',
      code: `${AMBIENT}
        #- legacy/authz.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: web, namespace: legacy}
        spec:
          selector: {matchLabels: {app: web}}
          rules: [{to: [{operation: {methods: [GET]}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web.example.com]
          gateways: [istio-system/ingress]
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
    },
    {
      name: 'the selected workload runs a sidecar',
      code: `${AMBIENT}
        #- shop/sidecar-app.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: legacy, namespace: shop}
        spec: {template: {metadata: {labels: {app: legacy, sidecar.istio.io/inject: "true"}}}}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: legacy, namespace: shop}
        spec:
          selector: {matchLabels: {app: legacy}}
          rules: [{to: [{operation: {paths: [/admin]}}]}]`,
    },
  ],
  invalid: [
    {
      name: 'an ALLOW policy with HTTP fields selected by selector, no waypoint in use',
      code: `${AMBIENT}
        #- shop/authz.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
          rules:
          - to: [{operation: {methods: [GET], paths: [/public/*]}}]
        #                     ^^^^^^^ l7-policy-without-waypoint
            when: [{key: "request.headers[x-tenant]", values: [acme]}]`,
      messages: [
        'Namespace shop is in ambient mode and this policy has no targetRefs, so ztunnel enforces it, and ztunnel cannot see HTTP: it drops methods, paths, request.headers[x-tenant]. An ALLOW rule with HTTP fields never matches: the requests it was meant to allow are denied. Deploy a waypoint, enrol the Services with istio.io/use-waypoint and attach this with targetRefs.',
      ],
    },
    {
      name: 'a DENY policy by selector although the namespace uses a waypoint',
      code: `${AMBIENT}
        #- pay/authz.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: pay}
        spec:
          selector: {matchLabels: {app: api}}
          action: DENY
          rules: [{from: [{source: {requestPrincipals: ["*"]}}]}]
        #                           ^^^^^^^^^^^^^^^^^ l7-policy-without-waypoint`,
      messages: [
        'Namespace pay is in ambient mode and this policy has no targetRefs, so ztunnel enforces it, and ztunnel cannot see HTTP: it drops requestPrincipals. Its DENY rules are enforced without their HTTP fields: they deny more than intended, or nothing. Attach it to the waypoint pay/waypoint with targetRefs (kind Gateway, or the Service it serves): waypoints ignore policies without targetRefs.',
      ],
    },
    {
      name: 'a VirtualService and an HTTPRoute for a Service without waypoint',
      code: `${AMBIENT}
        #- shop/routes.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web]
        #         ^^^ l7-policy-without-waypoint
          http: [{route: [{destination: {host: web}}], retries: {attempts: 3}}]
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: {name: web, namespace: shop}
        spec:
          parentRefs: [{group: "", kind: Service, name: web}]
        #                                               ^^^ l7-policy-without-waypoint
          rules: [{backendRefs: [{name: web, port: 80}]}]`,
      messages: [
        'Service shop/web is in ambient namespace shop and uses no waypoint: ztunnel does not apply VirtualServices, so these routes apply only for clients with a sidecar. Give the Service a waypoint (istio.io/use-waypoint on the Service or its Namespace).',
        'Service shop/web is in ambient namespace shop and uses no waypoint: ztunnel does not apply HTTPRoutes, so this route applies only for clients with a sidecar. Give the Service a waypoint (istio.io/use-waypoint on the Service or its Namespace).',
      ],
    },
    {
      name: 'Telemetry selected by selector in an ambient namespace',
      code: `${AMBIENT}
        #- shop/telemetry.yaml
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: web, namespace: shop}
        spec:
          selector: {matchLabels: {app: web}}
        #            ^^^^^^^^^^^ l7-policy-without-waypoint
          tracing: [{randomSamplingPercentage: 100}]`,
      messages: [
        'Namespace shop is in ambient mode: its workloads run no proxy that reads Telemetry (ztunnel does not), so this Telemetry selected by `selector` has no effect. Deploy a waypoint, enrol the Services with istio.io/use-waypoint and attach this with targetRefs.',
      ],
    },
  ],
});
