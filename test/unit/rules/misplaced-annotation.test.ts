import { ruleTester } from '../../harness/ruleTester';

ruleTester('misplaced-annotation', {
  valid: [
    {
      name: 'pod settings on the pod template, Service settings on the Service',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              labels: {app: reviews, sidecar.istio.io/inject: "true"}
              annotations: {sidecar.istio.io/proxyCPU: 100m}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          annotations: {networking.istio.io/exportTo: "."}`,
    },
    {
      name: 'a pod label on the Deployment too, when the template has it as well',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reviews
          labels: {sidecar.istio.io/inject: "false"}
        spec:
          template:
            metadata:
              labels: {sidecar.istio.io/inject: "false"}`,
    },
    {
      name: 'istio.io/rev on an Istio resource and annotations for any kind',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: r
          labels: {istio.io/rev: canary}
          annotations: {galley.istio.io/analyze-suppress: "*"}
        spec: {hosts: [r]}`,
    },
  ],
  invalid: [
    {
      name: "a pod annotation on the Deployment's own metadata",
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reviews
          annotations:
            proxy.istio.io/config: '{"holdApplicationUntilProxyStarts": true}'
        #   ^^^^^^^^^^^^^^^^^^^^^ misplaced-annotation
        spec:
          template:
            metadata:
              labels: {app: reviews}`,
      messages: [
        "'proxy.istio.io/config' is read from pods only: on the Deployment's own metadata Istio never sees it. Move it to spec.template.metadata.annotations (the pod template).",
      ],
    },
    {
      name: 'the injection label on a StatefulSet instead of its pods',
      code: `
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
          labels:
            sidecar.istio.io/inject: "false"
        #   ^^^^^^^^^^^^^^^^^^^^^^^ misplaced-annotation
        spec:
          template:
            metadata:
              labels: {app: db}`,
      messages: [
        "'sidecar.istio.io/inject' is read from pods only: on the StatefulSet's own metadata Istio never sees it. Move it to spec.template.metadata.labels (the pod template).",
      ],
    },
    {
      name: 'a Service annotation on a pod template (info)',
      code: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: reviews}
        spec:
          template:
            metadata:
              annotations:
                networking.istio.io/exportTo: "."
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ misplaced-annotation`,
      messages: [
        "The annotation 'networking.istio.io/exportTo' goes on Service, not on a Pod: Istio does not read it here.",
      ],
    },
  ],
});
