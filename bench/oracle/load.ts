import * as fs from 'fs';
import * as path from 'path';
import { type Document, LineCounter, type Node, type Scalar, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { isHelmTemplate, yamlFiles } from '../walk';

/**
 * A deliberately simple, independent reading of a corpus for the self-check: enough Kubernetes and
 * kustomize semantics to recompute the planted rules, nothing shared with the generator's plan.
 */
export interface Resource {
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly ns: string;
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly root: unknown;
  readonly lines: LineCounter;
}

export interface Corpus {
  readonly resources: Resource[];
  /** YAML syntax errors outside Helm templates, as `file:line message`. */
  readonly syntaxErrors: string[];
  /** Lines of every file, for checking where defects point. */
  readonly text: Map<string, string[]>;
}

export const DEFAULT_NS = 'default';

export function loadCorpus(dir: string): Corpus {
  const files = yamlFiles(dir).filter(f => !isHelmTemplate(f));
  const parsed = new Map<string, { docs: Document.Parsed[]; lines: LineCounter }>();
  const text = new Map<string, string[]>();
  const syntaxErrors: string[] = [];
  for (const file of files) {
    const src = fs.readFileSync(path.join(dir, file), 'utf8');
    text.set(file, src.split('\n'));
    const lines = new LineCounter();
    const docs = parseAllDocuments(src, { lineCounter: lines });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list)
      for (const e of d.errors)
        syntaxErrors.push(`${file}:${lines.linePos(e.pos[0]).line} ${e.message.split('\n')[0]}`);
    parsed.set(file, { docs: list, lines });
  }
  const kustomizeNs = kustomizeNamespaces(parsed);
  const resources: Resource[] = [];
  for (const [file, { docs, lines }] of parsed) {
    for (const doc of docs) {
      const root = doc.contents;
      const kind = str(get(root, 'kind'));
      const apiVersion = str(get(root, 'apiVersion'));
      const name = str(get(get(root, 'metadata'), 'name'));
      if (!kind || !apiVersion || !name || kind === 'Kustomization') continue;
      const ns = str(get(get(root, 'metadata'), 'namespace')) ?? kustomizeNs.get(file) ?? DEFAULT_NS;
      resources.push({ kind, apiVersion, name, ns, file, doc, root, lines });
    }
  }
  return { resources, syntaxErrors, text };
}

/** File -> namespace set by the outermost kustomization that (transitively) lists it. */
function kustomizeNamespaces(parsed: Map<string, { docs: Document.Parsed[] }>): Map<string, string> {
  const kustomizations = new Map<string, unknown>();
  for (const [file, { docs }] of parsed) {
    if (/(^|\/)kustomization\.ya?ml$/.test(file) && docs[0])
      kustomizations.set(path.posix.dirname(file), docs[0].contents);
  }
  const out = new Map<string, string>();
  const assign = (kdir: string, ns: string, seen: Set<string>): void => {
    if (seen.has(kdir)) return;
    seen.add(kdir);
    for (const item of items(get(kustomizations.get(kdir), 'resources'))) {
      const rel = str(item);
      if (!rel) continue;
      const target = path.posix.normalize(path.posix.join(kdir, rel));
      if (kustomizations.has(target)) assign(target, ns, seen);
      else if (!out.has(target)) out.set(target, ns);
    }
  };
  // Outer kustomizations (those that set a namespace) win; their bases inherit it.
  for (const [kdir, root] of kustomizations) {
    const ns = str(get(root, 'namespace'));
    if (ns) assign(kdir, ns, new Set());
  }
  return out;
}

export function get(node: unknown, key: string): unknown {
  return isMap(node) ? node.get(key, true) : undefined;
}

/** The key scalar of `key` in a map, for findings that point at the key. */
export function keyNode(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find(p => isScalar(p.key) && p.key.value === key);
  return pair?.key as Node | undefined;
}

export function str(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

export function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function strings(node: unknown): string[] | undefined {
  if (!isSeq(node)) return undefined;
  return node.items.map(i => str(i)).filter((s): s is string => s !== undefined);
}

/** A string-valued map as a plain record (labels, selectors). */
export function stringMap(node: unknown): Record<string, string> | undefined {
  if (!isMap(node)) return undefined;
  const out: Record<string, string> = {};
  for (const p of node.items) {
    if (isScalar(p.key) && isScalar(p.value)) out[String(p.key.value)] = String(p.value.value);
  }
  return out;
}

export function lineOf(res: Resource, node: unknown): number {
  const range = (node as Scalar | undefined)?.range;
  if (!range) throw new Error(`${res.file}: node without range`);
  return res.lines.linePos(range[0]).line;
}
