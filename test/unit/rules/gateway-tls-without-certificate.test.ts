import { ruleTester } from '../../harness/ruleTester';

ruleTester('gateway-tls-without-certificate', {
  valid: [
    {
      name: 'a template may add the tls block or the certificate (a file with {{ }}, in a chart or not)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: shop}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [shop.example.com]
            {{- include "gateway.tls" . | nindent 4 }}
          - port: {number: 8443, name: https-admin, protocol: HTTPS}
            hosts: [admin.example.com]
            tls:
              mode: SIMPLE
              {{- include "gateway.certificate" . | nindent 6 }}`,
    },
    {
      name: 'HTTPS with credentialName, HTTP with httpsRedirect, passthrough',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [bookinfo.example.com]
            tls: {mode: SIMPLE, credentialName: bookinfo-credential}
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [bookinfo.example.com]
            tls: {httpsRedirect: true}
          - port: {number: 8443, name: tls, protocol: TLS}
            hosts: [db.example.com]
            tls: {mode: PASSTHROUGH}`,
    },
    {
      name: 'file-based MUTUAL with a CA, templated credentialName',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*"]
            tls:
              mode: MUTUAL
              serverCertificate: /etc/certs/server.pem
              privateKey: /etc/certs/key.pem
              caCertificates: /etc/certs/ca.pem
          - port: {number: 9443, name: https-2, protocol: HTTPS}
            hosts: ["*"]
            tls: {mode: SIMPLE, credentialName: "{{ .Values.cert }}"}`,
    },
    {
      name: 'ISTIO_MUTUAL (east-west) needs no certificate',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: cross-network}
        spec:
          selector: {istio: eastwestgateway}
          servers:
          - port: {number: 15443, name: tls, protocol: TLS}
            hosts: ["*.local"]
            tls: {mode: AUTO_PASSTHROUGH}
          - port: {number: 15012, name: tls-istiod, protocol: tls}
            hosts: ["*"]
            tls: {mode: ISTIO_MUTUAL}`,
    },
  ],
  invalid: [
    {
      name: 'SIMPLE without a certificate',
      messages: [
        "Istio rejects this server: TLS mode SIMPLE needs a certificate — set credentialName (a Secret in the gateway's namespace) or serverCertificate and privateKey.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: bookinfo-gateway}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [bookinfo.example.com]
            tls:
              mode: SIMPLE
        #           ^^^^^^ gateway-tls-without-certificate`,
      fix: 'Add credentialName',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: bookinfo-gateway}
          spec:
            selector: {istio: ingressgateway}
            servers:
            - port: {number: 443, name: https, protocol: HTTPS}
              hosts: [bookinfo.example.com]
              tls:
                mode: SIMPLE
                credentialName: bookinfo-gateway-credential`,
      },
    },
    {
      name: 'HTTPS port without tls',
      messages: ['Istio rejects this server: protocol HTTPS needs tls settings (mode and credentialName).'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port:
              number: 443
              name: https
              protocol: HTTPS
        #               ^^^^^ gateway-tls-without-certificate
            hosts: [web.example.com]`,
      fix: 'Add tls',
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: Gateway
          metadata: {name: gw}
          spec:
            selector: {istio: ingressgateway}
            servers:
            - port:
                number: 443
                name: https
                protocol: HTTPS
              hosts: [web.example.com]
              tls:
                mode: SIMPLE
                credentialName: gw-credential`,
      },
    },
    {
      name: 'file-based MUTUAL without CA and OPTIONAL_MUTUAL with only a key; multi-document',
      messages: [
        'Istio rejects this server: MUTUAL with file-based certificates also needs caCertificates to verify clients (or use credentialName with a ca.crt).',
        "Istio rejects this server: TLS mode OPTIONAL_MUTUAL needs a certificate — set credentialName (a Secret in the gateway's namespace) or serverCertificate and privateKey.",
      ],
      code: `
        apiVersion: v1
        kind: Service
        metadata: {name: istio-ingressgateway, namespace: istio-system}
        spec: {selector: {istio: ingressgateway}, ports: [{name: https, port: 443}]}
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: [a.example.com]
            tls: {mode: MUTUAL, serverCertificate: /c.pem, privateKey: /k.pem}
        #               ^^^^^^ gateway-tls-without-certificate
          - port: {number: 8443, name: https-b, protocol: HTTPS}
            hosts: [b.example.com]
            tls: {mode: OPTIONAL_MUTUAL, privateKey: /k.pem}
        #               ^^^^^^^^^^^^^^^ gateway-tls-without-certificate`,
    },
  ],
});
