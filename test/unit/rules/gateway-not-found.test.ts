import { ruleTester } from '../../harness/ruleTester';

const GATEWAYS = `
        #- ingress/gateways.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public-gateway, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: internal-gateway, namespace: ingress}
        spec:
          selector: {istio: internalgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`;

ruleTester('gateway-not-found', {
  valid: [
    {
      name: 'a Gateway API Gateway, with an Istio Gateway in the same namespace (istioctl analyze accepts it)',
      code: `${GATEWAYS}
        #- ingress/k8s-gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: ingress}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP}]
        #- ingress/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [web.example.com]
          gateways: [edge, ingress/edge]
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
    },
    {
      name: 'namespace/name, ./name, legacy FQDN form and mesh',
      code: `${GATEWAYS}
        #- ingress/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [web.example.com]
          gateways: [ingress/public-gateway, ./internal-gateway, public-gateway.ingress.svc.cluster.local, mesh]
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
    },
    {
      name: 'short name resolves in the VirtualService namespace',
      code: `${GATEWAYS}
        #- ingress/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [web.example.com]
          gateways: [public-gateway]
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
    },
    {
      name: 'a Gateway managed outside the workspace (nothing known of its namespace or name)',
      code: `${GATEWAYS}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/shared-edge]
          http: [{route: [{destination: {host: web}}]}]`,
    },
    {
      name: 'a Helm-templated Gateway could be the one',
      code: `
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [shop-gateway]
          http: [{route: [{destination: {host: web}}]}]
        #- chart/templates/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: {{ .Values.gateway.name }}, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: other, namespace: shop}
        spec:
          selector: {istio: ingressgateway}`,
    },
  ],
  invalid: [
    {
      name: 'short name in another namespace than the Gateway: qualify it',
      messages: [
        "Gateway shop/public-gateway does not exist (a gateway without a namespace/ prefix is looked up in the VirtualService's namespace, shop). A Gateway named public-gateway exists in namespace ingress: qualify it as namespace/name.",
      ],
      code: `${GATEWAYS}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways:
          - public-gateway
        #   ^^^^^^^^^^^^^^ gateway-not-found
          http: [{route: [{destination: {host: web}}]}]`,
      output: {
        'shop/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web, namespace: shop}
          spec:
            hosts: [shop.example.com]
            gateways:
            - ingress/public-gateway
            http: [{route: [{destination: {host: web}}]}]`,
      },
    },
    {
      name: 'typo in a qualified name: did you mean, quotes kept',
      messages: ['Gateway ingress/public-gatway does not exist. Did you mean ingress/public-gateway?'],
      code: `${GATEWAYS}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: ["ingress/public-gatway", mesh]
        #            ^^^^^^^^^^^^^^^^^^^^^^^ gateway-not-found
          http: [{route: [{destination: {host: web}}]}]`,
      output: {
        'shop/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web, namespace: shop}
          spec:
            hosts: [shop.example.com]
            gateways: ["ingress/public-gateway", mesh]
            http: [{route: [{destination: {host: web}}]}]`,
      },
    },
    {
      name: 'a name no Gateway has, in a namespace whose Gateways the workspace shows (kustomize namespace)',
      messages: [
        "Gateway ingress/edge does not exist (a gateway without a namespace/ prefix is looked up in the VirtualService's namespace, ingress).",
      ],
      code: `${GATEWAYS}
        #- ingress/routes/kustomization.yaml
        namespace: ingress
        resources: [vs.yaml]
        #- ingress/routes/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web}
        spec:
          hosts: [web.example.com]
          gateways: [edge]
        #            ^^^^ gateway-not-found
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
      fix: 'Change to public-gateway',
    },
    {
      name: 'legacy FQDN form naming the wrong namespace, multi-document file',
      messages: [
        'Gateway shop/internal-gateway does not exist. A Gateway named internal-gateway exists in namespace ingress: qualify it as namespace/name.',
      ],
      code: `${GATEWAYS}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [web.example.com]
          gateways: [internal-gateway.shop.svc.cluster.local]
        #            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ gateway-not-found
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
      output: {
        'ingress/gateways.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: public-gateway, namespace: ingress}
          spec:
            selector: {istio: ingressgateway}
            servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
          ---
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: internal-gateway, namespace: ingress}
          spec:
            selector: {istio: internalgateway}
            servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web, namespace: ingress}
          spec:
            hosts: [web.example.com]
            gateways: [internal-gateway]
            http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
      },
    },
    {
      name: 'a namespace with only Gateway API Gateways is judged too, and they are suggested',
      code: `
        #- ingress/k8s-gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: ingress}
        spec:
          gatewayClassName: istio
          listeners: [{name: http, port: 80, protocol: HTTP}]
        #- ingress/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [web.example.com]
          gateways: [edgee]
        #            ^^^^^ gateway-not-found
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
      messages: [
        "Gateway ingress/edgee does not exist (a gateway without a namespace/ prefix is looked up in the VirtualService's namespace, ingress). Did you mean edge?",
      ],
      fix: 'Change to edge',
    },
  ],
});
