/**
 * Hostile inputs, generated: small or ordinary-looking files that once made an analysis path
 * exponential or quadratic (issue #12). Each generator is deterministic; the hostile-input suite
 * (hostile.test.ts) times the analysis of each and `bench/hostile.ts` prints the figures.
 */

/**
 * A chain of YAML merge keys, each level merging the previous one `fanout` times. Looking up a
 * missing key walked every path through the chain: fanout^levels map visits (4^16 ≈ 4·10⁹).
 */
export function mergeKeyChain(levels: number, fanout = 4): string {
  const lines = ['apiVersion: networking.istio.io/v1', 'kind: DestinationRule', 'metadata:', '  name: merge-chain'];
  lines.push('x0: &x0 {a: 1}');
  for (let i = 1; i <= levels; i++)
    lines.push(`x${i}: &x${i} {<<: [${Array.from({ length: fanout }, () => `*x${i - 1}`).join(', ')}]}`);
  lines.push('spec:', `  <<: *x${levels}`, '  host: reviews');
  return `${lines.join('\n')}\n`;
}

/**
 * The billion laughs: nine levels of sequences of nine aliases to the level below, 9⁹ strings
 * when expanded. Used where a VirtualService reads routes, labels and hosts.
 */
export function billionLaughs(levels = 9, width = 9): string {
  const lines = ['apiVersion: networking.istio.io/v1', 'kind: VirtualService', 'metadata:', '  name: laughs'];
  lines.push(`l0: &l0 [${Array.from({ length: width }, () => '"lol"').join(', ')}]`);
  for (let i = 1; i <= levels; i++)
    lines.push(`l${i}: &l${i} [${Array.from({ length: width }, () => `*l${i - 1}`).join(', ')}]`);
  lines.push(
    `m0: &m0 {a: lol, <<: [${Array.from({ length: width }, () => '*l0').join(', ')}]}`,
    'spec:',
    `  hosts: *l${levels}`,
    `  gateways: *l${levels}`,
    `  http: *l${levels}`,
    `  tcp: *l${levels}`,
    `  exportTo: *l${levels}`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * `count` small Istio resources in one file, then a ConfigMap holding `padding` bytes of text:
 * schema validation once scanned the whole text for `{{` per resource (count × file size).
 */
export function manyDocuments(count: number, padding = 0): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++)
    parts.push(
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr-${i}\n  namespace: ns\nspec:\n  host: svc-${i}\n`,
    );
  if (padding > 0) {
    const line = '    lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    parts.push(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: blob\ndata:\n  blob: |\n${line.repeat(Math.ceil(padding / line.length))}`,
    );
  }
  return parts.join('---\n');
}

/** A Helm template whose one line of `bytes` characters holds thousands of template actions. */
export function longHelmLine(bytes: number): string {
  const head =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  hosts:\n  - ';
  const action = '{{ .Values.a }}x';
  const line = action.repeat(Math.ceil(bytes / action.length)).slice(0, bytes);
  return `${head}${line}\n`;
}

/**
 * `lines` suppression comments in a row, then `resources` VirtualServices with a finding each, each
 * under a comment of its own: each comment once looked ahead for its target line (lines²), and
 * each finding was checked against every comment (resources × lines).
 */
export function suppressionComments(lines: number, resources = 1): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push('# istio-ls-disable-next-line weights');
  for (let i = 0; i < resources; i++) {
    if (i > 0) out.push('---');
    out.push(
      '# istio-ls-disable-next-line retriable-4xx',
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      `  name: vs-${i}`,
      'spec:',
      '  hosts: [reviews]',
      '  http:',
      '  - route:',
      '    - destination: {host: reviews}',
      '      weight: 50',
    );
  }
  return `${out.join('\n')}\n`;
}
