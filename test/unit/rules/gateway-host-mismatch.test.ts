import { ruleTester } from '../../harness/ruleTester';

const GATEWAY = `
        #- ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: shop-cert}
            hosts: ["shop/shop.example.com", "*/*.api.example.com", "./admin.example.com"]`;

ruleTester('gateway-host-mismatch', {
  valid: [
    {
      name: 'a Gateway API Gateway: the hosts its listener hostnames take, whatever the namespace',
      code: `
        #- ingress/k8s-gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: ingress}
        spec:
          gatewayClassName: istio
          listeners:
          - {name: shop, hostname: shop.example.com, port: 80, protocol: HTTP}
          - {name: apps, hostname: "*.apps.example.com", port: 80, protocol: HTTP}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com, web.apps.example.com]
          gateways: [ingress/edge]
          http: [{route: [{destination: {host: web}}]}]`,
    },
    {
      name: 'exact host from the allowed namespace; wildcard server host from any namespace',
      code: `${GATEWAY}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com, orders.api.example.com, "*.v2.api.example.com"]
          gateways: [ingress/public]
          http: [{route: [{destination: {host: web}}]}]`,
    },
    {
      name: '"." allows the Gateway namespace (kustomize namespace)',
      code: `${GATEWAY}
        #- ingress/admin/kustomization.yaml
        namespace: ingress
        resources: [vs.yaml]
        #- ingress/admin/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: admin}
        spec:
          hosts: [admin.example.com]
          gateways: [public]
          http: [{route: [{destination: {host: admin.ops.svc.cluster.local}}]}]`,
    },
    {
      name: 'a VS wildcard host that overlaps a server host; mesh hosts are not judged',
      code: `${GATEWAY}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: shop}
        spec:
          hosts: ["*.example.com"]
          gateways: [ingress/public]
          http: [{route: [{destination: {host: web}}]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: both, namespace: shop}
        spec:
          hosts: [reviews, shop.example.com]
          gateways: [ingress/public, mesh]
          http: [{route: [{destination: {host: reviews}}]}]`,
    },
    {
      name: 'missing or templated Gateway: not judged here',
      code: `
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [ingress/missing, shop/templated]
          http: [{route: [{destination: {host: web}}]}]
        #- chart/templates/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: templated, namespace: shop}
        spec:
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [{{ .Values.host | quote }}]`,
    },
  ],
  invalid: [
    {
      name: 'a host no server accepts',
      messages: [
        'Host shop.example.org is not served by Gateway ingress/public, whose servers accept shop/shop.example.com, */*.api.example.com, ./admin.example.com: the gateway ignores this host of the VirtualService.',
      ],
      code: `${GATEWAY}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts:
          - shop.example.com
          - shop.example.org
        #   ^^^^^^^^^^^^^^^^ gateway-host-mismatch
          gateways: [ingress/public]
          http: [{route: [{destination: {host: web}}]}]`,
    },
    {
      name: 'the host matches, but the server only serves it to another namespace',
      messages: [
        'Gateway ingress/public serves shop.example.com only to VirtualServices in namespace shop; this one is in namespace web, so the gateway ignores it.',
      ],
      code: `${GATEWAY}
        #- web/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: web}
        spec:
          hosts: [shop.example.com]
        #         ^^^^^^^^^^^^^^^^ gateway-host-mismatch
          gateways: [ingress/public]
          http: [{route: [{destination: {host: web}}]}]`,
    },
    {
      name: '"./host" does not reach VirtualServices of other namespaces',
      messages: [
        'Gateway ingress/public serves admin.example.com only to VirtualServices in its own namespace ingress; this one is in namespace ops, so the gateway ignores it.',
      ],
      code: `${GATEWAY}
        #- ops/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: admin, namespace: ops}
        spec:
          hosts: [admin.example.com]
        #         ^^^^^^^^^^^^^^^^^ gateway-host-mismatch
          gateways: [ingress/public]
          http: [{route: [{destination: {host: admin}}]}]`,
    },
    {
      name: 'a short VS host is an in-cluster FQDN no gateway server names; several gateways, multi-document',
      messages: [
        'Host web is not served by Gateway ingress/public or Gateway ingress/plain, whose servers accept shop/shop.example.com, */*.api.example.com, ./admin.example.com, */www.example.com: the gateway ignores this host of the VirtualService.',
      ],
      code: `${GATEWAY}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: plain, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/www.example.com"]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: ingress}
        spec:
          hosts: [www.example.com, web]
        #                          ^^^ gateway-host-mismatch
          gateways: [public, plain]
          http: [{route: [{destination: {host: web.shop.svc.cluster.local}}]}]`,
    },
    {
      name: 'a Gateway API Gateway whose listener hostnames do not take the host',
      code: `
        #- ingress/k8s-gateway.yaml
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge, namespace: ingress}
        spec:
          gatewayClassName: istio
          listeners:
          - {name: shop, hostname: shop.example.com, port: 80, protocol: HTTP}
          - {name: apps, hostname: "*.apps.example.com", port: 80, protocol: HTTP}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [apps.example.com]
        #         ^^^^^^^^^^^^^^^^ gateway-host-mismatch
          gateways: [ingress/edge]
          http: [{route: [{destination: {host: web}}]}]`,
      messages: [
        'Host apps.example.com is not served by Gateway ingress/edge, whose servers accept shop.example.com, *.apps.example.com: the gateway ignores this host of the VirtualService.',
      ],
    },
  ],
});
