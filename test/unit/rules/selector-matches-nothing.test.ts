import { ruleTester } from '../../harness/ruleTester';

const WORKLOADS = `
        #- shop/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cart, namespace: shop}
        spec: {template: {metadata: {labels: {app: cart, version: v1}}}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop}
        spec: {template: {metadata: {labels: {app: db}}}}`;

ruleTester('selector-matches-nothing', {
  valid: [
    {
      name: 'a workload written without labels (kustomize labels/commonLabels add them) could be the target',
      code: `
        #- base/kustomization.yaml
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: shop
        commonLabels: {app: cart}
        resources: [deploy.yaml, policy.yaml]
        #- base/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cart}
        spec:
          template:
            spec:
              containers: [{name: cart, image: cart:1}]
        #- base/policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: cart}
        spec:
          selector:
            matchLabels: {app: cart}
          rules: [{from: [{source: {namespaces: [shop]}}]}]`,
    },
    {
      name: 'selectors that match a workload of their namespace',
      code: `${WORKLOADS}
        #- shop/policies.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: cart, namespace: shop}
        spec: {selector: {matchLabels: {app: cart}}, action: ALLOW, rules: [{}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: db, namespace: shop}
        spec: {workloadSelector: {labels: {app: db}}, egress: [{hosts: ["./*"]}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: db-from-cart, namespace: shop}
        spec: {host: db, workloadSelector: {matchLabels: {app: cart, version: v1}}}`,
    },
    {
      name: 'no workload of the namespace in the workspace: nothing to judge by',
      code: `${WORKLOADS}
        #- payments/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: api, namespace: payments}
        spec: {selector: {matchLabels: {app: api}}, mtls: {mode: STRICT}}`,
    },
    {
      name: 'a Gateway selecting gateway pods installed outside the workspace',
      code: `${WORKLOADS}
        #- shop/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`,
    },
    {
      name: 'an egress gateway Deployment elsewhere says nothing about an ingress Gateway',
      code: `${WORKLOADS}
        #- istio-egress/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istio-egressgateway, namespace: istio-egress}
        spec: {template: {metadata: {labels: {istio: egressgateway}}}}
        #- istio-ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: istio-ingress}
        spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]}`,
    },
    {
      name: 'a templated workload or a templated selector',
      code: `${WORKLOADS}
        #- shop/policy.yaml
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: api, namespace: shop}
        spec: {selector: {matchLabels: {app: api}}}
        #- chart/templates/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          template:
            metadata:
              labels: {app: {{ .Values.app }}}`,
    },
    {
      name: 'a WorkloadEntry is a workload',
      code: `${WORKLOADS}
        #- shop/vm.yaml
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: legacy-vm, namespace: shop}
        spec: {address: 10.0.0.5, labels: {app: legacy}}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: legacy, namespace: shop}
        spec: {hosts: [legacy.shop.internal], location: MESH_INTERNAL, workloadSelector: {labels: {app: legacy}}}`,
    },
  ],
  invalid: [
    {
      name: 'a label value typo',
      messages: [
        'No workload in namespace shop has the labels {app: kart}, so this AuthorizationPolicy applies to nothing. Closest: Deployment shop/cart has app: cart.',
      ],
      code: `${WORKLOADS}
        #- shop/policy.yaml
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: cart, namespace: shop}
        spec:
          selector:
            matchLabels:
        #   ^^^^^^^^^^^ selector-matches-nothing
              app: kart
          action: ALLOW
          rules: [{}]`,
    },
    {
      name: 'a workload of another namespace does not count (kustomize namespace, Sidecar labels)',
      messages: ['No workload in namespace web has the labels {app: cart}, so this Sidecar applies to nothing.'],
      code: `${WORKLOADS}
        #- web/kustomization.yaml
        namespace: web
        resources: [deploy.yaml, sidecar.yaml]
        #- web/deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: frontend}
        spec: {template: {metadata: {labels: {app: frontend}}}}
        #- web/sidecar.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: cart}
        spec:
          workloadSelector: {labels: {app: cart}}
        #                    ^^^^^^ selector-matches-nothing
          egress: [{hosts: ["./*"]}]`,
    },
    {
      name: 'every selector label must match; multi-document file',
      messages: [
        'No workload in namespace shop has the labels {app: cart, version: v2}, so this EnvoyFilter applies to nothing. Closest: Deployment shop/cart has version: v1.',
      ],
      code: `${WORKLOADS}
        ---
        apiVersion: networking.istio.io/v1
        kind: EnvoyFilter
        metadata: {name: cart-v2, namespace: shop}
        spec:
          workloadSelector:
            labels: {app: cart, version: v2}
        #   ^^^^^^ selector-matches-nothing
          configPatches: []`,
    },
    {
      name: 'a Gateway selector typo when the gateway Deployment is in the workspace next to it',
      messages: [
        'No workload in the workspace has the labels {istio: ingress-gateway}, so this Gateway applies to nothing. Closest: Deployment istio-ingress/istio-ingressgateway has istio: ingressgateway.',
      ],
      code: `${WORKLOADS}
        #- istio-ingress/gateway.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: istio-ingressgateway, namespace: istio-ingress}
        spec: {template: {metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway}}}}
        #- istio-ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: istio-ingress}
        spec:
          selector: {istio: ingress-gateway}
        # ^^^^^^^^ selector-matches-nothing
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`,
    },
  ],
});
