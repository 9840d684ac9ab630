import { ruleTester } from '../../harness/ruleTester';

const MESH_STRICT = `
        #- mesh/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: istio-system}
        spec: {mtls: {mode: STRICT}}`;

const REVIEWS = `
        #- bookinfo/svc.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: reviews, namespace: bookinfo}
        spec: {selector: {app: reviews}, ports: [{port: 9080, name: http}]}`;

ruleTester('mtls-conflict', {
  valid: [
    {
      name: 'a service the workspace does not show, under a mesh-wide STRICT policy only (it may run without sidecars)',
      code: `${MESH_STRICT}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: legacy-db, namespace: apps}
        spec: {host: db.legacy.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}`,
    },
    {
      name: 'a service the workspace does not show, in a STRICT namespace with a workload policy that may relax it',
      code: `
        #- payments/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: payments}
        spec: {mtls: {mode: STRICT}}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: legacy, namespace: payments}
        spec: {selector: {matchLabels: {app: ledger}}, mtls: {mode: PERMISSIVE}}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ledger, namespace: apps}
        spec: {host: ledger.payments.svc.cluster.local, trafficPolicy: {tls: {mode: DISABLE}}}`,
    },
    {
      name: 'ISTIO_MUTUAL under a STRICT mesh',
      code: `${MESH_STRICT}${REVIEWS}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews, trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}`,
    },
    {
      name: 'a PERMISSIVE namespace policy overrides the STRICT mesh',
      code: `${MESH_STRICT}${REVIEWS}
        #- bookinfo/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: PERMISSIVE}}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}`,
    },
    {
      name: 'a workload policy relaxes the service pods (selector > namespace)',
      code: `${REVIEWS}
        #- bookinfo/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: STRICT}}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: reviews-legacy-port, namespace: bookinfo}
        spec:
          selector: {matchLabels: {app: reviews}}
          portLevelMtls: {9080: {mode: DISABLE}}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec:
          host: reviews
          trafficPolicy:
            portLevelSettings: [{port: {number: 9080}, tls: {mode: DISABLE}}]`,
    },
    {
      name: 'hosts outside the mesh (MESH_EXTERNAL ServiceEntry) may use SIMPLE TLS',
      code: `${MESH_STRICT}
        #- egress.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: api, namespace: egress}
        spec: {hosts: [api.example.com], location: MESH_EXTERNAL}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api, namespace: egress}
        spec: {host: api.example.com, trafficPolicy: {tls: {mode: SIMPLE}}}`,
    },
    {
      name: 'no STRICT policy anywhere (mesh default is PERMISSIVE)',
      code: `${REVIEWS}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: bookinfo}
        spec: {host: reviews, trafficPolicy: {tls: {mode: DISABLE}}}`,
    },
  ],
  invalid: [
    {
      name: 'DISABLE towards a service of a STRICT mesh: remove the tls block',
      messages: [
        'tls.mode DISABLE makes clients send plaintext to reviews.bookinfo.svc.cluster.local, but the whole mesh (root namespace istio-system) only accepts mutual TLS (PeerAuthentication istio-system/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
      ],
      code: `${MESH_STRICT}${REVIEWS}
        #- dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: reviews
          namespace: bookinfo
        spec:
          host: reviews
          trafficPolicy:
            tls:
              mode: DISABLE
        #           ^^^^^^^ mtls-conflict
            loadBalancer:
              simple: LEAST_REQUEST`,
      output: {
        'dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata:
            name: reviews
            namespace: bookinfo
          spec:
            host: reviews
            trafficPolicy:
              loadBalancer:
                simple: LEAST_REQUEST`,
      },
    },
    {
      name: 'SIMPLE in a subset, STRICT namespace policy, cross-namespace FQDN (flow style)',
      messages: [
        'tls.mode SIMPLE makes clients send TLS without the Istio client certificate to reviews.bookinfo.svc.cluster.local, but namespace bookinfo only accepts mutual TLS (PeerAuthentication bookinfo/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
      ],
      code: `${REVIEWS}
        #- bookinfo/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: STRICT}}
        #- front/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews, namespace: front}
        spec:
          host: reviews.bookinfo.svc.cluster.local
          subsets:
          - name: v2
            labels: {version: v2}
            trafficPolicy: {tls: {mode: SIMPLE}}
        #                               ^^^^^^ mtls-conflict`,
      output: {
        'front/dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews, namespace: front}
          spec:
            host: reviews.bookinfo.svc.cluster.local
            subsets:
            - name: v2
              labels: {version: v2}`,
      },
    },
    {
      name: 'port-level DISABLE with a kustomize namespace; the namespace policy inherits the STRICT mesh',
      messages: [
        'tls.mode DISABLE makes clients send plaintext to reviews.bookinfo.svc.cluster.local, but the whole mesh (root namespace istio-system) only accepts mutual TLS (PeerAuthentication istio-system/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
      ],
      code: `${MESH_STRICT}${REVIEWS}
        #- bookinfo/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: bookinfo}
        spec: {mtls: {mode: UNSET}}
        #- bookinfo/rules/kustomization.yaml
        namespace: bookinfo
        resources: [dr.yaml]
        #- bookinfo/rules/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews
          trafficPolicy:
            portLevelSettings:
            - port: {number: 9080}
              tls: {mode: DISABLE}
        #                 ^^^^^^^ mtls-conflict
              connectionPool: {tcp: {maxConnections: 5}}`,
      output: {
        'bookinfo/rules/dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: reviews}
          spec:
            host: reviews
            trafficPolicy:
              portLevelSettings:
              - port: {number: 9080}
                connectionPool: {tcp: {maxConnections: 5}}`,
      },
    },
    {
      name: 'a MESH_INTERNAL ServiceEntry is in the mesh; multi-document file',
      messages: [
        'tls.mode DISABLE makes clients send plaintext to legacy.vms.internal, but the whole mesh (root namespace istio-system) only accepts mutual TLS (PeerAuthentication istio-system/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
      ],
      code: `${MESH_STRICT}
        #- vm.yaml
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: legacy-vm, namespace: vms}
        spec: {hosts: [legacy.vms.internal], location: MESH_INTERNAL, workloadSelector: {labels: {app: legacy}}}
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: legacy-vm, namespace: vms}
        spec: {host: legacy.vms.internal, trafficPolicy: {tls: {mode: DISABLE}}}
        #                                                             ^^^^^^^ mtls-conflict`,
    },
    {
      name: 'no Service in the workspace (a config-only repository): the FQDN and a short host name a STRICT namespace',
      code: `
        #- payments/pa.yaml
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: default, namespace: payments}
        spec: {mtls: {mode: STRICT}}
        #- apps/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ledger, namespace: apps}
        spec:
          host: ledger.payments.svc.cluster.local
          trafficPolicy:
            tls:
              mode: DISABLE
        #           ^^^^^^^ mtls-conflict
        #- payments/dr.yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: cards, namespace: payments}
        spec:
          host: cards
          trafficPolicy:
            tls: {mode: SIMPLE}
        #               ^^^^^^ mtls-conflict`,
      messages: [
        'tls.mode DISABLE makes clients send plaintext to ledger.payments.svc.cluster.local, but namespace payments only accepts mutual TLS (PeerAuthentication payments/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
        'tls.mode SIMPLE makes clients send TLS without the Istio client certificate to cards.payments.svc.cluster.local, but namespace payments only accepts mutual TLS (PeerAuthentication payments/default is STRICT): its sidecars reject these connections. Remove the tls block and auto mTLS uses ISTIO_MUTUAL.',
      ],
      output: {
        'apps/dr.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: ledger, namespace: apps}
          spec:
            host: ledger.payments.svc.cluster.local`,
      },
    },
  ],
});
