import { ruleTester } from '../../harness/ruleTester';

ruleTester('tls-origination-without-san', {
  valid: [
    {
      name: 'a template may add the subjectAltNames (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
              caCertificates: /etc/certs/ca.pem
              {{- include "api.subjectAltNames" . | nindent 6 }}`,
    },
    {
      name: 'SIMPLE with caCertificates and subjectAltNames',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
              caCertificates: /etc/certs/ca.pem
              subjectAltNames: [api.example.com]`,
    },
    {
      name: 'SIMPLE with system CAs (no caCertificates) and ISTIO_MUTUAL',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls: {mode: SIMPLE}
          subsets:
          - name: internal
            labels: {tier: internal}
            trafficPolicy:
              tls: {mode: ISTIO_MUTUAL}`,
    },
    {
      name: 'insecureSkipVerify opts out explicitly',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls: {mode: SIMPLE, caCertificates: /etc/ca.pem, insecureSkipVerify: true}`,
    },
  ],
  invalid: [
    {
      name: 'SIMPLE with caCertificates, no SANs: the host is added',
      messages: [
        "TLS SIMPLE in trafficPolicy verifies the server certificate against caCertificates but not its name: any certificate from that CA is accepted (Istio's automatic SAN check covers HTTP requests only). Add subjectAltNames.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: api}
        spec:
          host: api.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
              caCertificates: /etc/certs/ca.pem
        #     ^^^^^^^^^^^^^^ tls-origination-without-san`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: api}
          spec:
            host: api.example.com
            trafficPolicy:
              tls:
                mode: SIMPLE
                caCertificates: /etc/certs/ca.pem
                subjectAltNames:
                - api.example.com`,
      },
    },
    {
      name: 'MUTUAL on a port with sni: the sni is the SAN (flow style)',
      messages: [
        'TLS MUTUAL in port 5432 verifies the server certificate against caCertificates but not its name: any certificate from that CA is accepted (sni is set, so Istio adds no automatic SAN check). Add subjectAltNames.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: db}
        spec:
          host: db.internal
          trafficPolicy:
            portLevelSettings:
            - port: {number: 5432}
              tls: {mode: MUTUAL, caCertificates: /etc/ca.pem, clientCertificate: /etc/c.pem, privateKey: /etc/k.pem, sni: pg.internal}
        #                         ^^^^^^^^^^^^^^ tls-origination-without-san`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: DestinationRule
          metadata: {name: db}
          spec:
            host: db.internal
            trafficPolicy:
              portLevelSettings:
              - port: {number: 5432}
                tls: {mode: MUTUAL, caCertificates: /etc/ca.pem, clientCertificate: /etc/c.pem, privateKey: /etc/k.pem, sni: pg.internal, subjectAltNames: [pg.internal]}`,
      },
    },
    {
      name: 'wildcard host: reported without a fix; multi-document',
      messages: [
        "TLS SIMPLE in trafficPolicy verifies the server certificate against caCertificates but not its name: any certificate from that CA is accepted (Istio's automatic SAN check covers HTTP requests only). Add subjectAltNames.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: ext}
        spec:
          hosts: ["*.example.com"]
          ports: [{number: 443, name: https, protocol: TLS}]
          resolution: NONE
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ext}
        spec:
          host: "*.example.com"
          trafficPolicy:
            tls:
              mode: SIMPLE
              caCertificates: /etc/ca.pem
        #     ^^^^^^^^^^^^^^ tls-origination-without-san
              subjectAltNames: []`,
    },
  ],
});
