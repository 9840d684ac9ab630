import { ruleTester } from '../../harness/ruleTester';

ruleTester('yaml11-scalar', {
  valid: [
    {
      name: 'quoted values and words both YAML versions read alike',
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se, labels: {enabled: "yes", mode: "on"}}
        spec:
          hosts: [a.example.com]
          addresses: ["001:db8::", 10.0.0.1]
          ports: [{number: 80, name: http, protocol: HTTP}]
          resolution: STATIC
          endpoints: [{address: 1.1.1.1, labels: {tier: "true", count: "08"}}]`,
    },
  ],
  invalid: [
    {
      name: 'an IPv6 address ending in a colon inside a flow list',
      messages: [
        'Kubernetes reads 001:db8:: as the string "001:db8::" (YAML 1.1); YAML 1.2 tools read a map with the key "001:db8:". Quote it to be read the same everywhere.',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {name: se}
        spec:
          hosts: [a.example.com]
          addresses: [1.2.3.4, 001:db8::]
        #                      ^^^^^^^^^ yaml11-scalar
          resolution: STATIC
          ports: [{number: 80, name: http, protocol: HTTP}]
          endpoints: [{address: 1.1.1.1}]`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: ServiceEntry
          metadata: {name: se}
          spec:
            hosts: [a.example.com]
            addresses: [1.2.3.4, "001:db8::"]
            resolution: STATIC
            ports: [{number: 80, name: http, protocol: HTTP}]
            endpoints: [{address: 1.1.1.1}]`,
      },
    },
    {
      name: 'yes/on booleans, an octal and an underscore number',
      messages: [
        'Kubernetes reads yes as the boolean true (YAML 1.1), YAML 1.2 tools as the string "yes". Quote it if you mean the string "yes".',
        'Kubernetes reads off as the boolean false (YAML 1.1), YAML 1.2 tools as the string "off". Quote it if you mean the string "off".',
        'Kubernetes reads 0777 as the number 511 (YAML 1.1), YAML 1.2 tools as the number 777. Quote it if you mean the string "0777".',
        'Kubernetes reads 1_000 as the number 1000 (YAML 1.1), YAML 1.2 tools as the string "1_000". Quote it if you mean the string "1_000".',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: dr
          labels:
            canary: yes
        #           ^^^ yaml11-scalar
            legacy: off
        #           ^^^ yaml11-scalar
        spec:
          host: reviews
          trafficPolicy:
            connectionPool:
              tcp: {maxConnections: 0777}
        #                           ^^^^ yaml11-scalar
              http: {http1MaxPendingRequests: 1_000}
        #                                     ^^^^^ yaml11-scalar`,
    },
  ],
});
