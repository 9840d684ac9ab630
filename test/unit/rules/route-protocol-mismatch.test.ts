import { ruleTester } from '../../harness/ruleTester';

/** One ingress Gateway per kind of server, in istio-system. */
const GATEWAYS = `
        #- gateways.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*/*.example.com"]
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: example-cert}
            hosts: ["*/*.example.com"]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: passthrough, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 8443, name: tls, protocol: TLS}
            tls: {mode: PASSTHROUGH}
            hosts: ["*/*.example.com"]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: tcp, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 27017, name: mongo, protocol: MONGO}
            hosts: ["*/*.example.com"]`;

ruleTester('route-protocol-mismatch', {
  valid: [
    {
      name: 'each kind of route on servers that use it',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/web]
          http:
          - route: [{destination: {host: shop}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: bank, namespace: bank}
        spec:
          hosts: [bank.example.com]
          gateways: [istio-system/passthrough, istio-system/tcp]
          tls:
          - match: [{sniHosts: [bank.example.com], port: 8443}]
            route: [{destination: {host: bank}}]
          tcp:
          - match: [{port: 27017}]
            route: [{destination: {host: mongo}}]`,
    },
    {
      name: 'bound to the mesh too, or to a Gateway the workspace does not hold',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [mesh, istio-system/passthrough]
          http:
          - route: [{destination: {host: shop}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: blog, namespace: blog}
        spec:
          hosts: [blog.example.com]
          gateways: [ingress/elsewhere]
          tls:
          - match: [{sniHosts: [blog.example.com]}]
            route: [{destination: {host: blog}}]`,
    },
    {
      name: 'a match gateway or port picks the server that carries the route; servers whose hosts do not take the VirtualService do not count',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/web, istio-system/passthrough]
          http:
          - match: [{gateways: [istio-system/web], uri: {prefix: /}}]
            route: [{destination: {host: shop}}]
          tls:
          - match: [{sniHosts: [shop.example.com], port: 8443}]
            route: [{destination: {host: shop}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: other, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 9443, name: tls, protocol: TLS}
            tls: {mode: PASSTHROUGH}
            hosts: [other.example.org]
          - port: {number: 9080, name: http, protocol: HTTP}
            hosts: [shop.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop-other, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [other]
          http:
          - route: [{destination: {host: shop}}]`,
    },
  ],
  invalid: [
    {
      name: 'http routes on a TLS passthrough server only',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/passthrough]
          http:
        # ^^^^ route-protocol-mismatch
          - match: [{uri: {prefix: /api}}]
            route: [{destination: {host: api}}]
          - route: [{destination: {host: shop}}]`,
      messages: [
        'The http routes never match: Gateway istio-system/passthrough port 8443 (TLS, tls.mode PASSTHROUGH) only uses tls routes (matched by SNI). http routes apply on HTTP, HTTP2 and GRPC servers, and on HTTPS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
      ],
    },
    {
      name: 'tls routes on a terminating HTTPS server, and an HTTPS server whose tls block has no mode (PASSTHROUGH)',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: bank, namespace: bank}
        spec:
          hosts: [bank.example.com]
          gateways: [istio-system/web]
          tls:
        # ^^^ route-protocol-mismatch
          - match: [{sniHosts: [bank.example.com], port: 443}]
            route: [{destination: {host: bank}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: api, namespace: api}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {credentialName: api-cert}
            hosts: [api.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: api}
        spec:
          hosts: [api.example.com]
          gateways: [api]
          http:
        # ^^^^ route-protocol-mismatch
          - route: [{destination: {host: api}}]`,
      messages: [
        'The tls routes never match: Gateway istio-system/web port 443 (HTTPS, tls.mode SIMPLE) only uses http routes. tls routes apply on servers with tls.mode PASSTHROUGH.',
        'The http routes never match: Gateway api/api port 443 (HTTPS, tls.mode unset, which means PASSTHROUGH) only uses tls routes (matched by SNI). http routes apply on HTTP, HTTP2 and GRPC servers, and on HTTPS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
      ],
    },
    {
      name: 'one http route narrowed to a TCP gateway; tcp routes on HTTP servers; tls on AUTO_PASSTHROUGH',
      code: `${GATEWAYS}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: shop, namespace: shop}
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/web, istio-system/tcp]
          http:
          - match: [{gateways: [istio-system/tcp]}]
        #   ^^^^^ route-protocol-mismatch
            route: [{destination: {host: legacy}}]
          - route: [{destination: {host: shop}}]
          tcp:
        # ^^^ route-protocol-mismatch
          - match: [{port: 80}]
            route: [{destination: {host: shop}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: cross-network, namespace: istio-system}
        spec:
          selector: {istio: eastwestgateway}
          servers:
          - port: {number: 15443, name: tls, protocol: TLS}
            tls: {mode: AUTO_PASSTHROUGH}
            hosts: ["*.local", "*.example.com"]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: east-west, namespace: istio-system}
        spec:
          hosts: [svc.example.com]
          gateways: [cross-network]
          tls:
        # ^^^ route-protocol-mismatch
          - match: [{sniHosts: [svc.example.com]}]
            route: [{destination: {host: svc}}]`,
      messages: [
        'http route #0 never matches: Gateway istio-system/tcp port 27017 (MONGO) only uses tcp routes. http routes apply on HTTP, HTTP2 and GRPC servers, and on HTTPS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
        'The tcp routes never match: Gateway istio-system/web port 80 (HTTP) only uses http routes. tcp routes apply on TCP-level servers: TCP, MONGO, REDIS… and TLS servers that terminate TLS (tls.mode SIMPLE, MUTUAL or ISTIO_MUTUAL).',
        'The tls routes never match: Gateway istio-system/cross-network port 15443 (TLS, tls.mode AUTO_PASSTHROUGH) uses no VirtualService routes (AUTO_PASSTHROUGH forwards by SNI to the service itself). tls routes apply on servers with tls.mode PASSTHROUGH.',
      ],
    },
  ],
});
