import { ruleTester } from '../../harness/ruleTester';

ruleTester('conflicting-gateways', {
  valid: [
    {
      name: 'selectors that differ on a shared key, or overlap without a workload showing it',
      code: `
        #- gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: internal, namespace: ingress}
        spec:
          selector: {istio: internalgateway, team: shop}
          servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: by-app, namespace: ingress}
        spec:
          selector: {app: edge}
          servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        #- deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: edge, namespace: ingress}
        spec: {template: {metadata: {labels: {app: edge, istio: edgegateway}}}}`,
    },
    {
      name: 'plain HTTP servers for one host on one port are merged by Istio',
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: [shop.example.com]}]
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: catch-all, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]`,
    },
    {
      name: 'TLS servers on one port with different hosts (SNI tells them apart)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: https-shop, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: blog, namespace: blog}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: https-blog, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: blog}, hosts: [blog.example.com, "*"]}]`,
    },
    {
      name: 'the same host on different gateway workloads or ports',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: internal, namespace: ingress}
        spec:
          selector: {istio: internalgateway}
          servers: [{port: {number: 443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: public-alt, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 8443, name: https, protocol: HTTPS}, tls: {mode: SIMPLE, credentialName: shop}, hosts: [shop.example.com]}]`,
    },
  ],
  invalid: [
    {
      name: 'two Gateways terminate TLS for one host on one port: both reported',
      messages: [
        'Gateway shop/shop also serves */shop.example.com with TLS on port 443 of the same gateway workload (istio=ingressgateway). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
        'Gateway legacy/legacy also serves shop.example.com with TLS on port 443 of the same gateway workload (istio=ingressgateway). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
      ],
      code: `
        #- shop/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: shop-cert}
            hosts: [shop.example.com]
        #           ^^^^^^^^^^^^^^^^ conflicting-gateways
        #- legacy/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: legacy, namespace: legacy}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: legacy-cert}
            hosts: ["*/shop.example.com", legacy.example.com]
        #           ^^^^^^^^^^^^^^^^^^^^ conflicting-gateways`,
    },
    {
      name: 'a plaintext TCP server and an HTTP server on one port (kustomize namespace)',
      messages: [
        'Gateway web/web also uses port 8080 of the same gateway workload (istio=ingressgateway) as plaintext HTTP, while this server is plaintext TCP. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
        'Gateway ingress/db also uses port 8080 of the same gateway workload (istio=ingressgateway) as plaintext TCP, while this server is plaintext HTTP. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
      ],
      code: `
        #- ingress/kustomization.yaml
        namespace: ingress
        resources: [gw.yaml]
        #- ingress/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: db}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 8080, name: tcp, protocol: TCP}, hosts: ["*"]}]
        #                           ^^^^ conflicting-gateways
        #- web/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web, namespace: web}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 8080, name: http, protocol: HTTP}, hosts: [web.example.com]}]
        #                           ^^^^ conflicting-gateways`,
    },
    {
      name: 'passthrough servers with the same host, "./" host form, multi-document file',
      messages: [
        'Gateway ingress/b also serves ./db.example.com with TLS on port 443 of the same gateway workload (istio=ingressgateway). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
        'Gateway ingress/a also serves ingress/db.example.com with TLS on port 443 of the same gateway workload (istio=ingressgateway). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: a, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: tls, protocol: TLS}, tls: {mode: PASSTHROUGH}, hosts: ["./db.example.com"]}]
        #                                                                                             ^^^^^^^^^^^^^^^^^^ conflicting-gateways
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: b, namespace: ingress}
        spec:
          selector: {istio: ingressgateway}
          servers: [{port: {number: 443, name: tls, protocol: TLS}, tls: {mode: PASSTHROUGH}, hosts: [ingress/db.example.com]}]
        #                                                                                             ^^^^^^^^^^^^^^^^^^^^^^ conflicting-gateways`,
    },
    {
      name: "one selector a subset of the other: the broader Gateway also configures the narrower one's pods",
      code: `
        #- shop/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop, namespace: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: shop-cert}
            hosts: [shop.example.com]
        #           ^^^^^^^^^^^^^^^^ conflicting-gateways
        #- internal/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: internal, namespace: internal}
        spec:
          selector: {istio: ingressgateway, app: internal-gateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            tls: {mode: SIMPLE, credentialName: internal-cert}
            hosts: ["*/shop.example.com"]
        #           ^^^^^^^^^^^^^^^^^^^^ conflicting-gateways`,
      messages: [
        'Gateway shop/shop also serves */shop.example.com with TLS on port 443 of the same gateway workload (pods labelled istio=ingressgateway,app=internal-gateway, which both selectors pick). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
        'Gateway internal/internal also serves shop.example.com with TLS on port 443 of the same gateway workload (pods labelled istio=ingressgateway,app=internal-gateway, which both selectors pick). Istio keeps only the server of the Gateway it merges first (the older one) and drops the other: serve each host once per port.',
      ],
    },
    {
      name: 'different selectors that both match a gateway Deployment of the workspace',
      code: `
        #- gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: tcp, namespace: edge}
        spec:
          selector: {app: edge}
          servers:
          - port: {number: 9000, name: tcp, protocol: TCP}
        #                  ^^^^ conflicting-gateways
            hosts: ["*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: web, namespace: edge}
        spec:
          selector: {istio: edgegateway}
          servers:
          - port: {number: 9000, name: http, protocol: HTTP}
        #                  ^^^^ conflicting-gateways
            hosts: ["*"]
        #- deploy.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: edge-gateway, namespace: edge}
        spec: {template: {metadata: {labels: {app: edge, istio: edgegateway}}}}`,
      messages: [
        'Gateway edge/web also uses port 9000 of the same gateway workload (Deployment edge/edge-gateway, which both selectors pick) as plaintext HTTP, while this server is plaintext TCP. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
        'Gateway edge/tcp also uses port 9000 of the same gateway workload (Deployment edge/edge-gateway, which both selectors pick) as plaintext TCP, while this server is plaintext HTTP. One port carries one kind of listener, so Istio drops one of the servers: use another port or the same protocol.',
      ],
    },
  ],
});
