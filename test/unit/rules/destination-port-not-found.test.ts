import { ruleTester } from '../../harness/ruleTester';

const SERVICE = `
        #- bookinfo/svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          selector: {app: reviews}
          ports:
          - {name: http, port: 9080, targetPort: 8080}
          - {name: grpc, port: 9090}`;

ruleTester('destination-port-not-found', {
  valid: [
    {
      name: 'ports the Service exposes (short name and cross-namespace FQDN)',
      code: `${SERVICE}
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http: [{route: [{destination: {host: reviews, port: {number: 9080}}}]}]
        #- front/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews-grpc, namespace: front}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          http: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local, port: {number: 9090}}}]}]`,
    },
    {
      name: 'ServiceEntry destinations and unknown hosts are not judged',
      code: `${SERVICE}
        #- egress.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: bookinfo}
        spec: {hosts: [api.example.com], ports: [{number: 443, name: https, protocol: TLS}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: api, namespace: bookinfo}
        spec:
          hosts: [api.example.com]
          tls: [{match: [{sniHosts: [api.example.com]}], route: [{destination: {host: api.example.com, port: {number: 8443}}}]}]
          tcp: [{route: [{destination: {host: unknown.bookinfo.svc.cluster.local, port: {number: 1}}}]}]`,
    },
    {
      name: 'a Service whose ports are templated',
      code: `
        #- chart/templates/svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          ports:
          - port: {{ .Values.port }}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: web, namespace: shop}
        spec:
          hosts: [web]
          http: [{route: [{destination: {host: web, port: {number: 8080}}}]}]`,
    },
  ],
  invalid: [
    {
      name: 'the container port instead of the Service port',
      messages: [
        'Service bookinfo/reviews has no port 8080 (its ports: 9080 (http), 9090 (grpc)), so this route has no upstream and answers 503. 8080 is the targetPort (container port) of Service port 9080: routes address the Service port.',
      ],
      code: `${SERVICE}
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination:
                host: reviews
                port:
                  number: 8080
        #                 ^^^^ destination-port-not-found`,
      output: {
        'bookinfo/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews, namespace: bookinfo}
          spec:
            hosts: [reviews]
            http:
            - route:
              - destination:
                  host: reviews
                  port:
                    number: 9080`,
      },
    },
    {
      name: 'a port no Service port has, FQDN from another namespace (kustomize namespace)',
      messages: [
        'Service bookinfo/reviews has no port 80 (its ports: 9080 (http), 9090 (grpc)), so this route has no upstream and answers 503.',
      ],
      code: `${SERVICE}
        #- front/kustomization.yaml
        namespace: front
        resources: [vs.yaml]
        #- front/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          tcp: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local, port: {number: 80}}}]}]
        #                                                                                        ^^ destination-port-not-found`,
      fix: 'Change port to 9090',
    },
    {
      name: 'mirror and route ports in a multi-document file',
      messages: [
        'Service bookinfo/reviews has no port 9091 (its ports: 9080 (http), 9090 (grpc)), so this route has no upstream and answers 503.',
      ],
      code: `${SERVICE}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews, port: {number: 9080}}}]
            mirror: {host: reviews, port: {number: 9091}}
        #                                          ^^^^ destination-port-not-found`,
      fix: 'Change port to 9080',
    },
  ],
});
