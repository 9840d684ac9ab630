import { ruleTester } from '../../harness/ruleTester';

ruleTester('deprecated-annotation', {
  valid: [
    {
      name: 'the injection label, and current annotations',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              labels: {app: reviews, sidecar.istio.io/inject: "true"}
              annotations:
                istio.io/reroute-virtual-interfaces: net1`,
    },
    {
      name: 'the annotation kept next to the label (deliberate compatibility, as istioctl judges)',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          labels:
            sidecar.istio.io/inject: "false"
          annotations:
            sidecar.istio.io/inject: "false"`,
    },
    {
      name: 'the deprecated tlsMode label is written by the injector',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          labels: {security.istio.io/tlsMode: istio}`,
    },
  ],
  invalid: [
    {
      name: 'a renamed annotation is renamed',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: vm
          annotations:
            traffic.sidecar.istio.io/kubevirtInterfaces: net1
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-annotation`,
      messages: [
        "The annotation 'traffic.sidecar.istio.io/kubevirtInterfaces' is deprecated: use istio.io/reroute-virtual-interfaces (same value).",
      ],
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Pod
          metadata:
            name: vm
            annotations:
              istio.io/reroute-virtual-interfaces: net1`,
      },
    },
    {
      name: 'the injection annotation moves to the labels',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              labels:
                app: reviews
              annotations:
                sidecar.istio.io/inject: "false"
        #       ^^^^^^^^^^^^^^^^^^^^^^^ deprecated-annotation
                sidecar.istio.io/proxyCPU: 50m`,
      messages: [
        "The annotation 'sidecar.istio.io/inject' is deprecated: use the label sidecar.istio.io/inject (on the pod template), which Istio prefers when both are set.",
      ],
      output: {
        'test.yaml': `
          apiVersion: apps/v1
          kind: Deployment
          metadata: {name: reviews}
          spec:
            template:
              metadata:
                labels:
                  app: reviews
                  sidecar.istio.io/inject: "false"
                annotations:
                  sidecar.istio.io/proxyCPU: 50m`,
      },
    },
    {
      name: 'stats annotations point at proxy.istio.io/config',
      code: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            sidecar.istio.io/statsInclusionPrefixes: cluster.outbound
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-annotation`,
      messages: [
        "The annotation 'sidecar.istio.io/statsInclusionPrefixes' is deprecated: set proxyStatsMatcher.inclusionPrefixes in the proxy.istio.io/config annotation.",
      ],
    },
    {
      name: 'a deprecated annotation without a successor',
      code: `
        apiVersion: v1
        kind: Service
        metadata:
          name: vm
          annotations:
            alpha.istio.io/kubernetes-serviceaccounts: sa
        #   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ deprecated-annotation`,
      messages: [
        "The annotation 'alpha.istio.io/kubernetes-serviceaccounts' is deprecated and may stop working in a future Istio release.",
      ],
    },
  ],
});
