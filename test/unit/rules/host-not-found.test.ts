import { ruleTester } from '../../harness/ruleTester';

const SERVICES = `
        #- bookinfo/services.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {ports: [{port: 9080, name: http}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ratings, namespace: bookinfo}
        spec: {ports: [{port: 9080, name: http}]}`;

ruleTester('host-not-found', {
  valid: [
    {
      name: 'short name, FQDN and cross-namespace FQDN of existing Services',
      code: `${SERVICES}
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
            mirror: {host: ratings.bookinfo.svc.cluster.local}
        #- front/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: front}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          http: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local}}]}]`,
    },
    {
      name: 'ServiceEntry hosts, exact and wildcard',
      code: `${SERVICES}
        #- egress.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: legacy, namespace: bookinfo}
        spec: {hosts: [legacy.bookinfo.svc.cluster.local, "*.partners.example.com"], location: MESH_EXTERNAL}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: legacy, namespace: bookinfo}
        spec:
          hosts: [legacy]
          http:
          - route: [{destination: {host: legacy}}]
          - route: [{destination: {host: api.partners.example.com}}]`,
    },
    {
      name: 'no Service in that namespace in the workspace: nothing to judge by',
      code: `${SERVICES}
        #- shop/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: cart, namespace: shop}
        spec:
          hosts: [cart]
          http: [{route: [{destination: {host: cart}}, {destination: {host: api.example.com}}]}]`,
    },
    {
      name: 'a Helm-templated Service could define the host',
      code: `${SERVICES}
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: details, namespace: bookinfo}
        spec:
          hosts: [details]
          http: [{route: [{destination: {host: details}}]}]
        #- chart/templates/svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: {{ .Values.name }}, namespace: bookinfo}`,
    },
  ],
  invalid: [
    {
      name: 'name.namespace is taken literally: write the FQDN',
      messages: [
        '"reviews.bookinfo" is taken literally (Istio does not expand name.namespace), so it matches no Service or ServiceEntry. The Service\'s name is reviews.bookinfo.svc.cluster.local.',
      ],
      code: `${SERVICES}
        #- front/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: front}
        spec:
          hosts: [reviews.bookinfo.svc.cluster.local]
          http:
          - route:
            - destination:
                host: reviews.bookinfo
        #             ^^^^^^^^^^^^^^^^ host-not-found`,
      output: {
        'front/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews, namespace: front}
          spec:
            hosts: [reviews.bookinfo.svc.cluster.local]
            http:
            - route:
              - destination:
                  host: reviews.bookinfo.svc.cluster.local`,
      },
    },
    {
      name: 'a typo of a Service of the namespace (kustomize namespace)',
      messages: [
        'No Service or ServiceEntry in the workspace defines ratngs.bookinfo.svc.cluster.local, although the workspace defines Services in namespace bookinfo. Did you mean ratings?',
      ],
      code: `${SERVICES}
        #- bookinfo/routes/kustomization.yaml
        namespace: bookinfo
        resources: [vs.yaml]
        #- bookinfo/routes/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings]
          http: [{route: [{destination: {host: ratngs}}]}]
        #                                      ^^^^^^ host-not-found`,
      output: {
        'bookinfo/routes/vs.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: ratings}
          spec:
            hosts: [ratings]
            http: [{route: [{destination: {host: ratings}}]}]`,
      },
    },
    {
      name: 'a short name resolves in the VirtualService namespace, not the Service one',
      messages: [
        "No Service or ServiceEntry in the workspace defines reviews.front.svc.cluster.local, although the workspace defines Services in namespace front. A Service named reviews exists in namespace bookinfo; short names resolve in the VirtualService's namespace.",
      ],
      code: `${SERVICES}
        #- front/all.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: front}
        spec: {ports: [{port: 80, name: http}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: front}
        spec:
          hosts: [web]
          http:
          - route:
            - destination: {host: reviews}
        #                         ^^^^^^^ host-not-found`,
      output: {
        'front/all.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: web, namespace: front}
          spec: {ports: [{port: 80, name: http}]}
          ---
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: reviews, namespace: front}
          spec:
            hosts: [web]
            http:
            - route:
              - destination: {host: reviews.bookinfo.svc.cluster.local}`,
      },
    },
    {
      name: 'a subset of a host that does not exist is not a second finding',
      messages: [
        'No Service or ServiceEntry in the workspace defines reveiws.bookinfo.svc.cluster.local, although the workspace defines Services in namespace bookinfo. Did you mean reviews?',
      ],
      code: `${SERVICES}
        #- bookinfo/vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reveiws, subset: v1}
        #                         ^^^^^^^ host-not-found
            - destination: {host: reviews, subset: v9}
        #                                          ^^ subset-not-found
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews, subsets: [{name: v1, labels: {version: v1}}]}`,
      fix: 'Change host to reviews',
    },
    {
      name: 'an FQDN nothing defines, in a namespace the workspace knows',
      messages: [
        'No Service or ServiceEntry in the workspace defines details.bookinfo.svc.cluster.local, although the workspace defines Services in namespace bookinfo.',
      ],
      code: `${SERVICES}
        #- vs.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: details}
        spec:
          hosts: [details]
          http:
          - route:
            - destination: {host: details.bookinfo.svc.cluster.local}
        #                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ host-not-found`,
    },
  ],
});
