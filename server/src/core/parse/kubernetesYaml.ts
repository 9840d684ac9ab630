import type { ScalarValue, YMap, YNode, YScalar } from './types';

/**
 * YAML as Kubernetes reads it. `kubectl` and the API server parse YAML with go-yaml v2 (via
 * sigs.k8s.io/yaml), which resolves plain scalars by YAML 1.1 rules; the analysis parses YAML 1.2.
 * Where the two disagree, Kubernetes stores the 1.1 reading, so schema and CEL checks must judge
 * that. go-yaml v2 has no sexagesimal numbers (`1:20` is a string in both) and keeps timestamps
 * as strings when decoding into untyped JSON, so those do not differ.
 */

/** go-yaml v2's boolean words (resolve.go), beyond YAML 1.2's true/false. */
const BOOLEANS: Readonly<Record<string, boolean>> = {
  y: true,
  Y: true,
  yes: true,
  Yes: true,
  YES: true,
  on: true,
  On: true,
  ON: true,
  n: false,
  N: false,
  no: false,
  No: false,
  NO: false,
  off: false,
  Off: false,
  OFF: false,
};

// strconv.ParseInt(s, 0, 64) after go-yaml strips underscores: 0x, 0o, 0b prefixes and C-style octal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/**
 * The value Kubernetes stores for a plain scalar, when it differs from the YAML 1.2 reading
 * (`undefined` when both agree). Quoted and block scalars read the same in both.
 */
export function kubernetesScalarValue(node: YScalar, source: string): ScalarValue | undefined {
  if (node.style !== 'plain' || source.length === 0 || source.includes('\n')) return undefined;
  const c = source.charCodeAt(0);
  // Words: only the 1.1 booleans differ. Numbers start with a digit or a sign.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45)) {
    const b = BOOLEANS[source];
    return b !== undefined && node.value !== b ? b : undefined;
  }
  const plain = source.includes('_') ? source.replace(/_/g, '') : source;
  if (!GO_INT.test(plain)) return undefined;
  const k8s = goInt(plain);
  if (k8s === undefined || Object.is(k8s, node.value)) return undefined;
  return k8s;
}

function goInt(text: string): number | undefined {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  if (!Number.isFinite(value)) return undefined;
  return negative ? -value : value;
}

/**
 * A braceless single pair inside a flow sequence whose colon is glued to the next `,`/`]`, like
 * the IPv6 address in `[1.2.3.4, 001:db8::]`: YAML 1.2 reads a map `{ "001:db8:": null }`,
 * go-yaml one plain string. Returns the string Kubernetes stores, or undefined.
 */
export function kubernetesFlowString(node: YNode, text: string): string | undefined {
  if (node.kind !== 'map' || !node.flow || node.items.length !== 1) return undefined;
  const source = text.slice(node.span.start, node.span.end);
  if (!source.endsWith(':') || source.startsWith('{') || /\s/.test(source)) return undefined;
  const pair = (node as YMap).items[0];
  const value = pair?.value;
  if (!pair?.key || pair.key.kind !== 'scalar' || pair.key.style !== 'plain') return undefined;
  if (value && !(value.kind === 'scalar' && value.value === null && value.span.start === value.span.end))
    return undefined;
  return source;
}

/** The scalar node as Kubernetes reads it: same span, the 1.1 value. */
export function asKubernetesScalar(node: YNode, text: string): YScalar | undefined {
  if (node.kind === 'scalar') {
    const v = kubernetesScalarValue(node, text.slice(node.span.start, node.span.end));
    return v === undefined ? undefined : { kind: 'scalar', span: node.span, value: v, style: 'plain' };
  }
  const s = kubernetesFlowString(node, text);
  return s === undefined ? undefined : { kind: 'scalar', span: node.span, value: s, style: 'plain' };
}
