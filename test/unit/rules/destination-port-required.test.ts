import { ruleTester } from '../../harness/ruleTester';

const SERVICES = `
        #- apps/services.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: apps}
        spec:
          selector: {app: reviews}
          ports:
          - {name: http, port: 9080}
          - {name: grpc-admin, port: 9090}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: apps}
        spec:
          selector: {app: web}
          ports:
          - {name: http, port: 80}
          - {name: tcp-db, port: 5432}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ratings, namespace: apps}
        spec:
          selector: {app: ratings}
          ports: [{name: http, port: 9080}]`;

const GATEWAY = `
        #- gateway.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: ingress, namespace: istio-system}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*/*.example.com"]
          - port: {number: 31400, name: tcp, protocol: TCP}
            hosts: ["*/*.example.com"]`;

ruleTester('destination-port-required', {
  valid: [
    {
      name: 'the sidecars route a multi-port service to itself on each of its ports; single-port services need no port',
      code: `${SERVICES}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: apps}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews, subset: v1}}]
          - mirror: {host: reviews}
            route: [{destination: {host: ratings}}]`,
    },
    {
      name: 'a gateway port the Service has; a destination with a port; a web host whose http port the destination has',
      code: `${SERVICES}${GATEWAY}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: apps}
        spec:
          hosts: [web.example.com]
          gateways: [istio-system/ingress]
          http:
          - match: [{uri: {prefix: /reviews}}]
            route: [{destination: {host: reviews, port: {number: 9080}}}]
          - route: [{destination: {host: web}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web-internal, namespace: apps}
        spec:
          hosts: [web]
          http:
          - route: [{destination: {host: reviews.apps.svc.cluster.local, port: {number: 9080}}}]
          tcp:
          - route: [{destination: {host: web}}]`,
    },
    {
      name: 'unknown listener ports: a Gateway outside the workspace, a ServiceEntry host, a templated VirtualService',
      code: `${SERVICES}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: edge, namespace: apps}
        spec:
          hosts: [edge.example.com]
          gateways: [istio-system/elsewhere]
          http:
          - route: [{destination: {host: reviews}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: legacy, namespace: apps}
        spec:
          hosts: [legacy.internal]
          ports: [{number: 8000, name: http, protocol: HTTP}]
          resolution: DNS
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: legacy, namespace: apps}
        spec:
          hosts: [legacy.internal]
          http:
          - route: [{destination: {host: reviews}}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: templated, namespace: apps}
        spec:
          hosts: [web]
          http:
          - route:
            - destination:
                host: reviews
                {{- include "port" . | nindent 8 }}`,
    },
  ],
  invalid: [
    {
      name: 'a gateway route to a multi-port Service: the gateway port 80 is not one of its ports',
      code: `${SERVICES}${GATEWAY}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews-ingress, namespace: apps}
        spec:
          hosts: [reviews.example.com]
          gateways: [istio-system/ingress]
          http:
          - route:
            - destination:
                host: reviews
        #             ^^^^^^^ destination-port-required
                subset: v1`,
      messages: [
        'Service apps/reviews has several ports (9080 (http), 9090 (grpc-admin)) and this destination names none, so Envoy uses the port the traffic arrives on: 80 (Gateway istio-system/ingress), which apps/reviews does not have. There the route has no upstream and answers 503. Set port.number.',
      ],
      output: {
        'apps/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews-ingress, namespace: apps}
          spec:
            hosts: [reviews.example.com]
            gateways: [istio-system/ingress]
            http:
            - route:
              - destination:
                  host: reviews
                  subset: v1
                  port:
                    number: 9080`,
      },
    },
    {
      name: 'the sidecars: a VirtualService for web (port 80) sends to reviews, which has no port 80',
      code: `${SERVICES}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: apps}
        spec:
          hosts: [web]
          http:
          - match: [{uri: {prefix: /reviews}}]
            route: [{destination: {host: reviews}}]
        #                                ^^^^^^^ destination-port-required
          - route: [{destination: {host: web}}]`,
      messages: [
        'Service apps/reviews has several ports (9080 (http), 9090 (grpc-admin)) and this destination names none, so Envoy uses the port the traffic arrives on: 80 (a port of web on the sidecars), which apps/reviews does not have. There the route has no upstream and answers 503. Set port.number.',
      ],
      fix: 'Set port.number: 9090',
      output: {
        'apps/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: web, namespace: apps}
          spec:
            hosts: [web]
            http:
            - match: [{uri: {prefix: /reviews}}]
              route: [{destination: {host: reviews, port: {number: 9090}}}]
            - route: [{destination: {host: web}}]`,
      },
    },
    {
      name: 'a tcp route through the gateway port 31400, and a mirror through port 80',
      code: `${SERVICES}${GATEWAY}
        #- apps/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: db, namespace: apps}
        spec:
          hosts: [db.example.com]
          gateways: [istio-system/ingress]
          http:
          - route: [{destination: {host: ratings}}]
            mirror: {host: reviews}
        #                  ^^^^^^^ destination-port-required
          tcp:
          - route: [{destination: {host: web.apps.svc.cluster.local}}]
        #                                ^^^^^^^^^^^^^^^^^^^^^^^^^^ destination-port-required`,
      messages: [
        /^Service apps\/reviews has several ports \(9080 \(http\), 9090 \(grpc-admin\)\) .*: 80 \(Gateway istio-system\/ingress\), which/,
        /^Service apps\/web has several ports .*: 31400 \(Gateway istio-system\/ingress\), which apps\/web does not have/,
      ],
    },
  ],
});
