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

/**
 * kubernetesScalarValue for a node of `text`, without copying its source out of the text unless
 * it may read differently: every plain scalar of every resource goes through here (the schema
 * check and `yaml11-scalar`), and nearly all of them are words or numbers both readings share.
 */
export function kubernetesScalarValueIn(node: YScalar, text: string): ScalarValue | undefined {
  if (node.style !== 'plain') return undefined;
  const { start, end } = node.span;
  if (end <= start) return undefined;
  const c = text.charCodeAt(start);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45)) {
    // Words: the 1.1 booleans are at most five letters long and start with y, o or n.
    if (end - start > 5 || !BOOLEAN_INITIALS.has(c)) return undefined;
    return kubernetesScalarValue(node, text.slice(start, end));
  }
  // Numbers: a decimal integer without a leading zero or sign reads the same in both (exactly,
  // up to 15 digits); anything with a character no Go integer holds (`.`, `s`, `:`, a line
  // break) is not one. Only what remains is copied out and looked at closely.
  let decimal = c !== 48 || end - start === 1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i);
    if (d >= 48 && d <= 57) {
      value = value * 10 + (d - 48);
      continue;
    }
    decimal = false;
    if (!GO_INT_CHARS.has(d)) return undefined;
  }
  if (decimal && end - start <= 15 && node.value === value) return undefined;
  return kubernetesScalarValue(node, text.slice(start, end));
}

const BOOLEAN_INITIALS = new Set(Object.keys(BOOLEANS).map(w => w.charCodeAt(0)));
/** Beyond the digits, what a Go integer literal can hold: signs, `_`, hex digits and radix letters. */
const GO_INT_CHARS = new Set([...'+-_abcdefABCDEFxXoObB'].map(ch => ch.charCodeAt(0)));

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
    const v = kubernetesScalarValueIn(node, text);
    return v === undefined ? undefined : { kind: 'scalar', span: node.span, value: v, style: 'plain' };
  }
  const s = kubernetesFlowString(node, text);
  return s === undefined ? undefined : { kind: 'scalar', span: node.span, value: s, style: 'plain' };
}
