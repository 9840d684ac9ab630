import * as fs from 'fs';
import * as path from 'path';
import { emitExtras } from './emitExtras';
import { emitIngress } from './emitIngress';
import { emitConfigNamespace, emitRoot } from './emitMesh';
import { emitNamespace } from './emitNamespace';
import { FileSet, type NsCtx, renderFile } from './files';
import { type Defect, Ledger } from './ledger';
import { INGRESS_NS, ROOT_NS } from './model';
import { type SizeSpec, buildPlan } from './plan';
import { Rng } from './rng';

export interface CorpusSummary {
  readonly files: number;
  readonly bytes: number;
  readonly documents: number;
  readonly services: number;
  /** Application namespaces; the infrastructure and config namespaces are counted apart. */
  readonly namespaces: number;
  readonly otherNamespaces: number;
  readonly defects: Defect[];
}

export const DEFECTS_FILE = 'defects.json';

/** Generates the corpus for a size and seed into `outDir`, replacing a previous corpus there. */
export function generateCorpus(size: SizeSpec, seed: number, outDir: string): CorpusSummary {
  const plan = buildPlan(size, seed);
  const ledger = new Ledger();
  const files = new FileSet();
  const rng = new Rng(seed).fork(`${size.name}:emit`);
  const ctx = (ns: string, omitNs: boolean): NsCtx => ({ ns, omitNs, rng: rng.fork(`ns:${ns}`), ledger });

  emitRoot(files, ctx(ROOT_NS, false));
  emitIngress(files, ctx(INGRESS_NS, false), plan);
  for (const ns of plan.namespaces) emitNamespace(files, ctx(ns.name, !!ns.kustomize), ns);
  for (const cns of plan.configNamespaces) emitConfigNamespace(files, ctx(cns.name, cns.kustomize), cns);
  emitExtras(files, rng.fork('extras'), plan.charts, plan.namespaces.length);

  prepareOutDir(outDir);
  const made = new Set<string>();
  let bytes = 0;
  let documents = 0;
  const all = files.all();
  for (const file of all) {
    const { text, documents: docs } = renderFile(file, ledger);
    const target = path.join(outDir, ...file.path.split('/'));
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
    documents += docs;
  }
  const defects = ledger.defects();
  fs.writeFileSync(path.join(outDir, DEFECTS_FILE), JSON.stringify(defects, null, 2) + '\n');
  return {
    files: all.length,
    bytes,
    documents,
    services: plan.namespaces.reduce((n, ns) => n + ns.services.length, 0),
    namespaces: plan.namespaces.length,
    otherNamespaces: 2 + plan.configNamespaces.length,
    defects,
  };
}

/**
 * Byte-identical output needs an empty directory, but deleting a directory the user pointed at by
 * mistake would be worse than refusing: only a previous corpus (it has defects.json) is removed.
 */
function prepareOutDir(outDir: string): void {
  if (fs.existsSync(outDir)) {
    const entries = fs.readdirSync(outDir);
    if (entries.length > 0 && !entries.includes(DEFECTS_FILE)) {
      throw new Error(`${outDir} is not empty and holds no ${DEFECTS_FILE}; refusing to overwrite it`);
    }
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  fs.mkdirSync(outDir, { recursive: true });
}
