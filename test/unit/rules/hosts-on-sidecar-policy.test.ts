import { ruleTester } from '../../harness/ruleTester';

const WORKLOADS = `
        #- workloads.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: api}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec:
          template:
            metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway}}
            spec: {containers: [{name: istio-proxy, args: [proxy, router]}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: edge, namespace: shop}
        spec:
          template:
            metadata:
              labels: {app: edge}
              annotations: {inject.istio.io/templates: gateway}
            spec: {containers: [{name: istio-proxy, image: auto}]}`;

ruleTester('hosts-on-sidecar-policy', {
  valid: [
    {
      name: "hosts on the ingress gateway (Istio's ingress policy docs)",
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ingress-policy, namespace: istio-system}
        spec:
          selector: {matchLabels: {istio: ingressgateway}}
          action: DENY
          rules:
          - to: [{operation: {hosts: ["admin.example.com"]}}]`,
    },
    {
      name: 'a gateway deployed with the gateway injection template; a waypoint attached by targetRefs',
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: edge, namespace: shop}
        spec:
          selector: {matchLabels: {app: edge}}
          rules:
          - to: [{operation: {hosts: ["shop.example.com"]}}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: waypoint, namespace: shop}
        spec:
          targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]
          rules:
          - to: [{operation: {hosts: ["api.shop.svc.cluster.local"]}}]`,
    },
    {
      name: 'no selector, or a selector matching no workload of the workspace, is not judged',
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ns-wide, namespace: shop}
        spec:
          rules:
          - to: [{operation: {hosts: ["api.shop"]}}]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: elsewhere, namespace: shop}
        spec:
          selector: {matchLabels: {app: payments}}
          rules:
          - to: [{operation: {notHosts: ["api.shop"]}}]`,
    },
  ],
  invalid: [
    {
      name: 'an ALLOW on hosts for an application workload',
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          action: ALLOW
          rules:
          - to:
            - operation:
                hosts: ["api.shop.svc.cluster.local"]
        #       ^^^^^ hosts-on-sidecar-policy`,
      messages: [
        'hosts matches the Host header, but this policy applies to sidecars (Deployment shop/api), which accept requests for their pod whatever the Host: a client calling the pod with another Host header is allowed by it. Match hosts on the ingress gateway, or match paths, ports or source identities here.',
      ],
    },
    {
      name: 'a DENY on notHosts',
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          action: DENY
          rules:
          - to: [{operation: {notHosts: [internal.shop]}}]
        #                     ^^^^^^^^ hosts-on-sidecar-policy`,
      messages: [/^notHosts matches the Host header, .* is not denied by this rule\./],
    },
    {
      name: 'a root-namespace policy selecting application pods anywhere',
      code: `${WORKLOADS}
        #- policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: api-hosts, namespace: istio-system}
        spec:
          selector: {matchLabels: {app: api}}
          rules:
          - to: [{operation: {hosts: [api.example.com], paths: ["/v1/*"]}}]
        #                     ^^^^^ hosts-on-sidecar-policy`,
      messages: [/\(Deployment shop\/api\)/],
    },
  ],
});
