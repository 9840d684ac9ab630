import { ruleTester } from '../../harness/ruleTester';

ruleTester('retriable-4xx', {
  valid: [
    {
      name: 'retryOn without retriable-4xx',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            retries: {attempts: 3, retryOn: "gateway-error,connect-failure,refused-stream"}`,
    },
    {
      name: 'retriable-status-codes is a different policy',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            retries: {attempts: 2, retryOn: retriable-status-codes}`,
    },
    {
      name: 'no retries at all',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]`,
    },
  ],
  invalid: [
    {
      name: 'retriable-4xx among other policies is removed from the list',
      messages: [
        'retriable-4xx retries 409 Conflict, which usually fails again (and repeats side effects of non-idempotent requests).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            retries:
              attempts: 3
              retryOn: 5xx,retriable-4xx,connect-failure
        #                  ^^^^^^^^^^^^^ retriable-4xx`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route: [{destination: {host: reviews}}]
              retries:
                attempts: 3
                retryOn: 5xx,connect-failure`,
      },
    },
    {
      name: 'the only policy: retryOn is removed (quoted flow style)',
      messages: [
        'retriable-4xx retries 409 Conflict, which usually fails again (and repeats side effects of non-idempotent requests).',
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: r}
        spec:
          hosts: [reviews]
          http:
          - route: [{destination: {host: reviews}}]
            retries: {attempts: 2, retryOn: "retriable-4xx"}
        #                                    ^^^^^^^^^^^^^ retriable-4xx`,
      output: {
        'test.yaml': `
          apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - route: [{destination: {host: reviews}}]
              retries: {attempts: 2}`,
      },
    },
    {
      name: 'List item, second route',
      messages: [
        'retriable-4xx retries 409 Conflict, which usually fails again (and repeats side effects of non-idempotent requests).',
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: r}
          spec:
            hosts: [reviews]
            http:
            - match: [{uri: {prefix: /a}}]
              route: [{destination: {host: reviews}}]
            - route: [{destination: {host: reviews}}]
              retries:
                attempts: 2
                retryOn: retriable-4xx,reset
        #                ^^^^^^^^^^^^^ retriable-4xx`,
      output: {
        'test.yaml': `
          apiVersion: v1
          kind: List
          items:
          - apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: r}
            spec:
              hosts: [reviews]
              http:
              - match: [{uri: {prefix: /a}}]
                route: [{destination: {host: reviews}}]
              - route: [{destination: {host: reviews}}]
                retries:
                  attempts: 2
                  retryOn: reset`,
      },
    },
  ],
});
