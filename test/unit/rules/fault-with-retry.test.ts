import { ruleTester } from '../../harness/ruleTester';

ruleTester('fault-with-retry', {
  valid: [
    {
      name: 'fault injection without retries or timeout (bookinfo ratings delay)',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings]
          http:
          - match:
            - headers: {end-user: {exact: jason}}
            fault:
              delay:
                percentage: {value: 100.0}
                fixedDelay: 7s
            route:
            - destination: {host: ratings, subset: v1}
          - route:
            - destination: {host: ratings, subset: v1}`,
    },
    {
      name: 'retries and timeout on a route without fault',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews}
        spec:
          hosts: [reviews]
          http:
          - route:
            - destination: {host: reviews}
            timeout: 10s
            retries: {attempts: 3, perTryTimeout: 2s}`,
    },
    {
      name: 'abort with a timeout (an abort is immediate, the timeout is irrelevant) and retries disabled',
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings]
          http:
          - fault: {abort: {httpStatus: 500, percentage: {value: 10}}}
            timeout: 3s
            retries: {attempts: 0}
            route:
            - destination: {host: ratings}`,
    },
  ],
  invalid: [
    {
      name: 'abort with retries',
      messages: [
        "This route injects aborts, which Envoy's fault filter handles before the router: injected aborts are returned to the caller without being retried. Move the fault to a route (or a client) without retries to test retry behaviour.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings]
          http:
          - fault:
              abort: {httpStatus: 503, percentage: {value: 50}}
            retries:
        #   ^^^^^^^ fault-with-retry
              attempts: 3
              retryOn: 5xx
            route:
            - destination: {host: ratings}`,
    },
    {
      name: 'delay with both timeout and retries',
      messages: [
        "This route injects delays, which Envoy's fault filter handles before the router: the injected delay is not counted against this timeout, so it cannot make the route time out.",
        "This route injects delays, which Envoy's fault filter handles before the router: the injected delay happens before the router starts the first try, so perTryTimeout never fires on it and nothing is retried. Move the fault to a route (or a client) without retries to test retry behaviour.",
      ],
      code: `
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ratings}
        spec:
          hosts: [ratings]
          http:
          - fault: {delay: {fixedDelay: 5s, percentage: {value: 100}}}
            timeout: 2s
        #   ^^^^^^^ fault-with-retry
            retries: {attempts: 2, perTryTimeout: 1s}
        #   ^^^^^^^ fault-with-retry
            route:
            - destination: {host: ratings}`,
    },
    {
      name: 'second route of a multi-document file, List item',
      messages: [
        "This route injects delays, which Envoy's fault filter handles before the router: the injected delay is not counted against this timeout, so it cannot make the route time out.",
      ],
      code: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.istio.io/v1
          kind: VirtualService
          metadata: {name: details}
          spec:
            hosts: [details]
            http:
            - match: [{uri: {prefix: /health}}]
              route: [{destination: {host: details}}]
            - route: [{destination: {host: details}}]
              fault: {delay: {fixedDelay: 1s, percentage: {value: 5}}}
              timeout: 500ms
        #     ^^^^^^^ fault-with-retry`,
    },
  ],
});
