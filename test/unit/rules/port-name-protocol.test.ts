import { ruleTester } from '../../harness/ruleTester';

ruleTester('port-name-protocol', {
  valid: [
    {
      name: 'protocol-prefixed names (bookinfo style)',
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: reviews}
        spec:
          selector: {app: reviews}
          ports:
          - {name: http, port: 9080}
          - {name: grpc-api, port: 50051}
          - {name: tcp-db, port: 5432}
          - {name: HTTP2-web, port: 8081}`,
    },
    {
      name: 'appProtocol declared; UDP ports are not proxied',
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: dns}
        spec:
          ports:
          - {name: dns-tcp, port: 53, appProtocol: tcp}
          - {name: dns, port: 53, protocol: UDP}
          - {name: web, port: 80, appProtocol: kubernetes.io/h2c}`,
    },
    {
      name: 'other kinds with ports are not Services',
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [api.example.com]
          ports: [{number: 443, name: web, protocol: TLS}]`,
    },
    {
      name: 'Services istioctl does not analyse: system namespaces, the control plane, managed gateways',
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: kube-dns, namespace: kube-system}
        spec:
          ports: [{name: dns-tcp, port: 53}, {name: metrics, port: 9153}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: cluster-info, namespace: kube-public}
        spec:
          ports: [{port: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: istiod, namespace: istio-system, labels: {istio: pilot}}
        spec:
          ports: [{name: grpc-xds, port: 15010}, {name: https-dns, port: 15012}, {name: webhook, port: 443}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system, labels: {release: istio}}
        spec:
          ports: [{name: status-port, port: 15021}, {name: web, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: waypoint
          namespace: shop
          labels: {gateway.istio.io/managed: istio.io-mesh-controller}
        spec:
          ports: [{name: mesh, port: 15008}, {name: hbone-extra, port: 15099}, {name: other, port: 9000}]`,
    },
    {
      name: 'templated ports in a file outside any chart (gomplate, envsubst-style generators)',
      code: `
        #- deploy/service.yaml
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          ports:
          {{- range .Values.ports }}
          - port: {{ .port }}
            targetPort: {{ .target }}
          {{- end }}
          - port: 9000
            {{- include "port.naming" . | nindent 4 }}
          - name: {{ .Env.PORT_NAME }}
            port: 8080`,
    },
  ],
  invalid: [
    {
      name: 'unprefixed name: appProtocol guessed from the name',
      messages: [
        'Port name "web" does not start with a protocol Istio knows (http-, grpc-, tcp-…) and there is no appProtocol: Istio has to sniff the protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
      ],
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: frontend}
        spec:
          ports:
          - name: web
        #         ^^^ port-name-protocol
            port: 8080
            targetPort: 8080`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: frontend}
          spec:
            ports:
            - name: web
              port: 8080
              targetPort: 8080
              appProtocol: http`,
      },
    },
    {
      name: 'unnamed port points at the port key; flow style gets appProtocol inline',
      messages: [
        'Port 5432 has no name and no appProtocol: Istio has to sniff its protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
      ],
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec:
          ports: [{port: 5432}]
        #          ^^^^ port-name-protocol`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: Service
          metadata: {name: db}
          spec:
            ports: [{port: 5432, appProtocol: tcp}]`,
      },
    },
    {
      name: 'a non-preferred fix can be chosen (metrics guesses http, tcp is offered too); in a List with a Deployment',
      messages: [
        'Port name "metrics-port" does not start with a protocol Istio knows (http-, grpc-, tcp-…) and there is no appProtocol: Istio has to sniff the protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
        'Port name "custom" does not start with a protocol Istio knows (http-, grpc-, tcp-…) and there is no appProtocol: Istio has to sniff the protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: a}
          spec: {template: {metadata: {labels: {app: a}}}}
        - apiVersion: v1
          kind: Service
          metadata: {name: a}
          spec:
            ports:
            - {name: metrics-port, port: 9999}
        #            ^^^^^^^^^^^^ port-name-protocol
            - {name: custom, port: 7000}
        #            ^^^^^^ port-name-protocol`,
      fix: 'Add appProtocol: tcp',
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a}
            spec: {template: {metadata: {labels: {app: a}}}}
          - apiVersion: v1
            kind: Service
            metadata: {name: a}
            spec:
              ports:
              - {name: metrics-port, port: 9999, appProtocol: tcp}
              - {name: custom, port: 7000}`,
      },
    },
    {
      name: 'in istio-system without the control-plane labels (an addon), and next to templated ports',
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: jaeger-collector, namespace: istio-system, labels: {app: jaeger}}
        spec:
          ports:
          - name: jaeger-collector-http
        #         ^^^^^^^^^^^^^^^^^^^^^ port-name-protocol
            port: 14268
          - name: {{ .Values.grpcName }}
            port: 14250
          - port: 9411
        #   ^^^^ port-name-protocol
            targetPort: 9411
          {{- if .Values.extra }}
          - name: http-extra
            port: 8080
          {{- end }}`,
      messages: [
        'Port name "jaeger-collector-http" does not start with a protocol Istio knows (http-, grpc-, tcp-…) and there is no appProtocol: Istio has to sniff the protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
        'Port 9411 has no name and no appProtocol: Istio has to sniff its protocol (non-HTTP traffic is treated as plain TCP). Declare appProtocol.',
      ],
    },
  ],
});
