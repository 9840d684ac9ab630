import { ruleTester } from '../../harness/ruleTester';

ruleTester('unknown-annotation', {
  valid: [
    {
      name: "Istio's annotations on a pod template, other owners' names untouched",
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reviews
          annotations:
            deployment.kubernetes.io/revision: "3"
            example.com/istio.io-like: "x"
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/proxyCPU: 100m
                proxy.istio.io/config: |
                  holdApplicationUntilProxyStarts: true
                prometheus.io/scrape: "true"
              labels:
                app: reviews
                sidecar.istio.io/inject: "true"`,
    },
    {
      name: 'hidden names Istio writes itself are known (kubectl get -o yaml output)',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: reviews-abc
          annotations:
            sidecar.istio.io/status: '{"initContainers":["istio-init"]}'
            istio.io/rev: default
            proxy.istio.io/overrides: '{}'
          labels:
            security.istio.io/tlsMode: istio
            service.istio.io/canonical-name: reviews`,
    },
    {
      name: 'labels of their own under istio.io without a close Istio label are left alone',
      code: `
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            team.istio.io/owner: payments
            istio-injection: enabled`,
    },
    {
      name: 'an Istio resource may carry analyze-suppress and dry-run',
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: deny
          annotations:
            istio.io/dry-run: "true"
            galley.istio.io/analyze-suppress: IST0108
        spec: {}`,
    },
  ],
  invalid: [
    {
      name: 'a misspelt annotation gets its fix',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                sidecar.istio.io/proxyMemry: 256Mi
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^ unknown-annotation`,
      messages: [
        "Unknown Istio annotation 'sidecar.istio.io/proxyMemry': Istio ignores it. Did you mean 'sidecar.istio.io/proxyMemory'?",
      ],
      output: {
        'test.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: reviews}
          spec:
            template:
              metadata:
                annotations:
                  sidecar.istio.io/proxyMemory: 256Mi`,
      },
    },
    {
      name: 'an unknown annotation with nothing close',
      code: `
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          annotations:
            networking.istio.io/make-it-fast: "true"
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ unknown-annotation`,
      messages: ["Unknown Istio annotation 'networking.istio.io/make-it-fast': Istio ignores it."],
    },
    {
      name: 'a misspelt label (case) in quotes keeps its quotes',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          labels:
            "sidecar.istio.io/Inject": "false"
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^ unknown-annotation`,
      messages: [
        "Unknown Istio label 'sidecar.istio.io/Inject': Istio ignores it. Did you mean 'sidecar.istio.io/inject'?",
      ],
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
            labels:
              "sidecar.istio.io/inject": "false"`,
      },
    },
    {
      name: 'a label written as an annotation',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                istio.io/dataplane-mode: ambient
        #       ^^^^^^^^^^^^^^^^^^^^^^^ unknown-annotation`,
      messages: [
        "'istio.io/dataplane-mode' is an Istio label, not an annotation: Istio does not read it from annotations. Move it to spec.template.metadata.labels.",
      ],
    },
  ],
});
