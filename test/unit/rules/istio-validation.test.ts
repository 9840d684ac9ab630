import { ruleTester } from '../../harness/ruleTester';

ruleTester('istio-validation', {
  valid: [
    {
      name: 'virtual service, gateway and service entry as the samples write them',
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: bookinfo-gateway}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: ["*"]
            tls: {httpsRedirect: true}
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["bookinfo/*.example.com", "1.2.3.4"]
            tls: {mode: SIMPLE, credentialName: bookinfo-cert}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: bookinfo}
        spec:
          hosts: ["*"]
          gateways: [bookinfo-gateway, istio-system/other]
          http:
          - match:
            - uri: {regex: "^/api/v[0-9]+/.*"}
              headers:
                end-user: {exact: jason}
                ":authority": {prefix: "book"}
              withoutHeaders:
                x-debug: {regex: "*"}
            headers:
              request:
                set: {":authority": "internal.example.com"}
                remove: [x-secret]
            route:
            - destination: {host: productpage, port: {number: 9080}}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: external}
        spec:
          hosts: [api.example.com, "*.example.org"]
          addresses: [10.0.0.0/16, "2001:db8::1"]
          resolution: STATIC
          ports:
          - {number: 443, name: https, protocol: TLS}
          - {number: 8443, name: tls-alt, protocol: tls}
          endpoints:
          - address: 10.0.0.1
            ports: {https: 8443}
          - address: unix:///var/run/app.sock`,
    },
    {
      name: 'workload entry, wasm plugin, telemetry, peer authentication and request authentication',
      code: `
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: vm}
        spec:
          address: vm1.example.com
          ports: {http: 8080}
          labels: {app: vm, version: v1}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: uds}
        spec:
          address: unix://@abstract
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: auth}
        spec:
          selector: {matchLabels: {istio: ingressgateway}}
          url: ghcr.io/example/plugin:1.0
          vmConfig:
            env:
            - {name: POD_NAME, valueFrom: HOST}
            - {name: MODE, value: strict}
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: mesh-default}
        spec:
          metrics:
          - overrides:
            - tagOverrides:
                request_host: {value: "request.host"}
                response_code: {operation: REMOVE}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: ports}
        spec:
          selector: {matchLabels: {app: db}}
          mtls: {mode: STRICT}
          portLevelMtls:
            "5432": {mode: PERMISSIVE}
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: jwt}
        spec:
          jwtRules:
          - issuer: https://accounts.example.com
            jwksUri: https://accounts.example.com/.well-known/jwks.json
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: sa}
        spec:
          rules:
          - from:
            - source: {serviceAccounts: [default/sleep]}
            - source: {principals: [cluster.local/ns/default/sa/sleep], namespaces: [default]}`,
    },
    {
      name: 'templated values are not judged',
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: external}
        spec:
          hosts: ["{{ .Values.host }}"]
          resolution: "{{ .Values.resolution }}"
          endpoints:
          - address: "{{ .Values.address }}"
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [r]
          http:
          - match:
            - uri: {regex: "{{ .Values.regex }}"}
            route:
            - destination: {host: r}`,
    },
    {
      name: 'destination rules with subsets, maglev and port-level settings',
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews.prod.svc.cluster.local
          exportTo: [".", istio-system]
          trafficPolicy:
            loadBalancer:
              consistentHash:
                maglev: {tableSize: 65537}
            portLevelSettings:
            - port: {number: 9080}
              connectionPool: {tcp: {maxConnections: 100}}
          subsets:
          - name: v1
            labels: {version: v1}
          - name: v2
            labels: {version: v2}`,
    },
    {
      name: "sidecars as Istio's docs write them",
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: default, namespace: bookinfo}
        spec:
          egress:
          - hosts: ["./*", "istio-system/*"]
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: ratings, namespace: bookinfo}
        spec:
          workloadSelector: {labels: {app: ratings}}
          ingress:
          - port: {number: 9080, protocol: HTTP, name: somename}
            defaultEndpoint: unix:///var/run/someuds.sock
          - port: {number: 9443, protocol: HTTPS, name: https}
            defaultEndpoint: "[::1]:9443"
            tls: {mode: SIMPLE, privateKey: /etc/certs/key.pem, serverCertificate: /etc/certs/cert.pem}
          egress:
          - port: {number: 9080, protocol: HTTP, name: egresshttp}
            hosts: ["prod-us1/*"]
          - hosts: ["istio-system/*"]
          outboundTrafficPolicy:
            mode: ALLOW_ANY
            egressProxy: {host: egress.example.com, port: {number: 3128}}`,
    },
    {
      name: "route actions and TLS/TCP routes as Istio's docs write them",
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: ["*.bookinfo.com"]
          gateways: [bookinfo-gateway]
          http:
          - match: [{uri: {prefix: /old}}]
            redirect: {uri: /new, redirectCode: 301, scheme: https}
          - match: [{uri: {prefix: /v1}}]
            rewrite: {uri: /v2}
            fault:
              abort: {percentage: {value: 0.1}, grpcStatus: UNAVAILABLE}
            route:
            - destination: {host: reviews}
          - rewrite: {uriRegexRewrite: {match: "^/a/(.*)", rewrite: /b/}}
            route:
            - destination: {host: reviews}
          tls:
          - match:
            - sniHosts: [login.bookinfo.com]
              destinationSubnets: [10.0.0.0/8]
            route:
            - destination: {host: login}
          tcp:
          - match: [{port: 27017}]
            route:
            - destination: {host: mongo}`,
    },
    {
      name: "envoy filters as Istio's docs write them (and a waypoint patch, which the webhook skips)",
      code: `
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: lua}
        spec:
          workloadSelector: {labels: {app: reviews}}
          configPatches:
          - applyTo: HTTP_FILTER
            match:
              context: SIDECAR_INBOUND
              proxy: {proxyVersion: '^1.2[0-9].*'}
              listener:
                portNumber: 8080
                filterChain:
                  filter:
                    name: envoy.filters.network.http_connection_manager
                    subFilter: {name: envoy.filters.http.router}
            patch:
              operation: INSERT_BEFORE
              value: {name: envoy.lua}
          - applyTo: CLUSTER
            match: {cluster: {service: reviews}}
            patch: {operation: REMOVE}
          - applyTo: HTTP_FILTER
            match: {context: WAYPOINT}`,
    },
    {
      name: "authorization policies as Istio's docs write them",
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: httpbin}
        spec:
          selector: {matchLabels: {app: httpbin}}
          action: ALLOW
          rules:
          - from:
            - source: {principals: ["cluster.local/ns/default/sa/sleep"], ipBlocks: ["10.0.0.0/8", "1.2.3.4"]}
            - source: {serviceAccounts: ["sleep", "other/sa"], trustDomains: ["*.example.com"]}
            to:
            - operation: {methods: ["GET"], paths: ["/info*", "/api/{*}/items/{**}"], ports: ["8000"]}
            when:
            - key: request.auth.claims[iss]
              values: ["https://accounts.google.com"]
            - key: source.ip
              notValues: ["10.1.2.3/32"]
            - key: request.headers[User-Agent]
              values: ["curl*"]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: ext-authz}
        spec:
          action: CUSTOM
          provider: {name: my-ext-authz}
          rules:
          - to:
            - operation: {paths: ["/admin/*"]}
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny-all}
        spec:
          action: DENY
          rules:
          - {}`,
    },
    {
      name: 'a Helm chart whose templates write the servers, routes, endpoints and spec',
      code: `
        #- chart/templates/gw.yaml
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata:
          name: {{ .Release.Name }}
        spec:
          selector:
            istio: ingressgateway
          servers:
        {{- toYaml .Values.servers | nindent 4 }}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: {{ .Release.Name }}
        spec:
          hosts: [{{ .Values.host | quote }}]
        {{- with .Values.http }}
          http:
        {{- toYaml . | nindent 4 }}
        {{- end }}
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: se
        spec:
          hosts: [example.com]
          resolution: {{ .Values.resolution }}
          endpoints:
          {{- range .Values.endpoints }}
          - address: {{ . }}
          {{- end }}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata:
          name: we
        spec:
        {{ toYaml .Values.we | indent 2 }}`,
    },
  ],
  invalid: [
    {
      name: 'a virtual service without routes and a gateway without servers',
      messages: [
        'Istio would reject this VirtualService: http, tcp or tls routes must be provided.',
        'Istio would reject this Gateway: invalid gateway name "my.gateway": it must be a DNS-1123 label (no dots).',
        'Istio would reject this Gateway: a Gateway must have at least one server.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: empty}
        spec:
        #^^^ istio-validation
          hosts: [reviews]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: my.gateway}
        #                ^^^^^^^^^^ istio-validation
        spec:
          selector: {istio: ingressgateway}
          servers: []
        # ^^^^^^^ istio-validation`,
    },
    {
      name: 'regexes Istio cannot compile (RE2), header names and header operations',
      messages: [
        'Istio would reject this VirtualService: uri: invalid regex: error parsing regexp: invalid or unsupported Perl syntax: `(?!`; Istio uses RE2 syntax (https://github.com/google/re2/wiki/Syntax).',
        'Istio would reject this VirtualService: "x user" is not a valid header name.',
        'Istio would reject this VirtualService: JWT claim based routing (@request.auth.claims.group) is only supported for gateways, not for the mesh.',
        'Istio would reject this VirtualService: headers: a prefix string match must not be empty.',
        'Istio would reject this VirtualService: queryParams: invalid regex: error parsing regexp: missing closing ): `a(b`; Istio uses RE2 syntax (https://github.com/google/re2/wiki/Syntax).',
        'Istio would reject this VirtualService: invalid header ":path": a header cannot have a ":" prefix.',
        'Istio would reject this VirtualService: invalid header "Host": the Host header cannot be removed.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - match:
            - uri: {regex: "^/(?!admin).*"}
        #                  ^^^^^^^^^^^^^^^ istio-validation
              headers:
                "x user": {exact: a}
        #       ^^^^^^^^ istio-validation
                "@request.auth.claims.group": {exact: admin}
        #       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ istio-validation
                x-b: {prefix: ""}
        #                     ^^ istio-validation
              queryParams:
                id: {regex: "a(b"}
        #                   ^^^^^ istio-validation
            headers:
              request:
                set: {":path": /x}
        #             ^^^^^^^ istio-validation
              response:
                remove: [Host]
        #                ^^^^ istio-validation
            route:
            - destination: {host: reviews}`,
    },
    {
      name: 'virtual service hosts',
      messages: [
        'Istio would reject this VirtualService: the wildcard host "*" is not allowed for VirtualServices bound to the mesh.',
        'Istio would reject this VirtualService: domain name "foo_bar.com" is invalid (label "foo_bar" is not a DNS-1123 label or wildcard).',
        'Istio would reject this VirtualService: duplicate hosts in virtual service: *.example.com & api.example.com.',
        'Istio would reject this VirtualService: invalid gateway name "ingress_gw" in "istio-system/ingress_gw".',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: ["*", "foo_bar.com"]
        #         ^^^ istio-validation
        #              ^^^^^^^^^^^^^ istio-validation
          tcp:
          - route:
            - destination: {host: reviews}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: d}
        spec:
          hosts: ["*.example.com", "api.example.com"]
        #                          ^^^^^^^^^^^^^^^^^ istio-validation
          gateways: [istio-system/ingress_gw]
        #            ^^^^^^^^^^^^^^^^^^^^^^^ istio-validation
          http:
          - route:
            - destination: {host: reviews}`,
    },
    {
      name: 'gateway servers',
      messages: [
        'Istio would reject this Gateway: host "reviews": short names (not FQDN) are not allowed.',
        'Istio would reject this Gateway: host "ns/*foo.example.com": partial wildcard "*foo.example.com" is not allowed.',
        'Istio would reject this Gateway: a plain-text HTTP server cannot have TLS settings (only tls.httpsRedirect).',
        'Istio would reject this Gateway: the port number must be 0 for a unix domain socket bind.',
        'Istio would reject this Gateway: port names in servers must be unique: duplicate name "http".',
        'Istio would reject this Gateway: invalid protocol "HTTP3": supported protocols are HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TLS, TCP, MONGO, REDIS, MYSQL.',
        'Istio would reject this Gateway: targetPort has no impact on Gateways.',
        'Istio would reject this Gateway: UDS path "relative" must be an absolute path or an abstract socket (@name).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [reviews, "ns/*foo.example.com"]
        #           ^^^^^^^ istio-validation
        #                    ^^^^^^^^^^^^^^^^^^^^^ istio-validation
            tls: {mode: SIMPLE, credentialName: c}
        #   ^^^ istio-validation
          - port: {number: 8080, name: http, protocol: HTTP3, targetPort: 8080}
        #                  ^^^^ istio-validation
        #                              ^^^^ istio-validation
        #                                              ^^^^^ istio-validation
        #                                                                 ^^^^ istio-validation
            hosts: ["*"]
            bind: unix://relative
        #         ^^^^^^^^^^^^^^^ istio-validation`,
    },
    {
      name: 'gateway port 0: only with a unix:// bind',
      messages: ['Istio would reject this Gateway: a port number 0 needs a unix domain socket bind (unix://…).'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          servers:
          - port: {number: 0, name: uds, protocol: HTTP}
            hosts: ["*"]
            bind: unix:///var/run/gateway.sock
          - port: {number: 0, name: tcp, protocol: HTTP}
        #                  ^ istio-validation
            hosts: ["*"]`,
    },
    {
      name: 'service entry resolutions, addresses and ports',
      messages: [
        'Istio would reject this ServiceEntry: with resolution DNS and no endpoints, hosts must be FQDNs ("*.example.com" is not): there is nothing to resolve.',
        'Istio would reject this ServiceEntry: several hosts with a TCP port: only HTTP or TLS ports can tell hosts apart (unless resolution is NONE).',
        'Istio would reject this ServiceEntry: unsupported protocol "SOAP".',
        'Istio would reject this ServiceEntry: endpoint address "vm.example.com" is not a valid IP address.',
        'Istio would reject this ServiceEntry: endpoint port "grpc" is not defined by the ServiceEntry\'s ports.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: none}
        spec:
          hosts: [example.com]
          resolution: NONE
          endpoints:
          - address: 1.2.3.4
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: rr}
        spec:
          hosts: ["*", example.com]
          addresses: [1.2.3.4/16]
          resolution: DNS_ROUND_ROBIN
          ports:
          - {number: 80, name: http, protocol: HTTP}
          - {number: 80, name: http, protocol: HTTP}
          endpoints:
          - address: a.example.com
          - address: b.example.com
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: dns}
        spec:
          hosts: ["*.example.com", "db.example.com"]
        #         ^^^^^^^^^^^^^^^ istio-validation
          resolution: DNS
          ports:
          - {number: 5432, name: tcp, protocol: TCP}
        #                                       ^^^ istio-validation
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: static}
        spec:
          hosts: [example.com]
          resolution: STATIC
          workloadSelector: {labels: {app: "*"}}
          ports:
          - {number: 80, name: http, protocol: SOAP}
        #                                      ^^^^ istio-validation
          endpoints:
          - address: vm.example.com
        #            ^^^^^^^^^^^^^^ istio-validation
            ports: {grpc: 9000}
        #           ^^^^ istio-validation`,
    },
    {
      name: 'workload entries and groups',
      messages: ['Istio would reject this WorkloadEntry: "a b" is not a valid value for label "app".'],
      code: `
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: dir}
        spec:
          address: unix:///var/run/
          ports: {http: 80}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadEntry
        metadata: {name: none}
        spec:
          labels: {app: "a b"}
        #               ^^^^^ istio-validation
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: wg}
        spec:
          template: {serviceAccount: vm}
          probe:
            httpGet: {port: 80, scheme: FTP}`,
    },
    {
      name: 'security policies',
      messages: [
        'Istio would reject this RequestAuthentication: a targetRef must point to a Service, ServiceEntry, Gateway or GatewayClass, not apps/Deployment.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: sa}
        spec:
          selector: {matchLabels: {"app*": x}}
          rules:
          - from:
            - source: {serviceAccounts: [default/sleep], principals: [cluster.local/ns/default/sa/sleep]}
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: {name: ports}
        spec:
          portLevelMtls:
            http: {mode: STRICT}
            "70000": {mode: STRICT}
        ---
        apiVersion: security.istio.io/v1
        kind: RequestAuthentication
        metadata: {name: jwt}
        spec:
          targetRef: {kind: Deployment, group: apps, name: app, namespace: other}
        #                   ^^^^^^^^^^ istio-validation
          jwtRules:
          - issuer: example
            jwksUri: ftp://example.com/jwks
            outputClaimToHeaders: [~]`,
    },
    {
      name: 'wasm plugins and telemetry',
      messages: [
        'Istio would reject this Telemetry: tag override "a": a value must be set when the operation is UPSERT (the default).',
        'Istio would reject this Telemetry: custom tag "c" may not be null.',
        'Istio would reject this Telemetry: a custom tag name may not be empty.',
      ],
      code: `
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: p}
        spec:
          url: s3://bucket/plugin.wasm
          vmConfig:
            env:
            - {name: A, value: x, valueFrom: HOST}
            - {name: A, value: y}
        ---
        apiVersion: extensions.istio.io/v1alpha1
        kind: WasmPlugin
        metadata: {name: nospec}
        ---
        apiVersion: networking.istio.io/v1
        kind: WorkloadGroup
        metadata: {name: nospec}
        ---
        apiVersion: telemetry.istio.io/v1
        kind: Telemetry
        metadata: {name: t}
        spec:
          metrics:
          - overrides:
            - tagOverrides:
                a: {}
        #       ^ istio-validation
                b: {operation: REMOVE, value: x}
          tracing:
          - customTags:
              c: ~
        #     ^ istio-validation
              "": {literal: {value: x}}
        #     ^^ istio-validation`,
    },
    {
      name: 'destination rules Istio rejects',
      messages: [
        'Istio would reject this DestinationRule: domain name "reviews_svc" is invalid (label "reviews_svc" is not a DNS-1123 label or wildcard).',
        'Istio would reject this DestinationRule: exportTo cannot have both public (*) and other values.',
        'Istio would reject this DestinationRule: a connection pool must have at least one field (http or tcp).',
        'Istio would reject this DestinationRule: consecutiveLocalOriginFailures is set but splitExternalLocalOriginErrors is not true.',
        'Istio would reject this DestinationRule: tableSize must be a prime number for maglev (1000 is not).',
        'Istio would reject this DestinationRule: a port traffic policy must have at least one of outlierDetection, connectionPool, loadBalancer, tls.',
        'Istio would reject this DestinationRule: a traffic policy must have at least one field.',
        'Istio would reject this DestinationRule: tunnel protocol must be "CONNECT" or "POST", not "GET".',
        'Istio would reject this DestinationRule: tunnel targetHost "foo_bar" must be an FQDN or an IP address.',
        'Istio would reject this DestinationRule: duplicate subset name "v1".',
        'Istio would reject this DestinationRule: subset name "V_2" is invalid (must be a DNS-1123 label).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: reviews}
        spec:
          host: reviews_svc
        #       ^^^^^^^^^^^ istio-validation
          exportTo: ["*", "."]
        # ^^^^^^^^ istio-validation
          trafficPolicy:
            connectionPool: {}
        #   ^^^^^^^^^^^^^^ istio-validation
            outlierDetection: {consecutiveLocalOriginFailures: 5}
        #                                                      ^ istio-validation
            loadBalancer:
              consistentHash:
                maglev: {tableSize: 1000}
        #                           ^^^^ istio-validation
            portLevelSettings:
            - port: {number: 9080}
        #     ^^^^^^^^^^^^^^^^^^^^ istio-validation
          subsets:
          - name: v1
            labels: {version: v1}
            trafficPolicy: {}
        #   ^^^^^^^^^^^^^ istio-validation
          - name: v3
            trafficPolicy:
              tunnel: {protocol: GET, targetHost: "foo_bar", targetPort: 8080}
        #                        ^^^ istio-validation
        #                                         ^^^^^^^^^ istio-validation
          - name: v1
        #         ^^ istio-validation
            labels: {version: v2}
          - name: V_2
        #         ^^^ istio-validation
            labels: {version: v2}`,
    },
    {
      name: 'sidecar port 0: egress only, with a unix:// bind',
      messages: [
        'Istio would reject this Sidecar: an ingress port number must be between 1 and 65535, not 0.',
        'Istio would reject this Sidecar: a port number 0 needs a unix domain socket bind (unix://…).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: zero}
        spec:
          ingress:
          - port: {number: 0, protocol: HTTP, name: http}
        #                  ^ istio-validation
            defaultEndpoint: 127.0.0.1:8080
          egress:
          - port: {number: 0, protocol: HTTP, name: uds}
            bind: unix:///var/run/egress.sock
            hosts: ["./*"]
          - port: {number: 0, protocol: HTTP, name: ip}
        #                  ^ istio-validation
            bind: 127.0.0.1
            hosts: ["./*"]`,
    },
    {
      name: 'sidecars Istio rejects',
      messages: [
        'Istio would reject this Sidecar: a Sidecar needs egress, ingress, outboundTrafficPolicy or inboundConnectionPool (empty configuration).',
        'Istio would reject this Sidecar: defaultEndpoint must be of form 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>.',
        'Istio would reject this Sidecar: a HTTP listener cannot have TLS settings (only HTTPS and TLS ports).',
        'Istio would reject this Sidecar: tls mode ISTIO_MUTUAL cannot be set in Sidecar ingress tls.',
        'Istio would reject this Sidecar: ports on IP bound listeners must be unique (9080 is repeated).',
        'Istio would reject this Sidecar: targetPort has no impact on Sidecars.',
        'Istio would reject this Sidecar: bind "localhost" is not a valid IP address.',
        'Istio would reject this Sidecar: the egress listener without port (catch-all) must be the last one.',
        'Istio would reject this Sidecar: egressProxy can only be set with outboundTrafficPolicy mode ALLOW_ANY.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: empty}
        spec:
        #^^^ istio-validation
          workloadSelector: {labels: {app: ratings}}
        ---
        apiVersion: networking.istio.io/v1
        kind: Sidecar
        metadata: {name: s}
        spec:
          ingress:
          - port: {number: 9080, protocol: HTTP, name: http}
            defaultEndpoint: 10.0.0.1:8080
        #                    ^^^^^^^^^^^^^ istio-validation
            tls: {mode: ISTIO_MUTUAL}
        #   ^^^ istio-validation
        #               ^^^^^^^^^^^^ istio-validation
          - port: {number: 9080, protocol: HTTP, name: http2, targetPort: 80}
        #                  ^^^^ istio-validation
        #                                                                 ^^ istio-validation
            bind: localhost
        #         ^^^^^^^^^ istio-validation
          egress:
          - hosts: ["./*"]
        #   ^^^^^^^^^^^^^^ istio-validation
          - port: {number: 9080, protocol: HTTP, name: http}
            bind: "::1"
            hosts: ["./*"]
          outboundTrafficPolicy:
            egressProxy: {host: egress.example.com, port: {number: 3128}}
        #   ^^^^^^^^^^^ istio-validation`,
    },
    {
      name: 'route actions and TLS/TCP routes Istio rejects',
      messages: [
        'Istio would reject this VirtualService: redirect prefixRewrite requires all URI matches to use prefix match type.',
        'Istio would reject this VirtualService: 200 is not a valid redirect code: it must be 3xx.',
        'Istio would reject this VirtualService: invalid redirect scheme "ftp": it must be "http" or "https".',
        'Istio would reject this VirtualService: gRPC status "GONE" is not supported (use a code name such as NOT_FOUND).',
        'Istio would reject this VirtualService: exponentialDelay is not supported yet.',
        'Istio would reject this VirtualService: the authority header cannot be set multiple times.',
        'Istio would reject this VirtualService: uriRegexRewrite requires both match and rewrite.',
        'Istio would reject this VirtualService: a redirect must specify uri, authority, scheme or port.',
        'Istio would reject this VirtualService: SNI host "other.com" is not covered by any of the VirtualService\'s hosts (bookinfo.com).',
        'Istio would reject this VirtualService: a TLS match must have at least one SNI host.',
        'Istio would reject this VirtualService: "10.0.0.0/99" is not a valid CIDR block.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [bookinfo.com]
          http:
          - match: [{uri: {exact: /old}}]
            redirect: {prefixRewrite: /new, redirectCode: 200, scheme: ftp}
        #              ^^^^^^^^^^^^^ istio-validation
        #                                                 ^^^ istio-validation
        #                                                              ^^^ istio-validation
          - fault:
              abort: {grpcStatus: GONE}
        #                         ^^^^ istio-validation
              delay: {exponentialDelay: 1s}
        #             ^^^^^^^^^^^^^^^^ istio-validation
            rewrite: {authority: a.example.com}
            headers:
              request:
                set: {host: b.example.com}
        #             ^^^^ istio-validation
            route:
            - destination: {host: reviews}
          - rewrite: {uriRegexRewrite: {match: "^/a"}}
        #             ^^^^^^^^^^^^^^^ istio-validation
            redirect: {}
        #   ^^^^^^^^ istio-validation
          tls:
          - match:
            - sniHosts: [other.com]
        #                ^^^^^^^^^ istio-validation
            route:
            - destination: {host: login}
          - match:
            - sniHosts: []
        #     ^^^^^^^^ istio-validation
              destinationSubnets: [10.0.0.0/99]
        #                          ^^^^^^^^^^^ istio-validation
            route:
            - destination: {host: login}`,
    },
    {
      name: 'envoy filters Istio rejects',
      messages: [
        'Istio would reject this EnvoyFilter: invalid proxyVersion regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`; Istio uses RE2 syntax (https://github.com/google/re2/wiki/Syntax).',
        'Istio would reject this EnvoyFilter: applyTo CLUSTER cannot have a listener match.',
        'Istio would reject this EnvoyFilter: a subFilter match can be used with applyTo HTTP_FILTER only.',
        'Istio would reject this EnvoyFilter: patch operation INSERT_FIRST needs a value (only REMOVE goes without).',
        'Istio would reject this EnvoyFilter: an EnvoyFilter patch needs a patch.',
      ],
      code: `
        apiVersion: networking.istio.io/v1alpha3
        kind: EnvoyFilter
        metadata: {name: f}
        spec:
          configPatches:
          - applyTo: HTTP_FILTER
            match:
              proxy: {proxyVersion: '^1.2(?=0)'}
        #                           ^^^^^^^^^^^ istio-validation
            patch: {operation: MERGE, value: {}}
          - applyTo: CLUSTER
            match: {listener: {portNumber: 80}}
        #           ^^^^^^^^ istio-validation
            patch: {operation: MERGE, value: {}}
          - applyTo: NETWORK_FILTER
            match:
              listener:
                filterChain:
                  filter:
                    name: envoy.filters.network.tcp_proxy
                    subFilter: {name: x}
        #           ^^^^^^^^^ istio-validation
            patch: {operation: MERGE, value: {}}
          - applyTo: HTTP_FILTER
            patch: {operation: INSERT_FIRST}
        #           ^^^^^^^^^ istio-validation
          - applyTo: LISTENER
        #   ^^^^^^^ istio-validation`,
    },
    {
      name: 'authorization policies Istio rejects',
      messages: [
        'Istio would reject this AuthorizationPolicy: a CUSTOM policy needs provider.name.',
        'Istio would reject this AuthorizationPolicy: from.source.namespaces is not supported with action CUSTOM.',
        'Istio would reject this AuthorizationPolicy: request.auth.claims[group] is not supported with action CUSTOM.',
        'Istio would reject this AuthorizationPolicy: a DENY policy without rules never triggers (add an empty rule {} to match every request).',
        'Istio would reject this AuthorizationPolicy: provider may only be set with action CUSTOM, not DENY.',
        'Istio would reject this AuthorizationPolicy: bad CIDR range "10.0.0.0/33".',
        'Istio would reject this AuthorizationPolicy: expected "serviceAccount" or "namespace/serviceAccount", found "a/b/c".',
        'Istio would reject this AuthorizationPolicy: a wildcard is only allowed at the start or the end ("a*b").',
        'Istio would reject this AuthorizationPolicy: bad port "http".',
        'Istio would reject this AuthorizationPolicy: invalid path "/a/{**}/b/{**}": {**} must be the last operator.',
        'Istio would reject this AuthorizationPolicy: invalid condition on source.ip: bad IP address "not-an-ip".',
        'Istio would reject this AuthorizationPolicy: invalid condition: attribute destination.labels[app] is replaced by the workload selector.',
        'Istio would reject this AuthorizationPolicy: invalid condition: bad key "request.headers": it should have the form a[b].',
        'Istio would reject this AuthorizationPolicy: at least one of values or notValues must be set for key source.namespace.',
        'Istio would reject this AuthorizationPolicy: `from` must not be empty.',
        'Istio would reject this AuthorizationPolicy: to.operation must not be empty.',
      ],
      code: `
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: custom}
        spec:
          action: CUSTOM
        #         ^^^^^^ istio-validation
          rules:
          - from:
            - source: {namespaces: [foo]}
        #              ^^^^^^^^^^ istio-validation
            when:
            - key: request.auth.claims[group]
        #          ^^^^^^^^^^^^^^^^^^^^^^^^^^ istio-validation
              values: [admin]
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: deny}
        spec:
          action: DENY
        #         ^^^^ istio-validation
          provider: {name: x}
        # ^^^^^^^^ istio-validation
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: values}
        spec:
          rules:
          - from:
            - source: {ipBlocks: ["10.0.0.0/33"], serviceAccounts: ["a/b/c"], trustDomains: ["a*b"]}
        #                         ^^^^^^^^^^^^^ istio-validation
        #                                                           ^^^^^^^ istio-validation
        #                                                                                    ^^^^^ istio-validation
            to:
            - operation: {ports: ["http"], paths: ["/a/{**}/b/{**}"]}
        #                         ^^^^^^ istio-validation
        #                                          ^^^^^^^^^^^^^^^^ istio-validation
            when:
            - key: source.ip
              values: ["not-an-ip"]
        #              ^^^^^^^^^^^ istio-validation
            - key: destination.labels[app]
        #          ^^^^^^^^^^^^^^^^^^^^^^^ istio-validation
              values: [x]
            - key: request.headers
        #          ^^^^^^^^^^^^^^^ istio-validation
              values: [x]
            - key: source.namespace
        #          ^^^^^^^^^^^^^^^^ istio-validation
        ---
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata: {name: empty}
        spec:
          rules:
          - from: []
        #   ^^^^ istio-validation
            to:
            - operation: {methods: []}
        #                ^^^^^^^^^^^^^ istio-validation`,
    },
    {
      name: 'gateway TLS settings Istio rejects beyond missing certificates',
      messages: [
        'Istio would reject this Gateway: ISTIO_MUTUAL TLS cannot have its own credentialName.',
        'Istio would reject this Gateway: only one of credentialName, credentialNames, serverCertificate/privateKey and tlsCertificates may be set.',
        'Istio would reject this Gateway: caCrl is not supported with credentialName (put the CRL in the credential).',
        'Istio would reject this Gateway: caCrl is not supported with SIMPLE TLS.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw}
        spec:
          servers:
          - port: {number: 443, name: https, protocol: HTTPS}
            hosts: ["*.example.com"]
            tls: {mode: ISTIO_MUTUAL, credentialName: cert}
        #                             ^^^^^^^^^^^^^^ istio-validation
          - port: {number: 8443, name: https-2, protocol: HTTPS}
            hosts: ["*.example.com"]
            tls:
              mode: SIMPLE
        #     ^^^^ istio-validation
              credentialName: cert
              serverCertificate: /etc/cert.pem
              privateKey: /etc/key.pem
              caCrl: /etc/crl.pem
        #     ^^^^^ istio-validation
        #     ^^^^^ istio-validation`,
    },
  ],
});
