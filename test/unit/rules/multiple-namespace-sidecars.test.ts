import { ruleTester } from '../../harness/ruleTester';

ruleTester('multiple-namespace-sidecars', {
  valid: [
    {
      name: 'one default Sidecar per namespace',
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: shop}
        spec: {egress: [{hosts: ["./*", "istio-system/*"]}]}
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: bookinfo}
        spec: {egress: [{hosts: ["./*"]}]}`,
    },
    {
      name: 'Sidecars with workloadSelector next to the default',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: shop}
        spec: {egress: [{hosts: ["./*"]}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: cart, namespace: shop}
        spec:
          workloadSelector: {labels: {app: cart}}
          egress: [{hosts: ["./*", "payments/*"]}]`,
    },
    {
      name: 'a templated Sidecar may hide its selector',
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: shop}
        spec: {egress: [{hosts: ["./*"]}]}
        #- chart/templates/sidecar.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: {{ .Values.name }}, namespace: shop}
        spec:
          {{- with .Values.selector }}
          workloadSelector: {{ toYaml . | nindent 4 }}
          {{- end }}
          egress: [{hosts: ["./*"]}]`,
    },
  ],
  invalid: [
    {
      name: 'two default Sidecars in one namespace: both reported',
      messages: [
        'Namespace shop has 2 Sidecars without workloadSelector (also Sidecar shop/restrict-egress). Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
        'Namespace shop has 2 Sidecars without workloadSelector (also Sidecar shop/default). Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
      ],
      code: `
        #- a.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata:
          name: default
        #       ^^^^^^^ multiple-namespace-sidecars
          namespace: shop
        spec: {egress: [{hosts: ["./*"]}]}
        #- b.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: restrict-egress, namespace: shop}
        #                ^^^^^^^^^^^^^^^ multiple-namespace-sidecars
        spec: {outboundTrafficPolicy: {mode: REGISTRY_ONLY}}`,
    },
    {
      name: 'kustomization namespace joins a file without namespace',
      messages: [
        'Namespace shop has 2 Sidecars without workloadSelector (also Sidecar shop/default). Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
        'Namespace shop has 2 Sidecars without workloadSelector (also Sidecar shop/platform-default). Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
      ],
      code: `
        #- shop/kustomization.yaml
        namespace: shop
        resources: [sidecar.yaml]
        #- shop/sidecar.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default}
        #                ^^^^^^^ multiple-namespace-sidecars
        spec: {egress: [{hosts: ["./*"]}]}
        #- platform/sidecar.yaml
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: platform-default, namespace: shop}
        #                ^^^^^^^^^^^^^^^^ multiple-namespace-sidecars
        spec: {egress: [{hosts: ["istio-system/*"]}]}`,
    },
    {
      name: 'root namespace: two mesh-wide defaults, multi-document file',
      messages: [
        'Namespace istio-system has 2 Sidecars without workloadSelector (also Sidecar istio-system/default); in the root namespace it is the mesh-wide default. Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
        'Namespace istio-system has 2 Sidecars without workloadSelector (also Sidecar istio-system/mesh-default); in the root namespace it is the mesh-wide default. Istio uses only one default Sidecar per namespace (the oldest) and ignores the rest: merge them, or give all but one a workloadSelector.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: mesh-default, namespace: istio-system}
        #                ^^^^^^^^^^^^ multiple-namespace-sidecars
        spec: {egress: [{hosts: ["./*"]}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: istio-system}
        #                ^^^^^^^ multiple-namespace-sidecars
        spec: {egress: [{hosts: ["*/*"]}]}`,
    },
  ],
});
