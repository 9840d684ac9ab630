import { ruleTester } from '../../harness/ruleTester';

const vs = (name: string, ns: string | undefined, subset: string, apiVersion = 'networking.istio.io/v1') => `
        apiVersion: ${apiVersion}
        kind: VirtualService
        metadata:
          name: ${name}${ns ? `\n          namespace: ${ns}` : ''}
        spec:
          hosts: [${name}]
          http: [{route: [{destination: {host: ${name}, subset: ${subset}}}]}]`;

ruleTester('duplicate-resource', {
  valid: [
    {
      // Istio's samples: bookinfo/networking/virtual-service-*.yaml are applied one at a time.
      name: 'loose files defining one object are alternatives, not duplicates',
      code: `
        #- samples/networking/virtual-service-all-v1.yaml
        ${vs('reviews', 'default', 'v1')}
        #- samples/networking/virtual-service-reviews-v3.yaml
        ${vs('reviews', 'default', 'v3', 'networking.istio.io/v1alpha3')}
        #- samples/other/reviews.yaml
        ${vs('reviews', 'default', 'v2')}`,
    },
    {
      name: 'one object per cluster folder: copies in different environments',
      code: `
        #- clusters/prod/vs.yaml
        ${vs('reviews', 'bookinfo', 'v1')}
        #- clusters/staging/vs.yaml
        ${vs('reviews', 'bookinfo', 'v2')}`,
    },
    {
      name: 'a base built by two overlays into two namespaces is two objects',
      code: `
        #- base/kustomization.yaml
        resources: [vs.yaml]
        #- base/vs.yaml
        ${vs('reviews', undefined, 'v1')}
        #- overlays/prod/kustomization.yaml
        namespace: prod
        resources: [../../base]
        #- overlays/staging/kustomization.yaml
        namespace: staging
        resources: [../../base]`,
    },
    {
      name: 'same name, different kinds or namespaces',
      code: `
        #- mesh.yaml
        ${vs('reviews', 'bookinfo', 'v1')}
        ---
        ${vs('reviews', 'front', 'v1')}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews}`,
    },
  ],
  invalid: [
    {
      name: 'twice in one file: reported once, on the first',
      code: `
        #- mesh.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        #                ^^^^^^^ duplicate-resource
        spec: {hosts: [reviews]}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        spec: {hosts: [reviews]}`,
      messages: [
        'VirtualService bookinfo/reviews is also defined later in this file. Applied together they are one object: the copy applied last replaces the others, so only one of these definitions takes effect. Keep one.',
      ],
    },
    {
      name: 'two files of one kustomize build (the kustomization namespace makes them one object)',
      code: `
        #- app/kustomization.yaml
        namespace: bookinfo
        resources: [a.yaml, b.yaml]
        #- app/a.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        #                ^^^^^^^ duplicate-resource
        spec: {host: reviews}
        #- app/b.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: other}
        spec: {host: reviews}`,
      messages: [
        'DestinationRule bookinfo/reviews is also defined in b.yaml, in the same kustomize build (.): kustomize refuses to build it (may not add resource with an already registered id). Keep one.',
      ],
    },
    {
      name: 'three files of one cluster folder',
      code: `
        #- clusters/prod/apps/reviews.yaml
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: bookinfo}
        #                ^^^^^^^ duplicate-resource
        spec: {hosts: [reviews]}
        #- clusters/prod/mesh/routes.yaml
        ${vs('reviews', 'bookinfo', 'v1')}
        #- clusters/prod/mesh/routes-v2.yaml
        ${vs('reviews', 'bookinfo', 'v2')}
        #- clusters/staging/routes.yaml
        ${vs('reviews', 'bookinfo', 'v2')}`,
      messages: [
        'VirtualService bookinfo/reviews is also defined in ../mesh/routes-v2.yaml and ../mesh/routes.yaml. Applied together they are one object: the copy applied last replaces the others, so only one of these definitions takes effect. Keep one.',
      ],
    },
    {
      name: 'files of one configured environment (istio.environments)',
      settings: { environments: [{ name: 'prod', patterns: ['deploy/**'] }] },
      code: `
        #- deploy/a.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        #                ^^^^^^^ duplicate-resource
        spec: {ports: [{name: http, port: 9080}]}
        #- deploy/b.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {ports: [{name: http, port: 9080}]}
        #- samples/c.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {ports: [{name: http, port: 9080}]}`,
      messages: [
        'Service bookinfo/reviews is also defined in b.yaml. Applied together they are one object: the copy applied last replaces the others, so only one of these definitions takes effect. Keep one.',
      ],
    },
  ],
});
