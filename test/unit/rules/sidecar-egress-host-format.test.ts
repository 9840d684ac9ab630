import { ruleTester } from '../../harness/ruleTester';

ruleTester('sidecar-egress-host-format', {
  valid: [
    {
      name: 'the documented default Sidecar',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: bookinfo}
        spec:
          egress:
          - hosts: ["./*", "istio-system/*"]`,
    },
    {
      name: 'FQDNs, wildcards and ~',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          egress:
          - port: {number: 9080, protocol: HTTP, name: http}
            hosts: ["prod/reviews.prod.svc.cluster.local", "*/*.example.com", "~/*"]`,
    },
    {
      name: 'templated hosts are not judged',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          egress:
          - hosts: ["{{ .Values.host }}"]`,
    },
  ],
  invalid: [
    {
      name: 'service FQDN without namespace: the service namespace is preferred',
      messages: [
        'Istio rejects "reviews.prod.svc.cluster.local": Sidecar egress hosts must be namespace/dnsName (for example "*/reviews.prod.svc.cluster.local" or "./reviews.prod.svc.cluster.local").',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          egress:
          - hosts:
            - reviews.prod.svc.cluster.local
        #     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ sidecar-egress-host-format
            - istio-system/*`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Sidecar
          metadata: {name: s}
          spec:
            egress:
            - hosts:
              - prod/reviews.prod.svc.cluster.local
              - istio-system/*`,
      },
    },
    {
      name: 'bare * and an external name (flow, quoted)',
      messages: [
        'Istio rejects "*": Sidecar egress hosts must be namespace/dnsName (for example "*/*" or "./*").',
        'Istio rejects "api.example.com": Sidecar egress hosts must be namespace/dnsName (for example "*/api.example.com" or "./api.example.com").',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          egress:
          - hosts: ["*", "api.example.com"]
        #           ^^^ sidecar-egress-host-format
        #                ^^^^^^^^^^^^^^^^^ sidecar-egress-host-format`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Sidecar
          metadata: {name: s}
          spec:
            egress:
            - hosts: ["*/*", "api.example.com"]`,
      },
    },
    {
      name: 'short name after the namespace; List item',
      messages: [
        'Istio rejects "./cart": the host part must be a fully qualified name or *, not the short name "cart".',
        'Istio rejects "*/payments": the host part must be a fully qualified name or *, not the short name "payments".',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: Sidecar
          metadata: {name: s, namespace: shop}
          spec:
            egress:
            - hosts: [./cart, "*/payments"]
        #             ^^^^^^ sidecar-egress-host-format
        #                     ^^^^^^^^^^^^ sidecar-egress-host-format`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: Sidecar
            metadata: {name: s, namespace: shop}
            spec:
              egress:
              - hosts: [./cart.shop.svc.cluster.local, "*/payments"]`,
      },
    },
  ],
});
