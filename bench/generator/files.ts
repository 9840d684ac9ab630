import { type Ledger } from './ledger';
import { type Rng } from './rng';

/** One YAML document as lines (without the `---` separator). */
export type Doc = string[];

export interface GenFile {
  readonly path: string;
  readonly docs: Doc[];
  readonly header: string[];
  /** Start the file with `---` as many hand-written manifests do. */
  readonly leadingSeparator: boolean;
  /** Verbatim text (Helm templates, non-YAML files); `docs` is ignored when set. */
  readonly raw?: { readonly text: string; readonly documents: number };
}

/** Where emitters put documents; appending to a path already used extends that file. */
export class FileSet {
  private readonly files = new Map<string, GenFile>();

  add(path: string, docs: Doc[], opts: { header?: string[]; leadingSeparator?: boolean } = {}): void {
    const existing = this.files.get(path);
    if (existing) {
      if (existing.raw) throw new Error(`${path} is raw`);
      existing.docs.push(...docs);
      return;
    }
    this.files.set(path, {
      path,
      docs: [...docs],
      header: opts.header ?? [],
      leadingSeparator: opts.leadingSeparator ?? false,
    });
  }

  addRaw(path: string, text: string, documents: number): void {
    if (this.files.has(path)) throw new Error(`${path} written twice`);
    this.files.set(path, { path, docs: [], header: [], leadingSeparator: false, raw: { text, documents } });
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Paths under a prefix, in insertion order (kustomizations list what their directory holds). */
  pathsUnder(prefix: string): string[] {
    return [...this.files.keys()].filter(p => p.startsWith(prefix));
  }

  all(): GenFile[] {
    return [...this.files.values()];
  }
}

/**
 * Renders a file; planted-defect tokens are resolved into the ledger here, and every document
 * holding one gets a `# planted: <rule>` comment line above it.
 */
export function renderFile(file: GenFile, ledger: Ledger): { text: string; documents: number } {
  if (file.raw) return { text: file.raw.text, documents: file.raw.documents };
  const lines: string[] = [...file.header];
  file.docs.forEach((doc, i) => {
    if (i > 0 || file.leadingSeparator) lines.push('---');
    for (const rule of ledger.rulesIn(doc)) lines.push(`# planted: ${rule}`);
    lines.push(...doc);
  });
  ledger.place(file.path, lines);
  return { text: lines.join('\n') + '\n', documents: file.docs.length };
}

/** Namespace context shared by emitters: kustomize bases leave `metadata.namespace` out. */
export interface NsCtx {
  readonly ns: string;
  readonly omitNs: boolean;
  readonly rng: Rng;
  readonly ledger: Ledger;
}

export function metadata(ctx: NsCtx, name: string, extra: string[] = []): string[] {
  const lines = ['metadata:', `  name: ${name}`];
  if (!ctx.omitNs) lines.push(`  namespace: ${ctx.ns}`);
  return lines.concat(extra);
}

/** Indents lines by `n` spaces. */
export function indent(n: number, lines: readonly string[]): string[] {
  const pad = ' '.repeat(n);
  return lines.map(l => (l.length > 0 ? pad + l : l));
}

/** A label block, sometimes in flow style as people write it by hand. */
export function labelBlock(
  rng: Rng,
  key: string,
  labels: ReadonlyArray<readonly [string, string]>,
  flow = 0.2,
): string[] {
  if (rng.chance(flow)) return [`${key}: {${labels.map(([k, v]) => `${k}: ${v}`).join(', ')}}`];
  return [`${key}:`, ...labels.map(([k, v]) => `  ${k}: ${v}`)];
}
